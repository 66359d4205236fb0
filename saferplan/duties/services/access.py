"""Who runs a restricted register beside the coordinators (RegisterAccess), audited."""

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from saferplan.core import audit
from saferplan.core.models import AuditEvent

from ..models import RegisterAccess
from .common import lock_partnership

if TYPE_CHECKING:
    from saferplan.accounts.models import User
    from saferplan.partnerships.models import Partnership


@transaction.atomic
def register_access_grant(
    *, actor: "User", partnership: "Partnership", register: str, user: "User"
) -> RegisterAccess:
    """Name a member to run a restricted register with the coordinators."""
    lock_partnership(partnership)  # two coordinators naming the same member at once
    if not user.memberships.filter(partnership=partnership).exists():
        raise ValidationError(
            {"user": _("Choose a member of %(partnership)s.") % {"partnership": partnership}}
        )
    if RegisterAccess.objects.filter(
        partnership=partnership, register=register, user=user
    ).exists():
        raise ValidationError({"user": _("%(name)s already has access.") % {"name": user}})
    return audit.create(
        RegisterAccess,
        actor=actor,
        partnership=partnership,
        logged_fields=["register", "user"],
        partnership_id=partnership.pk,
        register=register,
        user=user,
        granted_by=actor,
    )


@transaction.atomic
def register_access_end(*, actor: "User", access: RegisterAccess) -> None:
    audit.log(
        instance=access,
        action=AuditEvent.Action.DELETE,
        actor=actor,
        partnership=access.partnership,
        changes=audit.diff(audit.snapshot(access, ["register", "user"]), {}),
    )
    access.delete()
