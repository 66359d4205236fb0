"""Reaching an assessment and its matrix's issues: the partnership's, and only for those
whose role allows the action (permissions.py). Used by the assessments' pages."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from saferplan.partnerships.access import partnership_for

from .models import Candidate, StrategicAssessment
from .permissions import assessment_policy, assessments_policy


def assessment_for(request, slug, pk, action="view") -> StrategicAssessment:
    """The partnership's assessment `pk`, if `request.user` may do `action` to it."""
    partnership = partnership_for(request, slug, "view", assessments_policy)
    found = get_object_or_404(
        StrategicAssessment.objects.select_related("partnership", "agreed_by"),
        pk=pk,
        partnership=partnership,
    )
    if not assessment_policy.user_has_permission_for_instance(request.user, action, found):
        only = (
            _("Only a coordinator of %(partnership)s can do this.")
            if action in ("agree", "link", "publish")
            else _("Only a coordinator or an analyst of %(partnership)s can do this.")
        )
        raise PermissionDenied(only % {"partnership": partnership})
    return found


def candidate_for(request, assessment: StrategicAssessment, candidate_pk) -> Candidate:
    """One of the matrix's issues `request.user` may see (a sensitive one: members only)."""
    return get_object_or_404(
        assessment.candidates.visible_to(request.user, partnership_ids={assessment.partnership_id}),
        pk=candidate_pk,
    )
