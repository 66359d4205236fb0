"""Who may read and change crime figures. police.uk data is public (Open Government
Licence) and shared by the installation; a partnership's custom series and its area are its
own. Every member reads them; coordinators and analysts change them."""

from saferplan.accounts.models import ALL_ROLES, Role
from saferplan.core.permissions import PermissionPolicy
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
        any partnership may import them."""
        return self.user_has_permission(user, "change")


class CustomSeriesPolicy(PermissionPolicy):
    model = CustomSeries
    roles_for_action = {"view": ALL_ROLES, "change": CHANGE_ROLES}


crime_data_policy = CrimeDataPolicy()
custom_series_policy = CustomSeriesPolicy()
