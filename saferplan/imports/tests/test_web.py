"""Importing through the web: upload, preview, keep rows apart, match owners, confirm."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from saferplan.imports.models import PlanImport
from saferplan.imports.readers import parse_plan
from saferplan.partnerships.models import Organisation
from saferplan.partnerships.tests.factories import OrganisationFactory
from saferplan.plans.models import Action, Plan

from . import documents

SEEDS = Path(__file__).resolve().parents[2] / "demo" / "seeds"
SEED = "003_beef6faf28b908d0.txt"


def confirm(client, partnership, pending, **data):
    """Post the confirmation and read the whole streamed page (or where it redirects)."""
    response = client.post(reverse("imports:confirm", args=[partnership.slug, pending.pk]), data)
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return client.get(response["Location"]).text


def upload(client, partnership, name=SEED, content=None):
    data = content if content is not None else (SEEDS / name).read_bytes()
    return client.post(
        reverse("imports:upload", args=[partnership.slug]),
        {"file": SimpleUploadedFile(name, data)},
        follow=True,
    )


def test_a_coordinator_uploads_previews_and_confirms_a_plan(client, coordinator, partnership):
    client.force_login(coordinator)
    preview = upload(client, partnership)
    assert "Check the import before you confirm it" in preview.text
    assert "5 priorities, 18 objectives, 50 actions, 164 dated updates" in preview.text
    assert "8 rows joined across page breaks" in preview.text
    assert not Plan.objects.exists()  # nothing saved before confirming
    pending = PlanImport.objects.get()
    page = confirm(client, partnership, pending)
    plan = Plan.objects.get()
    assert "Written 25 of 50 actions" in page
    assert "Written 50 of 50 actions" in page
    assert f'href="/partnerships/{partnership.slug}/plans/{plan.pk}/">Go to the plan</a>' in page
    assert page.rstrip().endswith("</html>")
    assert plan.status == "draft"
    assert Action.objects.filter(priority__plan=plan).count() == 50


def test_a_coordinator_uploads_the_plan_as_a_pdf_and_imports_the_same_plan(
    client, coordinator, partnership
):
    seed = parse_plan((SEEDS / SEED).read_bytes(), SEED)
    client.force_login(coordinator)
    preview = upload(
        client, partnership, name="Action plan 2019-20.pdf", content=documents.to_pdf(seed)
    )
    assert "Check the import before you confirm it" in preview.text
    assert "5 priorities, 18 objectives, 50 actions, 164 dated updates" in preview.text
    assert "page 1, table 1" in preview.text  # warnings say where, by page
    confirm(client, partnership, PlanImport.objects.get())
    plan = Plan.objects.get()
    assert Action.objects.filter(priority__plan=plan).count() == 50


def test_a_join_is_undone_in_the_preview_and_the_import_keeps_the_rows_apart(
    client, coordinator, partnership
):
    client.force_login(coordinator)
    upload(client, partnership)
    pending = PlanImport.objects.get()
    key = f"{SEED}:60"  # the Tri-CSP row after the page break
    page = client.post(
        reverse("imports:keep-apart", args=[partnership.slug, pending.pk]),
        {"undo_key": key, "keep": "1"},
        follow=True,
    )
    assert "7 rows joined across page breaks" in page.text
    assert f"Kept apart: the row at {key}." in page.text
    assert "The rows are kept apart: the preview below is read again." in page.text
    confirm(client, partnership, pending)
    assert Action.objects.filter(title="Launch the Tri-CSP Youth").exists()
    assert Action.objects.count() == 51


def test_an_unmatched_owner_is_matched_to_an_organisation_and_remembered(
    client, coordinator, partnership
):
    council = OrganisationFactory(
        name="Hertsmere Borough Council", kind="local_authority", partnerships=[partnership]
    )
    client.force_login(coordinator)
    preview = upload(client, partnership)
    assert "“Hertsmere Community Safety Team” (26 actions)" in preview.text
    pending = PlanImport.objects.get()
    prefix = next(
        f.prefix
        for text, count, f in preview.context["owner_forms"]
        if text == "Hertsmere Community Safety Team"
    )
    client.post(
        reverse("imports:resolve-owner", args=[partnership.slug, pending.pk]),
        {
            "prefix": prefix,
            f"{prefix}-owner_text": "Hertsmere Community Safety Team",
            f"{prefix}-choice": f"organisation:{council.pk}",
        },
    )
    council.refresh_from_db()
    assert "Hertsmere Community Safety Team" in council.aliases
    again = client.get(reverse("imports:preview", args=[partnership.slug, pending.pk]))
    assert "“Hertsmere Community Safety Team” (26 actions)" not in again.text
    confirm(client, partnership, pending)
    assert Action.objects.filter(owner_organisations=council).count() >= 26


def test_an_unmatched_owner_can_be_created_as_a_new_organisation(client, coordinator, partnership):
    client.force_login(coordinator)
    preview = upload(client, partnership)
    pending = PlanImport.objects.get()
    prefix = next(
        f.prefix for text, count, f in preview.context["owner_forms"] if text == "Hertsmere Police"
    )
    client.post(
        reverse("imports:resolve-owner", args=[partnership.slug, pending.pk]),
        {
            "prefix": prefix,
            f"{prefix}-owner_text": "Hertsmere Police",
            f"{prefix}-choice": "new",
            f"{prefix}-kind": "police",
        },
    )
    assert Organisation.objects.filter(
        name="Hertsmere Police", kind="police", partnerships=partnership
    ).exists()


def test_a_file_that_is_not_a_plan_is_refused_at_the_field_with_its_name(
    client, coordinator, partnership
):
    client.force_login(coordinator)
    response = upload(
        client, partnership, name="minutes.docx", content=b"PK\x03\x04 not really a document"
    )
    assert "minutes.docx: this is not a Word document that can be opened" in response.text
    assert 'href="#id_file"' in response.text
    assert not PlanImport.objects.exists()


def test_a_file_of_an_unknown_kind_is_refused_naming_the_kinds_that_work(
    client, coordinator, partnership
):
    client.force_login(coordinator)
    response = upload(client, partnership, name="plan.pages", content=b"PK\x03\x04")
    assert (
        "plan.pages: saferplan cannot read “.pages” files. Use Word (.docx), PDF, Excel (.xlsx), CSV, HTML or text."
        in response.text
    )


def test_uploading_the_same_file_again_offers_to_replace_the_draft(
    client, coordinator, partnership
):
    client.force_login(coordinator)
    upload(client, partnership)
    confirm(client, partnership, PlanImport.objects.get())
    preview = upload(client, partnership)
    assert "This file was already imported on" in preview.text
    pending = PlanImport.objects.get(status="preview")
    refused = confirm(client, partnership, pending)
    assert "was already imported" in refused
    assert Plan.objects.count() == 1
    confirm(client, partnership, pending, replace="1")
    assert Plan.objects.count() == 1
    assert PlanImport.objects.get(pk=pending.pk).status == "imported"


def test_cancelling_keeps_nothing_of_the_file(client, coordinator, partnership):
    client.force_login(coordinator)
    upload(client, partnership)
    pending = PlanImport.objects.get()
    client.post(reverse("imports:cancel", args=[partnership.slug, pending.pk]))
    pending.refresh_from_db()
    assert pending.status == "cancelled"
    assert bytes(pending.content) == b""
    assert not Plan.objects.exists()


@pytest.mark.parametrize("role", ["viewer", "editor", "analyst"])
def test_only_coordinators_import(client, member_of, partnership, role):
    client.force_login(member_of(role))
    assert upload(client, partnership).status_code == 403
    assert not PlanImport.objects.exists()


def test_the_published_csv_template_imports_as_it_says(client, coordinator, partnership):
    client.force_login(coordinator)
    response = client.get(reverse("imports:template", args=[partnership.slug]))
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="saferplan-action-plan-template.csv"'
    )
    content = response.getvalue()  # streamed
    assert content.startswith("\ufeff".encode())
    from saferplan.imports.readers import parse_plan

    plan = parse_plan(content, "Action plan 2019 - 2020.csv")
    action = plan.priorities[0].objectives[0].actions[0]
    assert (plan.priorities[0].title, action.title, action.rag) == (
        "Identify and prevent serious youth violence",
        "Arrange events in the community",
        "green",
    )
    assert [u.text for u in action.updates] == [
        "06/10/2019 Charity event at Borehamwood Football Club",
        "26/11/2018 Event at Meryfield primary school, 140 attended",
    ]
    amnesty = plan.priorities[0].objectives[1].actions[0]
    assert amnesty.owner_text == "Hertsmere SNT Sgt Vaughan"
    assert amnesty.sensitive  # the Marking column
    assert not action.sensitive
    assert not [w for w in plan.warnings if w.kind == "unknown_column"]


def test_a_failure_while_importing_is_shown_and_nothing_is_saved(
    client, coordinator, partnership, monkeypatch
):
    from django.core.exceptions import ValidationError

    from saferplan.plans import services as plan_services

    real = plan_services.action_create
    calls = {"n": 0}

    def fail_on_the_thirtieth(**kwargs):
        calls["n"] += 1
        if calls["n"] == 30:
            raise ValidationError("An action could not be saved")
        return real(**kwargs)

    monkeypatch.setattr(plan_services, "action_create", fail_on_the_thirtieth)
    client.force_login(coordinator)
    upload(client, partnership)
    page = confirm(client, partnership, PlanImport.objects.get())
    assert "Written 25 of 50 actions" in page
    assert "The import failed and nothing was saved" in page
    assert "An action could not be saved" in page
    assert not Plan.objects.exists()
    assert not Action.objects.exists()
    assert PlanImport.objects.get().status == "preview"  # it can be confirmed again
