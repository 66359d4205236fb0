"""Reads of board reports."""

from saferplan.partnerships.models import Partnership

from .models import BoardReport, BoardReportStatus


def board_report_latest_issued(*, partnership: Partnership) -> BoardReport | None:
    """The board report the board read last: the latest issued of any of the partnership's
    plans."""
    return (
        BoardReport.objects.filter(plan__partnership=partnership, status=BoardReportStatus.ISSUED)
        .select_related("plan")
        .order_by("-period_end", "-issued_at", "-pk")
        .first()
    )
