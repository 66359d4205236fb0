"""A plan file on its way in: kept from upload to confirmation, then as the record of
what was imported (and so that the same file is not imported twice by mistake)."""

from django.conf import settings
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from .corrections import Corrections


class PlanImport(models.Model):
    class Status(models.TextChoices):
        PREVIEW = "preview", _("Awaiting confirmation")
        IMPORTED = "imported", _("Imported")
        CANCELLED = "cancelled", _("Cancelled")

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="plan_imports"
    )
    file_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64, db_index=True)
    content = models.BinaryField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PREVIEW)
    plan = models.ForeignKey(
        "plans.Plan", on_delete=models.SET_NULL, null=True, blank=True, related_name="imports"
    )
    no_merge = models.JSONField(
        default=list, blank=True, help_text=_("Rows the person chose to keep apart.")
    )
    column_meanings = models.JSONField(
        default=dict,
        blank=True,
        help_text=_("What the person said columns mean: normalised heading -> meaning."),
    )
    title_rows = models.JSONField(
        default=dict,
        blank=True,
        help_text=_("What the person said title rows are: 'table:row' -> level."),
    )
    counts = models.JSONField(default=dict, blank=True)
    parsed = models.JSONField(
        null=True,
        blank=True,
        help_text=_(
            "The file as read at upload (parsed.plan_stored), shown by every view of the "
            "preview and written on confirmation, so that the file is read once."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    imported_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def corrections(self) -> Corrections:
        """Everything the person said of the reading, for reading the file again."""
        return Corrections(
            columns=self.column_meanings,
            title_rows=self.title_rows,
            no_merge=frozenset(self.no_merge),
        )

    @corrections.setter
    def corrections(self, corrections: Corrections) -> None:
        self.column_meanings = dict(corrections.columns)
        self.title_rows = dict(corrections.title_rows)
        self.no_merge = sorted(corrections.no_merge)


class DuplicateImportError(Exception):
    """The file was imported before (services.replace_check)."""

    def __init__(self, previous: PlanImport):
        super().__init__(
            _("%(file_name)s was already imported on %(imported_on)s as “%(plan)s”.")
            % {
                "file_name": previous.file_name,
                "imported_on": date_format(previous.imported_at, "j F Y")
                if previous.imported_at
                else "",
                "plan": previous.plan,
            }
        )
        self.previous = previous
