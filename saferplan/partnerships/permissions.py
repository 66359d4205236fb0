"""Who may see and change partnerships, their organisations, groups and audit log."""

from saferplan.accounts.models import ALL_ROLES, Role
from saferplan.core.permissions import PermissionPolicy

from .models import Group, Organisation, Partnership


class PartnershipPolicy(PermissionPolicy):
    model = Partnership
    partnership_path = ""
    roles_for_action = {
        "view": ALL_ROLES,
        # Edit the structure: groups, member organisations, people and roles.
        "manage": {Role.COORDINATOR},
        "view_audit_log": {Role.COORDINATOR},
    }


class GroupPolicy(PermissionPolicy):
    model = Group
    roles_for_action = {"view": ALL_ROLES, "change": {Role.COORDINATOR}}


class OrganisationPolicy(PermissionPolicy):
    """An organisation is shared between partnerships: any signed-in user may read the
    directory; a coordinator of any partnership it belongs to may change it."""

    model = Organisation
    partnership_path = "partnerships"
    roles_for_action = {"change": {Role.COORDINATOR}}

    def user_may_view_directory(self, user) -> bool:
        return user.is_authenticated

    def user_has_permission_for_instance(self, user, action, instance) -> bool:
        if user.is_authenticated and user.is_superuser:
            return True
        allowed = self.partnership_ids_for(user, action)
        return any(p.pk in allowed for p in instance.partnerships.all())


partnership_policy = PartnershipPolicy()
group_policy = GroupPolicy()
organisation_policy = OrganisationPolicy()
