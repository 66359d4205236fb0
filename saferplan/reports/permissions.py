"""Board reports belong to their plan's partnership: its members read them (the board's
viewers included); its coordinators write, change and issue them."""

from saferplan.accounts.models import ALL_ROLES, Role
from saferplan.core.permissions import PermissionPolicy

from .models import BoardReport


class BoardReportPolicy(PermissionPolicy):
    model = BoardReport
    partnership_path = "plan__partnership"
    roles_for_action = {"view": ALL_ROLES, "change": {Role.COORDINATOR}}

    def partnership_of(self, instance) -> int:
        return instance.plan.partnership_id


board_report_policy = BoardReportPolicy()
