"""What every crime page shares: its partnership (the person may see its crime data, or
change it) and the context of its template."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from saferplan.partnerships.access import partnership_for
from saferplan.partnerships.models import Partnership

from .. import selectors
from ..coverage import months_held
from ..forms import CountyForm
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
        "section_name": _("Crime and ASB"),
        **extra,
    }


def latest_period(partnership, months: int) -> Period | None:
    """The latest `months` months of the partnership's own force held, none missing."""
    return selectors.recent_period(months_held(partnership), months)


def period_asked(request, partnership, months: int = 12) -> tuple[CountyForm, Period | None]:
    """The period a page of one period was asked for (?period=), or the latest `months` months
    of the partnership's own force held; the form shows the one used."""
    form = CountyForm(request.GET or None)
    period = form.cleaned_data.get("period") if form.is_valid() else None
    period = period or latest_period(partnership, months)
    if not form.is_bound and period:
        form = CountyForm(initial={"period": str(period)})
    return form, period
