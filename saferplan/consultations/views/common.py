"""What every page of a partnership's consultations shares: the consultation (or theme) the
person may see or act on, and the context of its template."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from saferplan.partnerships.access import partnership_for

from ..models import Consultation, Theme
from ..permissions import consultations_policy


def consultation_context(request, partnership, **extra) -> dict:
    def may(action):
        return consultations_policy.user_has_permission_for_instance(
            request.user, action, partnership
        )

    return {
        "partnership": partnership,
        "may_manage": may("manage"),
        "may_analyse": may("analyse"),
        "section_url": reverse("consultations:list", args=[partnership.slug]),
        "section_name": _("Consultations"),
        **extra,
    }


def consultation_for(request, slug, pk, action="view") -> Consultation:
    partnership = partnership_for(request, slug, action, consultations_policy)
    return get_object_or_404(
        Consultation.objects.select_related("partnership", "plan"), pk=pk, partnership=partnership
    )


def theme_for(request, slug, pk, theme_pk) -> Theme:
    consultation = consultation_for(request, slug, pk, "analyse")
    return get_object_or_404(
        Theme.objects.select_related("consultation__partnership"),
        pk=theme_pk,
        consultation=consultation,
    )
