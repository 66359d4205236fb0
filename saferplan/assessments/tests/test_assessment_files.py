"""Files kept with a strategic assessment (issue 26, part 5): what it was drawn from or sent
with, each with its own marking. Every member of the partnership reads them (the board agrees
the assessment); coordinators and analysts add and take them off; another partnership never
reaches them, and the published summary never shows them.

The files are real: seed 002 (Hertsmere's plan, with its Strategic Assessment 2022 summary)
as the county's text, and a month of police.uk street-level crime for the City of London
(Open Government Licence v3.0) as a data annex."""

import csv
import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from saferplan.attachments.models import Attachment
from saferplan.core.models import AuditEvent

from .agreed import SEED_TEXT, agreed_seed_002
from .test_publishing import publish_form

pytestmark = pytest.mark.django_db
POLICE_UK = Path("/work/shared/data/police-uk/city-of-london-2023-10..2025-12")
ANNEX = POLICE_UK / "2023-10-city-of-london-street.csv"


@pytest.fixture
def agreed(partnership, coordinator):
    return agreed_seed_002(partnership, coordinator)


@pytest.fixture
def analyst(member_of):
    return member_of("analyst")


def _add(client, assessment, name: str, content: bytes, marking: str = "official"):
    slug = assessment.partnership.slug
    return client.post(
        reverse("assessments:file-add", args=[slug, assessment.pk]),
        {"file": SimpleUploadedFile(name, content), "marking": marking},
    )


def _read(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_a_file_kept_with_the_assessment_is_read_by_members_and_listed_on_its_page(
    signed_in,
    agreed,
    analyst,
    viewer,
    coordinator,
):
    """An analyst adds the county's text after the board agreed it (files are not what the
    board agreed); a board member reads it; the page lists it with its size and marking."""
    seed = SEED_TEXT.encode("utf-8")
    response = _add(signed_in(analyst), agreed, "county-profile.txt", seed, "official_sensitive")
    slug = agreed.partnership.slug
    assert response.status_code == 302
    assert response["Location"].endswith(f"/assessments/{agreed.pk}/#files")
    kept = agreed.files.get()
    assert (kept.name, kept.marking, kept.size) == (
        "county-profile.txt",
        "official_sensitive",
        len(seed),
    )

    page = signed_in(viewer).get(reverse("assessments:detail", args=[slug, agreed.pk]))
    html = page.content.decode()
    files = html[html.index('id="files"') :]
    assert "county-profile.txt" in files
    assert "OFFICIAL-SENSITIVE" in files
    assert "Add a file" not in files  # a board member reads; they do not add
    answer = signed_in(viewer).get(reverse("assessments:file", args=[slug, agreed.pk, kept.pk]))
    assert answer.status_code == 200
    assert _read(answer) == seed
    assert "no-store" in answer["Cache-Control"]
    logged = AuditEvent.objects.filter(
        object_type="assessments.strategicassessment", object_id=str(agreed.pk)
    )
    assert any("county-profile.txt" in str(e.changes.get("Files")) for e in logged)


def test_a_real_police_uk_month_kept_as_an_annex_is_given_back_formula_safe(
    signed_in,
    agreed,
    coordinator,
):
    """A real police.uk CSV (851 records) kept as sent and given back cell for cell: making
    it formula-safe changes nothing a real month holds (the downloads' own tests show a cell
    beginning = made plain text)."""
    sent = ANNEX.read_bytes()
    assert _add(signed_in(coordinator), agreed, ANNEX.name, sent).status_code == 302
    kept = agreed.files.get()
    assert kept.read() == sent  # kept exactly as sent
    slug = agreed.partnership.slug
    given = _read(
        signed_in(coordinator).get(reverse("assessments:file", args=[slug, agreed.pk, kept.pk]))
    ).decode("utf-8-sig")
    sent_rows = list(csv.reader(io.StringIO(sent.decode("utf-8"))))
    given_rows = list(csv.reader(io.StringIO(given)))
    assert len(sent_rows) == 1 + 851  # the heading and October 2023's 851 records (wc -l)
    assert given_rows == sent_rows  # no cell of a real month needed changing
    assert given_rows[0][:4] == ["Crime ID", "Month", "Reported by", "Falls within"]


def test_another_partnership_and_the_public_never_reach_an_assessments_files(
    signed_in,
    client,
    agreed,
    coordinator,
    outsider,
    viewer,
):
    assert (
        _add(signed_in(coordinator), agreed, "annex.txt", b"Named address: 1 High St").status_code
        == 302
    )
    kept = agreed.files.get()
    slug = agreed.partnership.slug
    address = reverse("assessments:file", args=[slug, agreed.pk, kept.pk])
    # Another partnership's coordinator, through either partnership's address.
    other = outsider.memberships.get().partnership.slug
    assert signed_in(outsider).get(address).status_code == 403
    assert signed_in(outsider).get(address.replace(f"/{slug}/", f"/{other}/")).status_code in (
        403,
        404,
    )
    # A board member may not add or take off a file.
    board = signed_in(viewer)
    assert _add(board, agreed, "mine.txt", b"A note").status_code == 403
    delete = reverse("assessments:file-delete", args=[slug, agreed.pk, kept.pk])
    assert board.post(delete).status_code == 403
    assert agreed.files.count() == 1
    # Published: the summary is public, its files are not.
    signed_in(coordinator).post(
        reverse("assessments:publish", args=[slug, agreed.pk]), publish_form("Our summary.")
    )
    client.logout()
    public = client.get(reverse("public:plan", args=[slug])).content.decode()
    assert "Our summary." in public
    assert "annex.txt" not in public
    assert client.get(address).status_code == 302  # to sign in


def test_a_file_taken_off_leaves_nothing_in_storage_and_is_logged(
    signed_in,
    agreed,
    coordinator,
    django_capture_on_commit_callbacks,
):
    client = signed_in(coordinator)
    _add(client, agreed, "annex.txt", b"Draft figures")
    kept = agreed.files.get()
    stored, storage = kept.file.name, kept.file.storage
    slug = agreed.partnership.slug
    with django_capture_on_commit_callbacks(execute=True):  # files go once it is committed
        answer = client.post(reverse("assessments:file-delete", args=[slug, agreed.pk, kept.pk]))
    assert answer.status_code == 302
    assert not Attachment.objects.filter(pk=kept.pk).exists()
    assert not storage.exists(stored)
    events = AuditEvent.objects.filter(object_type="assessments.strategicassessment")
    assert any(e.changes.get("Files", [None, None])[1] == "" for e in events)


def test_an_assessment_deleted_with_its_partnership_takes_its_files(
    signed_in,
    agreed,
    coordinator,
    django_capture_on_commit_callbacks,
):
    _add(signed_in(coordinator), agreed, "annex.txt", b"Draft figures")
    kept = agreed.files.get()
    stored, storage = kept.file.name, kept.file.storage
    with django_capture_on_commit_callbacks(execute=True):
        agreed.delete()
    assert not Attachment.objects.filter(pk=kept.pk).exists()
    assert not storage.exists(stored)
