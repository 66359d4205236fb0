"""Who may read and change strategic assessments: every member reads them (the board agrees
them); coordinators and analysts draft and edit them; a coordinator records the board's
agreement and links the plan's priorities to it. Nobody outside the partnership sees them
until a summary is published."""

from collections.abc import Iterable

from saferplan.accounts.models import ALL_ROLES, Role
from saferplan.core.permissions import PermissionPolicy
from saferplan.crimedata.permissions import CHANGE_ROLES
from saferplan.partnerships.models import Partnership

from .models import StrategicAssessment

ROLES: dict[str, Iterable[str]] = {
    "view": ALL_ROLES,
    "change": CHANGE_ROLES,
    "agree": {Role.COORDINATOR},
    # Setting the plan's priorities from it is the coordinator's, as the plan is.
    "link": {Role.COORDINATOR},
    # What the public reads of it is the coordinator's to publish, as the plan is.
    "publish": {Role.COORDINATOR},
}


class AssessmentPolicy(PermissionPolicy):
    model = StrategicAssessment
    roles_for_action = ROLES


class PartnershipAssessmentsPolicy(PermissionPolicy):
    """The partnership's assessments as a whole: listing them, drafting one."""

    model = Partnership
    partnership_path = ""
    roles_for_action = ROLES


assessment_policy = AssessmentPolicy()
assessments_policy = PartnershipAssessmentsPolicy()
