"""Who may see and change plans and actions.

Plans belong to one partnership. An action belongs to its plan's partnership and to any
partnership it is joint with: members of all of them see it, OFFICIAL-SENSITIVE or not, and
their coordinators and owners add updates to it. Only the plan's own partnership changes the
action itself — its marking, its joint partners, its owners, its wording — so that a joint
partner can never declassify or re-share another partnership's action (ADR 0019). Nobody
else sees it, and public pages never show sensitive material.
"""

from django.db.models import Q

from saferplan.accounts.models import ALL_ROLES, Role
from saferplan.core.permissions import PermissionPolicy, user_memberships

from .models import Action, Plan, Update


class PlanPolicy(PermissionPolicy):
    model = Plan
    roles_for_action = {
        "view": ALL_ROLES,
        # Set up and change the plan: priorities, objectives, actions, status, refresh, RAG overrides.
        "change": {Role.COORDINATOR},
    }


class ActionPolicy(PermissionPolicy):
    model = Action
    partnership_path = "priority__plan__partnership"
    roles_for_action = {
        "view": ALL_ROLES,
        "add_update": {Role.COORDINATOR, Role.EDITOR},
        "change": {Role.COORDINATOR},
    }

    def partnerships_of(self, action: Action) -> set[int]:
        """The plan's partnership and every partnership the action is joint with."""
        return {
            action.priority.plan.partnership_id,
            *(p.pk for p in action.joint_partnership_items),
        }

    def user_has_permission_for_instance(self, user, action: str, instance) -> bool:
        if user.is_authenticated and user.is_superuser:
            self._roles(action)
            return True
        if action == "add_update":
            return self._may_add_update(user, instance)
        if action == "change":
            owner = instance.priority.plan.partnership_id
            return owner in self.partnership_ids_for(user, action)
        return bool(self.partnerships_of(instance) & self.partnership_ids_for(user, action))

    def _may_add_update(self, user, action: Action) -> bool:
        """Coordinators update any action of their partnership; editors update the actions
        they own, by name or through the organisation they represent."""
        partnerships = self.partnerships_of(action)
        for membership in user_memberships(user):
            if membership.partnership_id not in partnerships:
                continue
            if membership.role == Role.COORDINATOR:
                return True
            if membership.role == Role.EDITOR:
                if action.owner_user_id == user.pk:
                    return True
                if membership.organisation_id and any(
                    o.pk == membership.organisation_id for o in action.owner_organisation_items
                ):
                    return True
        return False

    def instances_user_has_permission_for(self, user, action: str):
        queryset = self.model._default_manager.all()
        if user.is_authenticated and user.is_superuser:
            return queryset
        if action == "change":
            return queryset.filter(
                priority__plan__partnership__in=self.partnership_ids_for(user, action)
            )
        return queryset.filter(
            pk__in=actions_in_partnerships(self.partnership_ids_for(user, action))
        )


def actions_in_partnerships(partnership_ids):
    """The ids of actions owned (alone or jointly) by any of the partnerships, as a subquery."""
    return Action.objects.filter(
        Q(priority__plan__partnership__in=partnership_ids)
        | Q(joint_partnerships__in=partnership_ids)
    ).values("pk")


class UpdatePolicy(PermissionPolicy):
    """An update is seen by whoever may see its action."""

    model = Update
    partnership_path = "action__priority__plan__partnership"
    roles_for_action = {"view": ALL_ROLES}

    def user_has_permission_for_instance(self, user, action: str, instance) -> bool:
        return action_policy.user_has_permission_for_instance(user, "view", instance.action)


plan_policy = PlanPolicy()
action_policy = ActionPolicy()
update_policy = UpdatePolicy()
