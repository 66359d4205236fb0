"""What the reports app adds when other apps ask (connected in ReportsConfig.ready)."""

from django.urls import reverse
from django.utils.timezone import localtime

from saferplan.partnerships.selectors import OverviewLine, OverviewRow

from .selectors import board_report_latest_issued


def on_overview_drawn(sender, *, partnership, user, **kwargs) -> list[OverviewRow]:
    """The partnership's overview links to the latest issued board report."""
    report = board_report_latest_issued(partnership=partnership)
    if report is None:
        line = OverviewLine("None issued yet")
    else:
        line = OverviewLine(
            text=report.title,
            href=reverse("reports:board-report", args=[partnership.slug, report.pk]),
            note=f"{report.plan.title}, issued {localtime(report.issued_at):%-d %B %Y}",
        )
    return [OverviewRow(order=30, key="Latest board report", lines=[line])]
