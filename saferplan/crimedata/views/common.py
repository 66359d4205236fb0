"""What every crime page shares: its partnership (the person may see its crime data, or
change it) and the context of its template."""

from django.urls import reverse

from saferplan.partnerships.access import partnership_for
from saferplan.partnerships.models import Partnership

from .. import selectors
from ..coverage import months_held
from ..periods import Period
from ..permissions import crime_data_policy


def crime_partnership(request, slug: str, action: str = "view") -> Partnership:
    return partnership_for(request, slug, action, crime_data_policy)


def crime_context(request, partnership, **extra) -> dict:
    return {
        "partnership": partnership,
        "may_change": crime_data_policy.user_has_permission_for_instance(
            request.user, "change", partnership
        ),
        "section_url": reverse("crimedata:overview", args=[partnership.slug]),
        "section_name": "Crime and ASB",
        **extra,
    }


def latest_period(partnership, months: int) -> Period | None:
    """The latest `months` months of the partnership's own force held, none missing."""
    return selectors.recent_period(months_held(partnership), months)
