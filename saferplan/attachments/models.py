"""Files a partnership keeps with its records, in the upload storage (the file system by
default, shared between servers as the administration guide says): today the foreword's
photograph of the person who signs it (issue 24); issue 26's attachments to updates,
meetings and grants are the same records. Each carries its own marking."""

import logging

from django.db import models

from saferplan.background.services import upload_storage
from saferplan.core.models import MarkedModel, TimeStampedModel

logger = logging.getLogger(__name__)


class Attachment(MarkedModel, TimeStampedModel):
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="attachments"
    )
    # Stored under a name saferplan chooses, never the uploader's (a path, a script's name).
    file = models.FileField(storage=upload_storage, upload_to="attachments/%Y/%m/", max_length=300)
    name = models.CharField("file name", max_length=255)  # as uploaded, for people to read
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        # The digest tells two files of the same name apart in the audit log.
        return f"{self.name} ({self.sha256[:8]})"

    def read(self) -> bytes | None:
        """The file's bytes; None when the file is missing from the storage (a folder not
        restored with the database): a page or document then goes without it."""
        try:
            with self.file.open("rb") as kept:
                return kept.read()
        except FileNotFoundError:
            logger.warning("Attachment %s: its file %s is missing", self.pk, self.file.name)
            return None
