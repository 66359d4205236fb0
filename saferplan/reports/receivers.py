"""What the reports app adds when other apps ask (connected in ReportsConfig.ready)."""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from saferplan.core.templatetags.saferplan import own_words_in
from saferplan.partnerships.selectors import OverviewLine, OverviewRow

from .selectors import board_report_latest_issued, board_reports_of


def on_overview_drawn(sender, *, partnership, user, **kwargs) -> list[OverviewRow]:
    """The partnership's overview links to the latest issued board report (or, with none
    issued yet, the latest draft), and to them all."""
    report = board_report_latest_issued(partnership=partnership)
    draft = board_reports_of(partnership=partnership).first() if report is None else None
    if draft is not None:
        line = OverviewLine(
            text=draft.title,
            href=reverse("reports:board-report", args=[partnership.slug, draft.pk]),
            note=_("a draft: none issued yet"),
        )
    elif report is None:
        line = OverviewLine(_("None issued yet"))
    else:
        line = OverviewLine(
            text=report.title,
            href=reverse("reports:board-report", args=[partnership.slug, report.pk]),
            # the plan's title marked with its language (the note is safe HTML)
            note=own_words_in(
                _("%(plan)s, issued %(issued_on)s")
                % {
                    "plan": "%(plan)s",
                    "issued_on": date_format(localtime(report.issued_at), "j F Y"),
                },
                plan=report.plan.title,
            ),
        )
    every = OverviewLine(
        _("All board reports"),
        href=reverse("reports:partnership-board-reports", args=[partnership.slug]),
    )
    return [OverviewRow(order=30, key=_("Latest board report"), lines=[line, every])]
