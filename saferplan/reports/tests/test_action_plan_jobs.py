"""The action plan's PDF and Word document from the plan's page are made in the background
worker with progress (issue 22, deliverable 5: a 100-action plan's PDF takes seconds), and
the public's copies are made once per version of the plan and kept, so that nobody waits for
(or can make the server repeat) a document that has not changed."""

import pytest
from django.urls import reverse

from saferplan.background.models import BackgroundJob
from saferplan.background.progress import progress_of
from saferplan.plans import services as plan_services
from saferplan.plans.tests.factories import ActionFactory, PlanFactory, PriorityFactory
from saferplan.reports import public_files

from .files import body, readable_text

CANARY = "Canaryq7x2m4v"


@pytest.fixture
def plan(partnership):
    plan = PlanFactory(
        partnership=partnership,
        title="Hertsmere Community Safety Action Plan 2026 - 2027",
        period_start="2026-04-01",
        period_end="2027-03-31",
        status="published",
        publish_updates=True,
    )
    priority = PriorityFactory(plan=plan, number=1, title="Tackle the illicit drug economy")
    ActionFactory(priority=priority, title="Close county lines", owner_text="Police")
    ActionFactory(
        priority=priority, title=f"Covert operation {CANARY}", marking="official_sensitive"
    )
    return plan


def prepare(client, plan, document, layout="table"):
    return client.post(
        reverse("reports:plan-document-prepare", args=[plan.partnership.slug, plan.pk]),
        {"document": document, "layout": layout},
    )


@pytest.mark.parametrize(
    ("document", "layout", "magic", "name"),
    [
        ("pdf", "table", b"%PDF", "hertsmere-community-safety-action-plan-2026-2027.pdf"),
        (
            "docx",
            "quarters",
            b"PK",
            "hertsmere-community-safety-action-plan-2026-2027-quarters.docx",
        ),
    ],
)
def test_an_owner_makes_the_action_plan_document_in_the_background(
    signed_in, editor, plan, document, layout, magic, name
):
    client = signed_in(editor)
    overview = client.get(reverse("plans:overview", args=["hertsmere", plan.pk])).content.decode()
    assert "Make the PDF" in overview
    assert "By Quarter 1 to 4" in overview

    answer = prepare(client, plan, document, layout)
    job = BackgroundJob.objects.get()
    assert answer["Location"] == reverse("background:job", args=["hertsmere", job.pk])
    assert job.kind == BackgroundJob.Kind.ACTION_PLAN_DOCUMENT
    assert job.status == "done", job.outcome  # the tests' immediate backend runs it at once
    assert job.file_name == name
    steps = progress_of(job.pk)
    assert steps[0] == "Reading the plan's actions and their updates"
    if document == "pdf":
        assert steps[1] == "Laying out the PDF's pages: 2 actions and 0 updates"

    shown = client.get(answer["Location"]).content.decode()
    label = {"pdf": "PDF", "docx": "Word document"}[document]
    assert f"Download the {label}" in shown
    assert "Back to the plan" in shown
    download = client.get(reverse("background:job-file", args=["hertsmere", job.pk]))
    assert download.status_code == 200
    assert f'filename="{name}"' in download["Content-Disposition"]
    content = body(download)
    assert content.startswith(magic)
    text = readable_text(document, content)
    assert "Closecountylines" in text
    assert f"Covertoperation{CANARY}" in text  # a member's document holds the sensitive item


def test_the_document_is_the_askers_and_outsiders_cannot_ask(
    signed_in, editor, coordinator, outsider, plan
):
    prepare(signed_in(editor), plan, "pdf")
    job = BackgroundJob.objects.get()
    other = signed_in(coordinator)
    assert other.get(reverse("background:job-file", args=["hertsmere", job.pk])).status_code == 403
    assert prepare(signed_in(outsider), plan, "pdf").status_code in (403, 404)
    assert BackgroundJob.objects.count() == 1


def test_a_member_who_left_before_the_worker_started_gets_no_document(editor, plan):
    from saferplan.reports import tasks

    # Queued as the plan's page queues it; the worker reaches it after the person has left.
    job = BackgroundJob.objects.create(
        kind=BackgroundJob.Kind.ACTION_PLAN_DOCUMENT,
        partnership=plan.partnership,
        started_by=editor,
        file_name="plan.pdf",
        options={"plan": plan.pk, "format": "pdf", "quarter_view": False},
    )
    editor.memberships.all().delete()
    tasks.run_action_plan_document.call(job.pk)
    job.refresh_from_db()
    assert job.status == "failed"
    assert "may no longer read Hertsmere Community Safety Action Plan" in job.outcome
    assert not job.stored_file


def test_no_layout_or_document_chosen_makes_nothing(signed_in, editor, plan):
    for document, layout in (("xlsx", "table"), ("pdf", "sideways")):
        answer = prepare(signed_in(editor), plan, document, layout)
        assert answer["Location"] == reverse("plans:overview", args=["hertsmere", plan.pk])
    assert not BackgroundJob.objects.exists()


def test_the_public_pdf_is_made_once_per_version_of_the_plan(
    client, coordinator, plan, monkeypatch
):
    made = []
    make = public_files.action_plan_file

    def counting(**kwargs):
        made.append(kwargs["kind"])
        return make(**kwargs)

    monkeypatch.setattr(public_files, "action_plan_file", counting)
    url = reverse("reports:public-plan-export", args=["hertsmere", plan.pk, "pdf"])
    first = body(client.get(url))
    second = body(client.get(url))
    assert first == second
    assert made == ["pdf"]  # the second visitor got the kept copy
    assert "Closecountylines" in readable_text("pdf", first)
    assert CANARY not in readable_text("pdf", first)

    # An update changes the plan: the next visitor gets a new document that holds it.
    action = plan.priorities.get().actions.get(title="Close county lines")
    plan_services.update_add(
        actor=coordinator, action=action, described_on=plan.period_start, text="Two lines closed"
    )
    third = body(client.get(url))
    assert made == ["pdf", "pdf"]
    assert "Twolinesclosed" in readable_text("pdf", third)
    # The quarter layout is another document.
    client.get(url + "?layout=quarters")
    assert made == ["pdf", "pdf", "pdf"]


def test_an_unpublished_plan_has_no_public_copy_even_if_one_was_kept(client, plan):
    url = reverse("reports:public-plan-export", args=["hertsmere", plan.pk, "pdf"])
    assert client.get(url).status_code == 200
    plan.status = "approved"
    plan.save()
    assert client.get(url).status_code == 404


def test_the_first_visitor_after_a_change_is_told_it_is_being_made(client, plan, monkeypatch):
    """With the real worker the copy is made in the background: until it is there the
    visitor gets a page saying so, with the link again; the worker is asked once; and if it
    has not made it within the grace (stopped), the request makes it."""
    asked = []

    class SlowWorker:
        def enqueue(self, *args):
            asked.append(args)

    monkeypatch.setattr(public_files, "make_public_action_plan_file", SlowWorker())
    url = reverse("reports:public-plan-export", args=["hertsmere", plan.pk, "pdf"])
    for _ in range(2):
        answer = client.get(url)
        assert answer.status_code == 202
        assert answer["Retry-After"] == "10"
        shown = answer.content.decode()
        assert "The PDF is being made" in shown
        assert f'href="{url}"' in shown
    assert asked == [
        (plan.pk, "pdf", False, "en-gb")
    ]  # once, however many ask, in the language asked

    monkeypatch.setattr(public_files, "WORKER_GRACE", 0)
    answer = client.get(url)
    assert answer.status_code == 200
    assert body(answer).startswith(b"%PDF")
    assert asked == [(plan.pk, "pdf", False, "en-gb")]
