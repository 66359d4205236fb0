"""What the register of ASB Case Reviews says: the four figures the law asks each year
(s.104 of the Anti-social Behaviour, Crime and Policing Act 2014: applications received,
how many did not meet the threshold, reviews carried out, reviews that made
recommendations), by financial year (April to March, as councils publish them), each
application counted in the year it was received. Counts only: nothing that names anyone."""

from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from saferplan.core import clock
from saferplan.core.quarters import Quarter

from .models import CaseReview


@dataclass(frozen=True)
class AsbFigures:
    year: int  # the financial year starting in April of it
    applications: int
    threshold_not_met: int
    reviews: int
    with_recommendations: int
    # What the figures do not settle yet, said beside them wherever they are shown.
    notes: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return Quarter(self.year, 1).financial_year


def asb_figures(partnership, year: int) -> AsbFigures:
    start, end = Quarter(year, 1).start, Quarter(year, 4).end
    cases = list(
        CaseReview.objects.filter(partnership=partnership, received_on__range=(start, end))
        .annotate(recommended=Count("recommendations"))
        .only("threshold_met", "review_held_on")
    )
    not_met = sum(1 for c in cases if c.threshold_met is False)
    reviewed = [c for c in cases if c.review_held_on is not None]
    undecided = sum(1 for c in cases if c.threshold_met is None)
    awaiting = sum(1 for c in cases if c.threshold_met and c.review_held_on is None)
    notes = []
    today = clock.today()
    if end >= today:
        notes.append(
            _("The year is not over: the figures are as registered by %(day)s.")
            % {"day": date_format(today, "j F Y")}
        )
    if undecided:
        notes.append(
            ngettext(
                "%(count)s application's threshold is not decided yet: the figures may change.",
                "%(count)s applications' threshold is not decided yet: the figures may change.",
                undecided,
            )
            % {"count": undecided}
        )
    if awaiting:
        notes.append(
            ngettext(
                "%(count)s application met the threshold and is not reviewed yet.",
                "%(count)s applications met the threshold and are not reviewed yet.",
                awaiting,
            )
            % {"count": awaiting}
        )
    if not cases:
        notes.append(_("No application is registered for the year."))
    return AsbFigures(
        year=year,
        applications=len(cases),
        threshold_not_met=not_met,
        reviews=len(reviewed),
        with_recommendations=sum(1 for c in reviewed if c.recommended),
        notes=notes,
    )
