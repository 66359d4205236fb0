"""Who may read and change performance measures: every member reads them (the board reads
them in its report); coordinators and analysts keep them."""

from collections.abc import Iterable

from saferplan.accounts.models import ALL_ROLES
from saferplan.core.permissions import PermissionPolicy
from saferplan.crimedata.permissions import CHANGE_ROLES
from saferplan.partnerships.models import Partnership

from .models import Indicator

ROLES: dict[str, Iterable[str]] = {"view": ALL_ROLES, "change": CHANGE_ROLES}


class IndicatorPolicy(PermissionPolicy):
    model = Indicator
    roles_for_action = ROLES


class PartnershipMeasuresPolicy(PermissionPolicy):
    """The partnership's measures as a whole: listing them, adding one."""

    model = Partnership
    partnership_path = ""
    roles_for_action = ROLES


indicator_policy = IndicatorPolicy()
measures_policy = PartnershipMeasuresPolicy()
