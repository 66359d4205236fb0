"""Writing attachments: each kept in the upload storage under a name saferplan chooses (never
the uploader's), every write audited."""

import hashlib
import uuid

from django.core.files.base import ContentFile
from django.db import transaction

from saferplan.core import audit
from saferplan.core.models import AuditEvent, Marking

from .files import CheckedFile
from .images import Photo
from .models import Attachment

LOGGED = ["name", "content_type", "size", "sha256", "marking"]


@transaction.atomic
def photo_attach(*, actor, partnership, name: str, photo: Photo) -> Attachment:
    """A photograph as images.photo_from_upload gives it (checked, drawn again without its
    metadata: nothing else makes a Photo), kept as OFFICIAL: it is shown on the published
    plan. `name`: the uploaded file's, for people."""
    checked = CheckedFile(photo.content, photo.content_type, photo.extension)
    return file_attach(actor=actor, partnership=partnership, name=name, checked=checked)


@transaction.atomic
def file_attach(
    *, actor, partnership, name: str, checked: CheckedFile, marking: str = Marking.OFFICIAL
) -> Attachment:
    """A file as files.attachment_from_upload gives it (read and checked: nothing else makes
    a CheckedFile), kept under a name saferplan chooses, with its own marking."""
    return audit.create(
        Attachment,
        actor=actor,
        partnership=partnership,
        logged_fields=LOGGED,
        partnership_id=partnership.pk,
        file=ContentFile(checked.content, name=f"{uuid.uuid4().hex}.{checked.extension}"),
        name=name[:255],
        content_type=checked.content_type,
        size=len(checked.content),
        sha256=hashlib.sha256(checked.content).hexdigest(),
        marking=marking,
    )


@transaction.atomic
def attachment_delete(*, actor, attachment: Attachment) -> None:
    before = audit.snapshot(attachment, LOGGED)
    audit.log(
        instance=attachment,
        action=AuditEvent.Action.DELETE,
        actor=actor,
        partnership=attachment.partnership,
        changes={label: [value, None] for label, value in before.items()},
    )
    attachment.delete()  # its file goes once this is committed (receivers.delete_file)


def file_forget(attachment: Attachment) -> None:
    """The stored file of an attachment whose record was never committed (a write that failed
    after the file was kept): nothing of a refused upload stays on the server."""
    attachment.file.storage.delete(attachment.file.name)
