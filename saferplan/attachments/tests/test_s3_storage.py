"""Uploads and attachments in S3-compatible object storage, the production option for several
servers: the settings choose django-storages' S3 backend from the environment, and a file
attached, downloaded and deleted goes through it (moto's in-process S3: no network, no
account). A police.uk upload kept there is read from a temporary copy on disk."""

import pytest
from django.core.files.storage import storages
from moto import mock_aws

from saferplan.attachments import services
from saferplan.attachments.files import attachment_from_upload
from saferplan.attachments.tests.test_files import email_file
from saferplan.background.services import upload_on_disk
from saferplan.settings.base import uploads_storage

pytestmark = pytest.mark.django_db


def test_the_settings_choose_a_folder_or_an_s3_bucket():
    assert uploads_storage({"SAFERPLAN_UPLOAD_DIR": "/srv/uploads"}) == {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": "/srv/uploads"},
    }
    s3 = uploads_storage(
        {
            "SAFERPLAN_UPLOADS_S3_BUCKET": "council-saferplan",
            "SAFERPLAN_UPLOADS_S3_ENDPOINT": "https://minio.internal",
        }
    )
    assert s3["BACKEND"] == "storages.backends.s3.S3Storage"
    assert s3["OPTIONS"]["bucket_name"] == "council-saferplan"
    assert s3["OPTIONS"]["endpoint_url"] == "https://minio.internal"
    assert s3["OPTIONS"]["default_acl"] == "private"
    assert s3["OPTIONS"]["file_overwrite"] is False


@pytest.fixture
def s3_uploads(settings, monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-west-2")
    with mock_aws():
        import boto3

        boto3.client("s3", region_name="eu-west-2").create_bucket(
            Bucket="council-saferplan",
            CreateBucketConfiguration={"LocationConstraint": "eu-west-2"},
        )
        config = uploads_storage(
            {
                "SAFERPLAN_UPLOADS_S3_BUCKET": "council-saferplan",
                "SAFERPLAN_UPLOADS_S3_REGION": "eu-west-2",
            }
        )
        settings.STORAGES = {**settings.STORAGES, "uploads": config}
        storages._storages = {}  # made again from the settings
        # The model field keeps the storage it was declared with: point it at the new one.
        from saferplan.attachments.models import Attachment

        field = Attachment._meta.get_field("file")
        before = field.storage
        field.storage = storages["uploads"]
        try:
            yield boto3.client("s3", region_name="eu-west-2")
        finally:
            field.storage = before
            storages._storages = {}


def test_an_attachment_is_kept_read_and_deleted_in_the_bucket(s3_uploads, partnership, coordinator):
    attachment = services.file_attach(
        actor=coordinator,
        partnership=partnership,
        name="improvements.eml",
        checked=attachment_from_upload("improvements.eml", email_file()),
    )
    keys = [o["Key"] for o in s3_uploads.list_objects_v2(Bucket="council-saferplan")["Contents"]]
    assert keys == [f"saferplan/{attachment.file.name}"]
    assert attachment.read() == email_file()
    with upload_on_disk(attachment.file.name) as path, open(path, "rb") as copy:
        assert copy.read() == email_file()  # the police.uk import reads its upload this way
    services.attachment_delete(actor=coordinator, attachment=attachment)
