"""Who may see and change memberships (people and their roles in a partnership)."""

from saferplan.core.permissions import PermissionPolicy

from .models import ALL_ROLES, Membership, Role


class MembershipPolicy(PermissionPolicy):
    model = Membership
    roles_for_action = {"view": ALL_ROLES, "change": {Role.COORDINATOR}}


membership_policy = MembershipPolicy()
