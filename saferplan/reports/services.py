"""Writes of board reports: create, change (drafts only) and issue (freeze)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from saferplan.core import audit
from saferplan.core.models import AuditEvent
from saferplan.plans.models import Plan

from .board import board_report_content
from .models import BoardReport, BoardReportStatus

FIELDS = ["title", "period_start", "period_end", "introduction", "status"]


@transaction.atomic
def board_report_create(
    *,
    actor,
    plan: Plan,
    title: str,
    period_start: datetime.date,
    period_end: datetime.date,
    introduction: str = "",
) -> BoardReport:
    report = BoardReport(
        plan=plan,
        title=title,
        period_start=period_start,
        period_end=period_end,
        introduction=introduction,
        created_by=actor,
        modified_by=actor,
    )
    report.full_clean()
    report.save()
    audit.log(
        instance=report,
        action=AuditEvent.Action.CREATE,
        actor=actor,
        partnership=plan.partnership,
        changes=audit.diff({}, audit.snapshot(report, FIELDS)),
    )
    return report


@transaction.atomic
def board_report_update(*, actor, report: BoardReport, **fields) -> BoardReport:
    report = BoardReport.objects.select_for_update().get(pk=report.pk)
    if report.is_issued:
        raise ValidationError("This report has been issued: it cannot be changed.")
    before = audit.snapshot(report, FIELDS)
    for name, value in fields.items():
        setattr(report, name, value)
    report.modified_by = actor
    report.full_clean()
    report.save()
    changes = audit.diff(before, audit.snapshot(report, FIELDS))
    if changes:
        audit.log(
            instance=report,
            action=AuditEvent.Action.UPDATE,
            actor=actor,
            partnership=report.plan.partnership,
            changes=changes,
        )
    return report


@transaction.atomic
def board_report_issue(*, actor, report: BoardReport, today: datetime.date) -> BoardReport:
    """Freeze the report as it reads now: what the board is sent."""
    report = (
        BoardReport.objects.select_for_update()
        .select_related("plan__partnership")
        .get(pk=report.pk)
    )
    if report.is_issued:
        raise ValidationError("This report has already been issued.")
    before = audit.snapshot(report, FIELDS)
    report.snapshot = board_report_content(
        plan=report.plan,
        period_start=report.period_start,
        period_end=report.period_end,
        today=today,
    )
    report.status = BoardReportStatus.ISSUED
    report.issued_at = timezone.now()
    report.issued_by = actor
    report.modified_by = actor
    report.full_clean()
    report.save()
    audit.log(
        instance=report,
        action=AuditEvent.Action.UPDATE,
        actor=actor,
        partnership=report.plan.partnership,
        changes=audit.diff(before, audit.snapshot(report, FIELDS)),
    )
    return report
