"""A grant's files (issue 26, part 5): the grant agreement kept with the grant, read by the
partnership's members only, and nothing left in storage when attaching it fails."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from saferplan.attachments.models import Attachment
from saferplan.core.models import AuditEvent
from saferplan.funding.models import Grant

pytestmark = pytest.mark.django_db
AGREEMENT = b"Grant agreement\nSafer Streets 5: GBP 10,000 for 2024-25.\n"


def _stored_files(settings):
    from pathlib import Path

    root = Path(settings.MEDIA_ROOT)
    return sorted(p.name for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_a_grant_file_is_kept_read_by_members_and_goes_with_the_grant(
    signed_in, grant, coordinator, viewer, outsider, django_capture_on_commit_callbacks
):
    slug = grant.partnership.slug
    client = signed_in(coordinator)
    response = client.post(
        reverse("funding:file-add", args=[slug, grant.pk]),
        {
            "file": SimpleUploadedFile("agreement.txt", AGREEMENT),
            "marking": "official_sensitive",
        },
    )
    assert response.status_code == 302
    kept = grant.files.get()
    assert (kept.name, kept.marking) == ("agreement.txt", "official_sensitive")
    address = reverse("funding:file", args=[slug, grant.pk, kept.pk])
    assert b"".join(signed_in(viewer).get(address).streaming_content) == AGREEMENT
    assert signed_in(outsider).get(address).status_code == 403
    assert AuditEvent.objects.filter(object_type="funding.grant", changes__has_key="Files")
    stored = kept.file.name
    storage = kept.file.storage
    client = signed_in(coordinator)
    with django_capture_on_commit_callbacks(execute=True):  # files go once it is committed
        client.post(reverse("funding:delete", args=[slug, grant.pk]))
    assert not Attachment.objects.filter(pk=kept.pk).exists()
    assert not storage.exists(stored)


def test_nothing_is_left_in_storage_when_attaching_fails_after_the_file_was_written(
    signed_in, grant, coordinator, monkeypatch
):
    """The owner's audit entry fails after the file is in storage: the transaction is undone,
    and so is the file (files_forgotten_on_failure)."""
    from saferplan.attachments import services as attachment_services
    from saferplan.attachments.models import Attachment as Kept

    written = []
    real_attach = attachment_services.file_attach

    def attach_then_remember(**kwargs):
        attachment = real_attach(**kwargs)
        written.append((attachment.file.storage, attachment.file.name))
        return attachment

    real_log = attachment_services.audit.log

    def failing_log(**kwargs):
        if isinstance(kwargs["instance"], Grant):  # the grant's entry, after the file's own
            raise RuntimeError("the audit log is unavailable")
        return real_log(**kwargs)

    monkeypatch.setattr(attachment_services, "file_attach", attach_then_remember)
    monkeypatch.setattr(attachment_services.audit, "log", failing_log)
    client = signed_in(coordinator)
    client.raise_request_exception = False
    response = client.post(
        reverse("funding:file-add", args=[grant.partnership.slug, grant.pk]),
        {"file": SimpleUploadedFile("agreement.txt", AGREEMENT), "marking": "official"},
    )
    assert response.status_code == 500
    assert len(written) == 1
    storage, name = written[0]
    assert not storage.exists(name)
    assert not Kept.objects.exists()
