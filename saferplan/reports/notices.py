"""Telling the board that a report has been issued: an email to each board member with the
report's title, period and a link, never its content (which may be OFFICIAL-SENSITIVE). Sent
by the background worker once the issue is committed."""

from django.db import transaction
from django_tasks import task

from saferplan.accounts.models import User
from saferplan.accounts.selectors import board_members
from saferplan.notifications.selectors import wanting
from saferplan.notifications.services import send_once

from .models import BoardReport


def board_report_recipients(*, partnership, issued_by_id: int | None) -> list[User]:
    """Who is emailed when a report is issued: the partnership's board members who have not
    turned these emails off (notifications.Preference), except whoever issues it."""
    wanted = wanting(board_members(partnership=partnership), email="board_reports")
    return [member for member in wanted if member.pk != issued_by_id]


def notify_board_report_issued(*, report: BoardReport, actor: User) -> None:
    report_id, actor_id = report.pk, actor.pk
    transaction.on_commit(
        lambda: send_board_report_notice.enqueue(report_id=report_id, actor_id=actor_id)
    )


@task()
def send_board_report_notice(*, report_id: int, actor_id: int | None) -> None:
    report = BoardReport.objects.filter(pk=report_id).select_related("plan__partnership").first()
    if report is None or not report.is_issued:
        return
    actor = User.objects.filter(pk=actor_id).first() if actor_id else None
    partnership = report.plan.partnership
    for member in board_report_recipients(partnership=partnership, issued_by_id=actor_id):
        send_once(
            to=member,
            key=f"board-report:{report.pk}",
            subject=f"A board report has been issued: {partnership.name}",
            template="board_report_issued",
            context={"report": report, "partnership": partnership, "actor": actor},
        )
