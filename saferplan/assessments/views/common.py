from django.urls import reverse
from django.utils.translation import gettext as _

from ..permissions import assessments_policy


def page_context(request, partnership, **extra) -> dict:
    """What every assessments page shows: the partnership, whether the user may change its
    assessments, and the breadcrumb back to the list."""
    return {
        "partnership": partnership,
        "may_change": assessments_policy.user_has_permission_for_instance(
            request.user, "change", partnership
        ),
        "section_url": reverse("assessments:list", args=[partnership.slug]),
        "section_name": _("Strategic assessments"),
        **extra,
    }
