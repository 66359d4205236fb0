"""Who may see and change a partnership's meetings."""

from saferplan.core.permissions import PermissionPolicy
from saferplan.core.roles import ALL_ROLES, Role

from .models import Meeting


class MeetingPolicy(PermissionPolicy):
    """Every member reads the partnership's meetings and may put an item on an agenda (a
    board member raising a concern); the coordinator arranges them and records the minutes,
    whose decisions become actions of the plan."""

    model = Meeting
    roles_for_action = {
        "view": ALL_ROLES,
        "change": {Role.COORDINATOR},
        "add_item": ALL_ROLES,
    }

    def may_arrange(self, user, partnership) -> bool:
        """May the user arrange a meeting of the partnership (change its meetings)?"""
        if user.is_authenticated and user.is_superuser:
            return True
        return partnership.pk in self.partnership_ids_for(user, "change")


meeting_policy = MeetingPolicy()
