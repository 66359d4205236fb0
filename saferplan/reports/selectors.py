"""Reads of board reports across a partnership's plans: the list a board member starts
from, and the latest issued report (where a board member lands; the overview links to it)."""

from django.db.models import QuerySet

from .models import BoardReport, BoardReportStatus


def board_reports_of(*, partnership) -> QuerySet[BoardReport]:
    """Every board report of the partnership's plans, the latest period first."""
    return BoardReport.objects.filter(plan__partnership=partnership).select_related(
        "plan", "issued_by"
    )


def board_report_latest_issued(*, partnership) -> BoardReport | None:
    """The board report the board read last: the latest issued of any of the partnership's
    plans (where a board member lands)."""
    return (
        board_reports_of(partnership=partnership)
        .filter(status=BoardReportStatus.ISSUED)
        .order_by("-period_end", "-issued_at", "-pk")
        .first()
    )
