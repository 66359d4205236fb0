"""A background job is started once however often its form is sent: a double click, the
browser's resend, or a person sending again a form that was in flight on an app server that
died (saferplan.background.starting; docs/adr/0027-forms-saved-once.md). Each form's token
is the one its page drew, as a browser sends it back."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from saferplan.background.models import BackgroundJob
from saferplan.crimedata.tests.files import sample_csv
from saferplan.plans.tests.test_saved_once import update_form
from saferplan.reports.tests import test_board_report

# The action plan and board report of the board report's own tests.
plan = test_board_report.plan
report = test_board_report.report

SENT_TWICE = "The form was sent twice: saferplan started this job once, the first time."


@pytest.fixture(autouse=True)
def database_queue(settings):
    """The real queue: the jobs wait for a worker, so what is counted is what was started."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def tokens(page: str, action: str) -> list[str]:
    """The submission tokens of the page's forms that post to `action` ('' for the page's
    own address)."""
    forms = re.findall(r"<form ([^>]*)>(.*?)</form>", page, re.S)
    return [
        token
        for attributes, body in forms
        if (f'action="{action}"' in attributes if action else "action=" not in attributes)
        for token in re.findall(r'name="submission_token" value="([0-9a-f]+)"', body)
    ]


def sent_twice(client, url: str, data) -> tuple:
    """The same form posted twice (data made afresh: an upload is read when sent)."""
    return client.post(url, data()), client.post(url, data(), follow=True)


def test_a_police_uk_file_sent_twice_is_imported_by_one_job(signed_in, member_of, partnership):
    client = signed_in(member_of("analyst"))
    url = reverse("crimedata:police-uk", args=[partnership.slug])
    [token] = tokens(client.get(url).text, "")
    first, second = sent_twice(
        client,
        url,
        lambda: {
            "submission_token": token,
            "file": SimpleUploadedFile("2018-10-hertfordshire-street.csv", sample_csv("2018-10")),
        },
    )
    job = BackgroundJob.objects.get()
    assert job.kind == BackgroundJob.Kind.POLICE_UK_IMPORT
    assert first["Location"] == second.redirect_chain[-1][0]
    assert second.redirect_chain[-1][0] == reverse("background:job", args=["hertsmere", job.pk])
    assert SENT_TWICE in second.text

    # The page drawn again has a new token: a second import is a new job.
    [again] = tokens(client.get(url).text, "")
    assert again != token
    client.post(
        url,
        {
            "submission_token": again,
            "file": SimpleUploadedFile("2018-10-hertfordshire-street.csv", sample_csv("2018-10")),
        },
    )
    assert BackgroundJob.objects.count() == 2


def test_a_fetch_from_the_police_uk_api_sent_twice_is_one_job(signed_in, member_of, partnership):
    client = signed_in(member_of("analyst"))
    fetch = reverse("crimedata:police-uk-fetch", args=[partnership.slug])
    page = client.get(reverse("crimedata:police-uk", args=[partnership.slug])).text
    [token] = tokens(page, fetch)
    sent_twice(client, fetch, lambda: {"submission_token": token, "latest": "3"})
    job = BackgroundJob.objects.get()
    assert job.kind == BackgroundJob.Kind.POLICE_UK_FETCH


def test_a_board_report_document_asked_for_twice_is_made_once(signed_in, viewer, report):
    client = signed_in(viewer)
    page = client.get(reverse("reports:board-report", args=["hertsmere", report.pk])).text
    prepare = reverse("reports:board-report-prepare", args=["hertsmere", report.pk])
    [token] = tokens(page, prepare)
    first, second = sent_twice(
        client, prepare, lambda: {"submission_token": token, "document": "pdf"}
    )
    job = BackgroundJob.objects.get()
    assert first["Location"] == reverse("background:job", args=["hertsmere", job.pk])
    assert SENT_TWICE in second.text
    # The page's other button, the same token: a second document, not a repeat.
    client.post(prepare, {"submission_token": token, "document": "docx"})
    assert [j.file_name[-4:] for j in BackgroundJob.objects.order_by("pk")] == [".pdf", "docx"]


def test_an_action_plan_document_asked_for_twice_is_made_once(signed_in, editor, plan):
    client = signed_in(editor)
    page = client.get(reverse("plans:overview", args=["hertsmere", plan.pk])).text
    prepare = reverse("reports:plan-document-prepare", args=["hertsmere", plan.pk])
    [token] = tokens(page, prepare)
    data = {"submission_token": token, "document": "docx", "layout": "quarters"}
    sent_twice(client, prepare, lambda: data)
    job = BackgroundJob.objects.get()
    assert job.file_name.endswith("-quarters.docx")
    # Another layout chosen on the same page: another document.
    client.post(prepare, {**data, "layout": "table"})
    assert BackgroundJob.objects.count() == 2


def test_a_document_asked_for_without_a_token_is_made_each_time(signed_in, viewer, report):
    """A script, or a page drawn before tokens: made as before."""
    client = signed_in(viewer)
    prepare = reverse("reports:board-report-prepare", args=["hertsmere", report.pk])
    sent_twice(client, prepare, lambda: {"document": "pdf"})
    assert BackgroundJob.objects.count() == 2


def test_the_token_of_another_form_or_partnership_is_no_repeat_there(
    signed_in, coordinator, plan, member_of, other_partnership
):
    """A token is claimed for the address it was sent to: an update form's used token sent
    to a document's form, or one partnership's fetch token sent to another's, starts that
    job, and is never answered with what the first form made."""
    client = signed_in(coordinator)
    action = plan.priorities.get(number=1).actions.first()
    update = reverse("plans:update-add", args=["hertsmere", action.pk])
    token = re.search(r'name="submission_token" value="([0-9a-f]+)"', client.get(update).text)[1]
    assert client.post(update, update_form(token)).status_code == 302
    prepare = reverse("reports:plan-document-prepare", args=["hertsmere", plan.pk])
    answer = client.post(prepare, {"submission_token": token, "document": "pdf"})
    job = BackgroundJob.objects.get()
    assert answer["Location"] == reverse("background:job", args=["hertsmere", job.pk])

    analyst = member_of("analyst")
    member_of("analyst", in_partnership=other_partnership).memberships.all().update(user=analyst)
    client = signed_in(analyst)
    for slug in ("hertsmere", "dacorum"):
        client.post(
            reverse("crimedata:police-uk-fetch", args=[slug]),
            {"submission_token": "ab" * 16, "latest": "1"},
        )
    assert sorted(BackgroundJob.objects.values_list("partnership__slug", flat=True)) == [
        "dacorum",
        "hertsmere",
        "hertsmere",
    ]


def test_a_repeat_whose_job_is_gone_is_refused_not_an_error(signed_in, viewer, report):
    """Only with its partnership is a job deleted; a form sent again after that is a bad
    request, not a server error."""
    client = signed_in(viewer)
    prepare = reverse("reports:board-report-prepare", args=["hertsmere", report.pk])
    data = {"submission_token": "cd" * 16, "document": "pdf"}
    client.post(prepare, data)
    BackgroundJob.objects.all().delete()
    assert client.post(prepare, data).status_code == 400
    assert not BackgroundJob.objects.exists()
