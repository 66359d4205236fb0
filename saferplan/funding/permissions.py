"""Who may see and change a partnership's grants and their spend."""

from saferplan.core.permissions import PermissionPolicy
from saferplan.core.roles import ALL_ROLES, Role

from .models import Grant


class GrantPolicy(PermissionPolicy):
    """Every member reads the partnership's grants (the board asks what is at risk); the
    coordinator records them, the actions they pay for and what was spent. Nobody outside
    the partnership sees them: the monitoring return is what goes to the funder."""

    model = Grant
    roles_for_action = {
        "view": ALL_ROLES,
        "change": {Role.COORDINATOR},
    }

    def may_add(self, user, partnership) -> bool:
        """May the user record a grant of the partnership?"""
        if user.is_authenticated and user.is_superuser:
            return True
        return partnership.pk in self.partnership_ids_for(user, "change")


grant_policy = GrantPolicy()
