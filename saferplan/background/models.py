"""A piece of work a person started that runs in the background worker (a large police.uk
import, a fetch from the police.uk API): who started it, where it stands and how it ended. Its progress lines while it runs
are in the progress cache (saferplan.background.progress), not here: the import writes in one
transaction, which no other connection could see into."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _


class BackgroundJob(models.Model):
    class Kind(models.TextChoices):
        POLICE_UK_IMPORT = "police-uk-import", _("Import of police.uk data")
        POLICE_UK_FETCH = "police-uk-fetch", _("Fetch from the police.uk API")
        BOARD_REPORT_DOCUMENT = "board-report-document", _("Board report document")
        ACTION_PLAN_DOCUMENT = "action-plan-document", _("Action plan document")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Running")
        # A police.uk import that would replace months held already, changing partnerships'
        # figures: its upload is kept until someone who may replace them confirms, or it is
        # cancelled (docs/adr/0015).
        WAITING = "waiting", _("Waiting for confirmation")
        DONE = "done", _("Finished")
        FAILED = "failed", _("Failed: nothing was saved")
        CANCELLED = "cancelled", _("Cancelled: nothing was saved")

    kind = models.CharField(max_length=30, choices=Kind.choices)
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="background_jobs"
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    file_name = models.CharField(max_length=255)  # or, for a fetch, what it fetches
    options = models.JSONField(default=dict, blank=True)  # what the person chose
    # In the upload storage: the file uploaded, or the document made (kept a day).
    stored_file = models.CharField(max_length=255, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    outcome = models.TextField(blank=True)  # what it did, or why it failed, in words
    records = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # The task that does its work, by dotted path; how many times a worker has started it
    # (only the latest start may record how it ended); how many of its runs stopped with
    # their worker and were begun again: after SAFERPLAN_JOB_ATTEMPTS runs stopped so, it is
    # failed (docs/adr/0038-jobs-of-a-stopped-worker-run-again.md).
    task_path = models.CharField(max_length=200, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    stopped_runs = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        if self.kind == self.Kind.POLICE_UK_FETCH or self.is_document:
            return f"{self.get_kind_display()}: {self.file_name}"
        # Translators: a background job's kind and the file it imports, as in "Import of
        # police.uk data of 2018-10-hertfordshire-street.csv".
        return gettext("%(kind)s of %(file_name)s") % {
            "kind": self.get_kind_display(),
            "file_name": self.file_name,
        }

    @property
    def work(self) -> str:
        """What the job does, in one word for the page's sentences ("The import is running")."""
        # Translators: a background job, only ever after "the" ("The fetch failed")
        if self.kind == self.Kind.POLICE_UK_FETCH:
            return pgettext("background job", "fetch")
        if self.is_document:
            return pgettext("background job", "document")
        return pgettext("background job", "import")

    @property
    def is_word(self) -> bool:
        """A job that makes a Word document (else a PDF)."""
        return self.file_name.endswith(".docx")

    @property
    def document_name(self) -> str:
        """ "PDF" or "Word document", for a job that makes one, in the page's language."""
        return gettext("Word document") if self.is_word else "PDF"

    @property
    def is_document(self) -> bool:
        return self.kind in DOCUMENT_KINDS

    @property
    def is_fetch(self) -> bool:
        return self.kind == self.Kind.POLICE_UK_FETCH

    @property
    def outcome_lines(self) -> list[str]:
        return self.outcome.splitlines()

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED, self.Status.CANCELLED)

    @property
    def is_waiting(self) -> bool:
        return self.status == self.Status.WAITING


# Jobs that make a document for the person who asked for it (kept a day, theirs alone).
DOCUMENT_KINDS = (BackgroundJob.Kind.BOARD_REPORT_DOCUMENT, BackgroundJob.Kind.ACTION_PLAN_DOCUMENT)
