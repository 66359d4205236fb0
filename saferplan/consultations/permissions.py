"""Who may do what with a partnership's consultations.

Every member reads the results (counts and percentages). Free-text answers may hold
personal data, so only coordinators and analysts read them, import responses and work on
themes; a coordinator runs the consultation and alone approves an answer for quoting in
public.
"""

from collections.abc import Iterable

from saferplan.accounts.models import ALL_ROLES, Role
from saferplan.core.permissions import PermissionPolicy
from saferplan.partnerships.models import Partnership

from .models import Consultation, EnteredConsultation

ROLES: dict[str, Iterable[str]] = {
    "view": ALL_ROLES,
    "analyse": {Role.COORDINATOR, Role.ANALYST},
    "manage": {Role.COORDINATOR},
}


class ConsultationPolicy(PermissionPolicy):
    model = Consultation
    roles_for_action = ROLES


class EnteredConsultationPolicy(PermissionPolicy):
    """Results entered from a consultation run elsewhere: figures only, no answers."""

    model = EnteredConsultation
    roles_for_action = ROLES


class PartnershipConsultationsPolicy(PermissionPolicy):
    """The partnership's consultations as a whole: listing them, creating one."""

    model = Partnership
    partnership_path = ""
    roles_for_action = ROLES


consultation_policy = ConsultationPolicy()
entered_consultation_policy = EnteredConsultationPolicy()
consultations_policy = PartnershipConsultationsPolicy()
