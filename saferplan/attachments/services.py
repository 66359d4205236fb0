"""Writing attachments: each kept in the upload storage under a name saferplan chooses (never
the uploader's), every write audited."""

import hashlib
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.files.base import ContentFile
from django.db import transaction

from saferplan.core import audit
from saferplan.core.models import AuditEvent, Marking

from .files import CheckedFile
from .images import Photo
from .models import Attachment

LOGGED = ["name", "content_type", "size", "sha256", "marking"]
# The files written inside files_forgotten_on_failure(), to delete if its block fails.
_written: ContextVar[list[str] | None] = ContextVar("attachments_written", default=None)


@contextmanager
def files_forgotten_on_failure() -> Iterator[None]:
    """Around a write that attaches files: when it raises, its transaction is undone (the
    attachments' records are gone) and so are the files file_attach wrote to the storage.
    Without it a failure after the file was written (the owner's check, its audit entry)
    would leave the file in storage with nothing pointing to it."""
    written: list[str] = []
    token = _written.set(written)
    try:
        yield
    except BaseException:
        storage = Attachment._meta.get_field("file").storage
        for name in written:
            storage.delete(name)
        raise
    finally:
        _written.reset(token)


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
    # The file is written first, under the name the storage gives it, and remembered before
    # the record is saved: a failure from here on (the record, its audit entry, the owner's)
    # can then take it away again (files_forgotten_on_failure).
    field = Attachment._meta.get_field("file")
    stored = field.storage.save(
        field.generate_filename(None, f"{uuid.uuid4().hex}.{checked.extension}"),
        ContentFile(checked.content),
    )
    written = _written.get()
    if written is not None:
        written.append(stored)
    return audit.create(
        Attachment,
        actor=actor,
        partnership=partnership,
        logged_fields=LOGGED,
        partnership_id=partnership.pk,
        file=stored,
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


@transaction.atomic
def file_attach_to(
    owner,
    files,
    *,
    actor,
    partnership,
    name: str,
    checked: CheckedFile,
    marking: str = Marking.OFFICIAL,
    label: str = "Files",
) -> Attachment:
    """A checked file added to `files`, an owner's many-to-many of attachments (a meeting's
    papers, a grant's files), and logged in the owner's history under `label`."""
    attachment = file_attach(
        actor=actor, partnership=partnership, name=name, checked=checked, marking=marking
    )
    files.add(attachment)
    audit.log(
        instance=owner,
        action=AuditEvent.Action.UPDATE,
        actor=actor,
        partnership=partnership,
        changes={label: ["", f"{attachment} ({marking})"]},
    )
    return attachment


@transaction.atomic
def file_take_off(owner, *, actor, partnership, attachment: Attachment, label: str = "Files"):
    """A file taken off its owner (logged in the owner's history under `label`) and deleted."""
    audit.log(
        instance=owner,
        action=AuditEvent.Action.UPDATE,
        actor=actor,
        partnership=partnership,
        changes={label: [str(attachment), ""]},
    )
    attachment_delete(actor=actor, attachment=attachment)
