"""Who may read and change the restricted registers: a partnership's coordinators, and the
members a coordinator names for the register (RegisterAccess) while they are members. Board
members, editors and analysts see only what is published: the year's figures."""

from collections.abc import Iterable

from saferplan.core.permissions import PermissionPolicy, user_memberships
from saferplan.core.roles import ALL_ROLES, Role
from saferplan.partnerships.models import Partnership

from .models import (
    CaseReview,
    DeathReview,
    Register,
    RegisterAccess,
)

ROLES: dict[str, Iterable[str]] = {
    "view": {Role.COORDINATOR},
    "change": {Role.COORDINATOR},
    # Naming who else runs the register, setting its timescales and publishing its figures
    # are a coordinator's alone.
    "grant": {Role.COORDINATOR},
    "publish": {Role.COORDINATOR},
}
COORDINATORS_ALONE = {"grant", "publish"}


class _NamedAccess(PermissionPolicy):
    register = Register.ASB_CASE_REVIEWS
    roles_for_action = ROLES

    def partnership_ids_for(self, user, action: str) -> set[int]:
        ids = super().partnership_ids_for(user, action)
        if not user.is_authenticated or action in COORDINATORS_ALONE:
            return ids
        named = set(
            RegisterAccess.objects.filter(user=user, register=self.register).values_list(
                "partnership_id", flat=True
            )
        )
        # A member who has left keeps no access, whatever the list says.
        members = {m.partnership_id for m in user_memberships(user)}
        return ids | (named & members)


class CaseReviewPolicy(_NamedAccess):
    model = CaseReview


class PartnershipCaseReviewsPolicy(_NamedAccess):
    """The register as a whole: listing it, registering an application."""

    model = Partnership
    partnership_path = ""


class DeathReviewPolicy(_NamedAccess):
    register = Register.DEATH_REVIEWS
    model = DeathReview


class PartnershipDeathReviewsPolicy(_NamedAccess):
    """The register of Domestic Abuse Related Death Reviews as a whole."""

    register = Register.DEATH_REVIEWS
    model = Partnership
    partnership_path = ""


class PartnershipPreventPolicy(_NamedAccess):
    """The receipts of the counter-terrorism local profile (CounterTerrorismProfile): one
    list, read and kept as a whole."""

    register = Register.PREVENT
    model = Partnership
    partnership_path = ""


class DutiesPolicy(PermissionPolicy):
    """The Duties page: every member reads what the law asks of the partnership and when
    (each restricted register's part only for those who run it); the Serious Violence Duty's
    definition and review are the coordinators' to record."""

    model = Partnership
    partnership_path = ""
    roles_for_action = {"view": ALL_ROLES, "change": {Role.COORDINATOR}}


case_review_policy = CaseReviewPolicy()
case_reviews_policy = PartnershipCaseReviewsPolicy()
death_review_policy = DeathReviewPolicy()
death_reviews_policy = PartnershipDeathReviewsPolicy()
prevent_policy = PartnershipPreventPolicy()
duties_policy = DutiesPolicy()

# Each register's policy as a whole, for the pages every register shares (who may see it).
REGISTER_POLICIES = {
    Register.ASB_CASE_REVIEWS: case_reviews_policy,
    Register.DEATH_REVIEWS: death_reviews_policy,
    Register.PREVENT: prevent_policy,
}
