"""Permission policies: one per model, answering the only two questions a view asks.

- may this user do ACTION to this record? (`user_has_permission_for_instance`)
- which records may this user do ACTION to? (`instances_user_has_permission_for`)

Views never test roles themselves; they ask the model's policy. Everything is scoped to a
partnership through the user's Membership there (see saferplan.accounts.models.Role).
"""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext


class PermissionPolicy:
    """A policy for records that belong to a partnership.

    `roles_for_action` maps an action ("view", "change", ...) to the roles that may do it;
    `partnership_path` is the lookup from the model to its Partnership ("" for Partnership
    itself). Superusers may do everything.
    """

    model: type[models.Model]
    partnership_path: str = "partnership"
    roles_for_action: dict[str, Iterable[str]] = {}

    def _roles(self, action: str) -> set[str]:
        if action not in self.roles_for_action:
            raise ValueError(f"{type(self).__name__} has no action {action!r}")
        return set(self.roles_for_action[action])

    def partnership_ids_for(self, user, action: str) -> set[int]:
        """The partnerships where the user holds a role that allows `action`."""
        if not user.is_authenticated:
            return set()
        roles = self._roles(action)
        return {m.partnership_id for m in user_memberships(user) if m.role in roles}

    def partnership_of(self, instance) -> int:
        if not self.partnership_path:
            return instance.pk
        return getattr(instance, f"{self.partnership_path}_id")

    def user_has_permission(self, user, action: str) -> bool:
        """May the user do `action` to some record of this model, anywhere?"""
        if user.is_authenticated and user.is_superuser:
            return True
        return bool(self.partnership_ids_for(user, action))

    def user_has_permission_for_instance(self, user, action: str, instance) -> bool:
        if user.is_authenticated and user.is_superuser:
            self._roles(action)
            return True
        return self.partnership_of(instance) in self.partnership_ids_for(user, action)

    def instances_user_has_permission_for(self, user, action: str) -> models.QuerySet:
        queryset = self.model._default_manager.all()
        if user.is_authenticated and user.is_superuser:
            self._roles(action)
            return queryset
        lookup = f"{self.partnership_path}__in" if self.partnership_path else "pk__in"
        return queryset.filter(**{lookup: self.partnership_ids_for(user, action)})

    def require(self, user, action: str, instance) -> None:
        """Raise PermissionDenied unless the user may do `action` to `instance`."""
        if not self.user_has_permission_for_instance(user, action, instance):
            # Translators: thing is the kind of record, e.g. "action", "board report"
            raise PermissionDenied(
                gettext("You do not have permission to do that to this %(thing)s.")
                % {"thing": instance._meta.verbose_name}
            )


def user_memberships(user) -> list:
    """The user's memberships, fetched once per request object (cached on the user)."""
    cached = getattr(user, "_saferplan_memberships", None)
    if cached is None:
        cached = list(user.memberships.select_related("partnership").order_by("partnership__name"))
        user._saferplan_memberships = cached
    return cached


def member_partnership_ids(user) -> set[int] | None:
    """The partnerships whose records the user reads as a member (OFFICIAL-SENSITIVE
    included); None means every partnership (an administrator), the empty set the public."""
    if user.is_authenticated and user.is_superuser:
        return None
    return {m.partnership_id for m in user_memberships(user)} if user.is_authenticated else set()


def sees_sensitive_of(user, partnership_ids: Iterable[int] | None) -> bool:
    """May the user read OFFICIAL-SENSITIVE material owned by `partnership_ids`? Members of
    one of them, and administrators; when the owners are unknown (None), administrators
    only. The one rule behind every `visible_to()` of a marked queryset."""
    members_of = member_partnership_ids(user)
    if members_of is None:
        return True
    return partnership_ids is not None and bool(members_of & set(partnership_ids))
