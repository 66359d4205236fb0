"""Writes of board reports: create, change (drafts only) and issue (freeze)."""

import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from saferplan.core import audit, languages
from saferplan.plans.models import Plan

from .board import board_report_content
from .models import BoardReport, BoardReportStatus
from .notices import notify_board_report_issued

if TYPE_CHECKING:
    from saferplan.accounts.models import User

FIELDS = ["title", "period_start", "period_end", "introduction", "status"]


@transaction.atomic
def board_report_create(
    *,
    actor: "User",
    plan: Plan,
    title: str,
    period_start: datetime.date,
    period_end: datetime.date,
    introduction: str = "",
) -> BoardReport:
    return audit.create(
        BoardReport,
        actor=actor,
        partnership=plan.partnership,
        logged_fields=FIELDS,
        plan=plan,
        title=title,
        period_start=period_start,
        period_end=period_end,
        introduction=introduction,
    )


@transaction.atomic
def board_report_update(*, actor: "User", report: BoardReport, **fields: Any) -> BoardReport:
    report = BoardReport.objects.select_for_update().get(pk=report.pk)
    if report.is_issued:
        raise ValidationError(_("This report has been issued: it cannot be changed."))
    report, _changes = audit.change(
        report, actor=actor, partnership=report.plan.partnership, logged_fields=FIELDS, **fields
    )
    return report


@transaction.atomic
def board_report_issue(*, actor: "User", report: BoardReport, today: datetime.date) -> BoardReport:
    """Freeze the report as it reads now: what the board is sent. Its board members are
    emailed a link once the issue is committed (reports.notices)."""
    report = (
        BoardReport.objects.select_for_update()
        .select_related("plan__partnership")
        .get(pk=report.pk)
    )
    if report.is_issued:
        raise ValidationError(_("This report has already been issued."))
    report, _changes = audit.change(
        report,
        actor=actor,
        partnership=report.plan.partnership,
        logged_fields=FIELDS,
        snapshot=_frozen_content(report, today),
        status=BoardReportStatus.ISSUED,
        issued_at=timezone.now(),
        issued_by=actor,
    )
    notify_board_report_issued(report=report, actor=actor)
    return report


def _frozen_content(report: BoardReport, today) -> dict:
    """What the issued report says, in the installation's language (stored_language): every
    board member reads the same snapshot, whichever language their pages are in."""
    with languages.stored_language():
        return board_report_content(
            plan=report.plan,
            period_start=report.period_start,
            period_end=report.period_end,
            today=today,
        )
