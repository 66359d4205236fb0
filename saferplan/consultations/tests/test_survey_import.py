"""Responses imported from a survey tool's export: the columns guessed and mapped in a
preview, every cell checked, and the file imported whole or not at all (once)."""

import csv
import datetime

import pytest
from django.urls import reverse

from saferplan.consultations import selectors
from saferplan.consultations.models import Response
from saferplan.core.models import AuditEvent

from .conftest import SURVEY_CSV

pytestmark = pytest.mark.django_db
HOST = {"HTTP_HOST": "127.0.0.1"}


def _import(client, consultation, content=None, name="hertsmere-survey-microsoft-forms.csv"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    slug = consultation.partnership.slug
    upload = SimpleUploadedFile(
        name, content if content is not None else SURVEY_CSV.read_bytes(), "text/csv"
    )
    return client.post(
        reverse("consultations:import", args=[slug, consultation.pk]), {"file": upload}, **HOST
    )


def _confirm(client, consultation, preview_url, **changes):
    page = client.get(preview_url, **HOST)
    form = page.context["form"]
    data = {name: field.initial for name, field in form.fields.items()} | changes
    return client.post(preview_url, data, **HOST)


def hand_count(path=SURVEY_CSV):
    """Straight from the CSV: {heading: (relevant, answered)} for every relevance column."""
    with path.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.DictReader(file))
    counts = {}
    for heading in rows[0]:
        if heading.startswith(("How relevant", "Priority")):
            answers = [r[heading] for r in rows if r[heading]]
            counts[heading] = (
                sum(a in ("Very relevant", "Fairly relevant") for a in answers),
                len(answers),
            )
    return len(rows), counts


def test_an_export_imports_with_its_columns_guessed_and_the_results_match_a_hand_count(
    client, coordinator, consultation
):
    client.force_login(coordinator)
    uploaded = _import(client, consultation)
    assert uploaded.status_code == 302
    preview = client.get(uploaded["Location"], **HOST)
    mapping = preview.context["form"].initial or {
        n: f.initial for n, f in preview.context["form"].fields.items()
    }
    guessed = {preview.context["form"].fields[n].label: v for n, v in mapping.items()}
    questions = {str(q.pk): q for q in selectors.questions_of(consultation)}
    assert guessed["Completion time"] == "received"
    assert (
        questions[
            guessed[
                "Priority 4 - Work in partnership to support and promote local services that provide a holistic approach to community wellbeing"
            ]
        ].short_label
        == "Priority 4"
    )
    assert questions[guessed["Which area do you live in?"]].about == "area"
    assert guessed["ID"] == ""
    done = _confirm(client, consultation, uploaded["Location"])
    assert done.status_code == 302, done.content.decode()[:2000]

    respondents, counts = hand_count()
    results = selectors.consultation_results(consultation)
    assert results.respondents == respondents == 40
    by_label = {r.label: r for r in results.relevance}
    for heading, (relevant, answered) in counts.items():
        label = (
            f"Priority {heading.split()[1]}"
            if heading.startswith("Priority")
            else f"Aim {heading.split()[4].rstrip(':')}"
        )
        assert (by_label[label].relevant, by_label[label].answered) == (relevant, answered), label
    assert Response.objects.filter(contact_email="resident12@example.org").count() == 1
    assert Response.objects.exclude(contact_name="").count() == 5  # "Resident 0", 9, 18, 27, 36
    assert Response.objects.get(source_row=2).received_at.date() == datetime.date(2023, 1, 10)
    assert AuditEvent.objects.filter(reason__startswith="40 responses imported").exists()


def test_a_bad_cell_is_named_by_file_row_and_column_and_nothing_is_imported(
    client, coordinator, consultation
):
    client.force_login(coordinator)
    text = SURVEY_CSV.read_text(encoding="utf-8-sig").splitlines()
    text[5] = text[5].replace("Very relevant", "Quite relevant", 1)
    uploaded = _import(client, consultation, "\n".join(text).encode(), name="edited.csv")
    page = _confirm(client, consultation, uploaded["Location"])
    assert page.status_code == 400
    body = page.content.decode()
    assert "Nothing was imported" in body
    assert "edited.csv, row 6, column “How relevant is aim 1" in body
    assert "“Quite relevant” is not an answer to a relevance question" in body
    assert not Response.objects.exists()


def test_the_same_export_is_not_imported_twice(client, coordinator, consultation):
    client.force_login(coordinator)
    _confirm(client, consultation, _import(client, consultation)["Location"])
    again = _import(client, consultation)
    assert again.status_code == 200
    assert "its responses are already counted" in again.content.decode()
    assert Response.objects.count() == 40


def test_a_file_that_is_not_a_survey_export_is_refused(client, coordinator, consultation):
    client.force_login(coordinator)
    refused = _import(client, consultation, b"just one line\n", name="notes.csv")
    assert "notes.csv has no responses" in refused.content.decode()
    workbook = _import(client, consultation, b"PK\x03\x04\x00\x00 a workbook", name="export.xlsx")
    assert "export.xlsx is not a CSV file. Export the survey&#x27;s responses as CSV." in (
        workbook.content.decode()
    )


def test_a_survey_export_over_20_mb_is_refused_before_it_is_read(client, coordinator, consultation):
    from saferplan.consultations.models import ResponseImport

    client.force_login(coordinator)
    huge = SURVEY_CSV.read_bytes() + b"\n" * (20 * 1024 * 1024)
    refused = _import(client, consultation, huge, name="everything.csv")
    assert refused.status_code == 200
    assert "everything.csv is larger than 20 MB" in refused.content.decode()
    assert not ResponseImport.objects.exists()


def test_the_column_preview_reads_the_export_once_however_often_it_is_viewed(
    client, coordinator, consultation, monkeypatch
):
    """The survey export is parsed at upload and its columns kept: viewing the preview again
    (or trying another mapping) does not parse the file again; confirming reads it once."""
    from saferplan.consultations import survey_csv

    reads = []
    real = survey_csv.read_survey

    def counted(file_name, content):
        reads.append(file_name)
        return real(file_name, content)

    monkeypatch.setattr(survey_csv, "read_survey", counted)
    client.force_login(coordinator)
    uploaded = _import(client, consultation)
    assert len(reads) == 1
    for _ in range(3):
        page = client.get(uploaded["Location"], **HOST)
        assert "40 rows below the headings" in page.content.decode()
    assert len(reads) == 1
    assert _confirm(client, consultation, uploaded["Location"]).status_code == 302
    assert len(reads) == 2
    assert Response.objects.count() == 40
