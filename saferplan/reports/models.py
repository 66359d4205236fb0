"""Board reports: a plan's progress for the board over a period, with the coordinator's
introduction. Issuing one freezes it: the snapshot is what the board read, whatever
changes later."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from saferplan.core.models import TimeStampedModel


class BoardReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ISSUED = "issued", _("Issued")


class BoardReport(TimeStampedModel):
    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="board_reports")
    title = models.CharField(max_length=250)
    period_start = models.DateField(
        "changes since", help_text=_("Usually the day after the last board meeting.")
    )
    period_end = models.DateField("up to")
    introduction = models.TextField(
        blank=True, help_text=_("Leave a blank line between paragraphs.")
    )
    status = models.CharField(
        max_length=10, choices=BoardReportStatus.choices, default=BoardReportStatus.DRAFT
    )
    issued_at = models.DateTimeField(null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The report as issued (reports.board.BoardReportContent as JSON): later edits to the
    # plan do not change what the board read.
    # The encoder writes a translatable label (a rating's words) as its text.
    snapshot = models.JSONField(null=True, blank=True, editable=False, encoder=DjangoJSONEncoder)

    class Meta:
        ordering = ["-period_end", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="board_report_period_ordered",
            ),
            models.CheckConstraint(
                condition=Q(status=BoardReportStatus.DRAFT)
                | Q(snapshot__isnull=False, issued_at__isnull=False),
                name="board_report_issued_has_snapshot",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_issued(self) -> bool:
        return self.status == BoardReportStatus.ISSUED
