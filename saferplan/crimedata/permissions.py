"""Who may read and change crime figures. police.uk data is public (Open Government
Licence) and shared by the installation; a partnership's custom series and its area are its
own. Every member reads them; coordinators and analysts change them."""

from saferplan.accounts.models import ALL_ROLES, Role
from saferplan.core.permissions import PermissionPolicy, user_memberships
from saferplan.partnerships.models import Partnership

from .models import CustomSeries

CHANGE_ROLES = {Role.COORDINATOR, Role.ANALYST}


class CrimeDataPolicy(PermissionPolicy):
    """Crime figures of a partnership's area, and the area itself (districts, population)."""

    model = Partnership
    partnership_path = ""
    roles_for_action = {"view": ALL_ROLES, "change": CHANGE_ROLES}

    def may_import_police_uk(self, user) -> bool:
        """The archive's records belong to no one partnership: a coordinator or analyst of
        any partnership may import a month not held yet (of their partnership's force: see
        services.police_uk_import_steps)."""
        return self.user_has_permission(user, "change")

    def may_replace_force_month(self, user, force: str) -> bool:
        """A month held already is every partnership's of the force (docs/adr/0015):
        replacing it, when that changes their figures, is for an analyst of a partnership of
        that force, or an administrator, after seeing the differences."""
        if not user.is_authenticated:
            return False
        if user.is_superuser:
            return True
        return any(
            m.role == Role.ANALYST and m.partnership.police_force == force
            for m in user_memberships(user)
        )


class CustomSeriesPolicy(PermissionPolicy):
    model = CustomSeries
    roles_for_action = {"view": ALL_ROLES, "change": CHANGE_ROLES}


crime_data_policy = CrimeDataPolicy()
custom_series_policy = CustomSeriesPolicy()
