"""Reads of board reports across a partnership's plans: the list a board member starts
from, and the latest report the overview links to."""

from django.db.models import QuerySet

from .models import BoardReport, BoardReportStatus


def board_reports_of(*, partnership) -> QuerySet[BoardReport]:
    """Every board report of the partnership's plans, the latest period first."""
    return BoardReport.objects.filter(plan__partnership=partnership).select_related(
        "plan", "issued_by"
    )


def latest_board_report(*, partnership) -> BoardReport | None:
    """The report the board last received (the latest issued), or else the latest draft."""
    reports = board_reports_of(partnership=partnership)
    return reports.filter(status=BoardReportStatus.ISSUED).first() or reports.first()
