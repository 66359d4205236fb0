"""Every form that takes a file refuses one that is too large, of the wrong type, empty or
not what it claims to be, with a message naming the file, and keeps nothing of it.

The upload forms: a plan document (imports), police.uk data and a CSV of figures (crime
data), and a survey export (consultations)."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from saferplan.consultations.models import ResponseImport
from saferplan.core.models import AuditEvent
from saferplan.crimedata.models import CustomSeries, CustomValue, ForceMonth, StreetCount
from saferplan.imports.models import PlanImport
from saferplan.plans.models import Plan
from saferplan.plans.tests.factories import PlanFactory

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + bytes(2000)  # a photograph, whatever its name says
KEPT = (PlanImport, ResponseImport, CustomSeries, CustomValue, ForceMonth, StreetCount, Plan)


def consultation_of(partnership, coordinator):
    from saferplan.consultations import services

    today = datetime.date.today()
    return services.consultation_create(
        actor=coordinator,
        partnership=partnership,
        plan=PlanFactory(partnership=partnership, kind="strategic"),
        title="Priorities survey",
        privacy_notice="We hold your answers to agree our priorities.",
        opens_on=today,
        closes_on=today + datetime.timedelta(days=30),
        about_you=[],
        areas=[],
    )


def upload_forms(partnership, coordinator):
    """(what, url, largest size accepted in MB) for each upload form."""
    slug = partnership.slug
    consultation = consultation_of(partnership, coordinator)
    return [
        ("plan document", reverse("imports:upload", args=[slug]), 10),
        ("police.uk data", reverse("crimedata:police-uk", args=[slug]), 1),
        ("CSV of figures", reverse("crimedata:series-import", args=[slug]), 2),
        ("survey export", reverse("consultations:import", args=[slug, consultation.pk]), 20),
    ]


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in KEPT} | {
        "AuditEvent": AuditEvent.objects.count()
    }


def refused(client, url: str, upload: SimpleUploadedFile) -> str:
    """Post the file; the form comes back with an error summary. Returns the page's text."""
    response = client.post(url, {"file": upload})
    assert response.status_code == 200, f"{url}: {response.status_code}"
    html = response.content.decode()
    assert "govuk-error-summary" in html, f"{url} accepted {upload.name}"
    return html


@pytest.fixture
def forms(settings, partnership, coordinator, signed_in):
    settings.SAFERPLAN_POLICE_UK_UPLOAD_MB = 1  # the default of 300 MB, made small to test
    return signed_in(coordinator), upload_forms(partnership, coordinator)


def test_a_file_larger_than_the_form_allows_is_refused_by_name(forms):
    client, upload_forms = forms
    for what, url, megabytes in upload_forms:
        before = counts()
        name = "big.zip" if what == "police.uk data" else "big.csv"
        big = SimpleUploadedFile(name, b"a,b\n" * (megabytes * 1024 * 1024 // 4 + 1))
        html = refused(client, url, big)
        assert f"{name} is larger than {megabytes} MB" in html, what
        assert counts() == before, f"{what}: something was kept"


def test_a_file_of_the_wrong_kind_is_refused_by_name(forms):
    client, upload_forms = forms
    for what, url, _ in upload_forms:
        before = counts()
        html = refused(client, url, SimpleUploadedFile("photo.png", PNG))
        assert "photo.png" in html, what
        assert counts() == before, f"{what}: something was kept"


def test_a_file_that_is_not_what_its_name_says_is_refused_by_name(forms):
    """A photograph renamed .csv, .docx, .zip: read, not trusted by its name."""
    client, upload_forms = forms
    names = {
        "plan document": "action-plan.docx",
        "police.uk data": "2024-01-hertfordshire-street.zip",
        "CSV of figures": "figures.csv",
        "survey export": "survey.csv",
    }
    for what, url, _ in upload_forms:
        before = counts()
        html = refused(client, url, SimpleUploadedFile(names[what], PNG))
        assert names[what] in html, what
        assert counts() == before, f"{what}: something was kept"


def test_an_empty_file_is_refused(forms):
    client, upload_forms = forms
    for what, url, _ in upload_forms:
        before = counts()
        html = refused(client, url, SimpleUploadedFile("empty.csv", b""))
        assert "empty" in html.lower(), what
        assert counts() == before, f"{what}: something was kept"
