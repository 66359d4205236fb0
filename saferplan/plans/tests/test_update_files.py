"""Files attached to progress updates and a meeting's papers (issue 26, part 5): attached by
those who may write, read by those who may read the record; each file's marking never below
its update's, an OFFICIAL-SENSITIVE one for the owning partnerships' members only; never to
the public, on a page or over the API."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from saferplan.api.services import api_token_create
from saferplan.attachments.models import Attachment
from saferplan.attachments.tests.test_files import email_file
from saferplan.core import clock
from saferplan.core.models import AuditEvent
from saferplan.meetings.models import Meeting
from saferplan.plans.tests.factories import (
    ActionFactory,
    PlanFactory,
    PriorityFactory,
    UpdateFactory,
)

pytestmark = pytest.mark.django_db
CANARY = "Canaryq7v2"


@pytest.fixture
def shared(partnership, other_partnership, editor):
    plan = PlanFactory(partnership=partnership, status="published", publish_updates=True)
    action = ActionFactory(priority=PriorityFactory(plan=plan, number=1), owner_user=editor)
    action.joint_partnerships.set([other_partnership])
    return action


def attach(client, action, update, *, name="improvements.eml", marking="official"):
    return client.post(
        reverse("plans:update-file-add", args=["hertsmere", action.pk, update.pk]),
        {"file": SimpleUploadedFile(name, email_file()), "marking": marking},
    )


def test_an_owner_attaches_the_email_an_update_refers_to_and_members_download_it(
    signed_in, shared, editor, viewer
):
    update = UpdateFactory(action=shared, text="Attached email shows the improvements")
    assert attach(signed_in(editor), shared, update).status_code == 302
    attachment = update.attachments.get()
    assert (attachment.name, attachment.marking, attachment.content_type) == (
        "improvements.eml",
        "official",
        "message/rfc822",
    )
    assert AuditEvent.objects.filter(
        object_type="plans.update", changes__has_key="Files attached"
    ).exists()
    page = (
        signed_in(viewer)
        .get(reverse("plans:action", args=["hertsmere", shared.pk]))
        .content.decode()
    )
    assert "improvements.eml" in page
    response = signed_in(viewer).get(
        reverse("plans:update-file", args=["hertsmere", shared.pk, update.pk, attachment.pk])
    )
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == email_file()
    assert response["Content-Disposition"].startswith("attachment")
    assert "no-store" in response["Cache-Control"]


def test_a_file_of_a_sensitive_update_is_sensitive_whatever_was_chosen(signed_in, shared, editor):
    update = UpdateFactory(action=shared, text="Named suspect", marking="official_sensitive")
    attach(signed_in(editor), shared, update, marking="official")
    assert update.attachments.get().marking == "official_sensitive"


def test_another_partnerships_member_never_reads_a_file_and_a_joint_partner_does(
    signed_in, shared, editor, outsider, member_of, other_partnership
):
    update = UpdateFactory(action=shared)
    attach(signed_in(editor), shared, update, name=f"{CANARY}.eml", marking="official_sensitive")
    attachment = update.attachments.get()
    url = reverse("plans:update-file", args=["hertsmere", shared.pk, update.pk, attachment.pk])
    stranger = member_of("viewer", in_partnership=PlanFactory().partnership)
    assert signed_in(stranger).get(url).status_code == 403
    # The joint partner's members read the shared action's sensitive material, through their own address.
    joint = reverse(
        "plans:update-file", args=[other_partnership.slug, shared.pk, update.pk, attachment.pk]
    )
    assert signed_in(outsider).get(joint).status_code == 200


def test_the_public_api_never_lists_nor_serves_a_file_and_a_members_token_does(
    client, shared, editor
):
    update = UpdateFactory(action=shared, described_on=clock.today(), text="Lighting fixed")
    attach(client_for(client, editor), shared, update, name=f"{CANARY}.eml")
    client.logout()
    attachment = Attachment.objects.get()
    listed = client.get(reverse("api:action-updates", args=[shared.pk])).json()["results"]
    assert listed
    assert listed[0]["files"] == []
    assert CANARY not in str(listed)
    file_url = reverse("api:update-file", args=[shared.pk, update.pk, attachment.pk])
    assert client.get(file_url).status_code == 404
    _token, key = api_token_create(actor=editor, name="Partner system")
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    files = client.get(reverse("api:action-updates", args=[shared.pk]), **bearer).json()["results"][
        0
    ]["files"]
    assert [(f["name"], f["marking"]) for f in files] == [(f"{CANARY}.eml", "official")]
    assert client.get(file_url, **bearer).status_code == 200
    published = client.get(reverse("public:plan", args=["hertsmere"])).content.decode()
    assert CANARY not in published


def client_for(client, user):
    client.force_login(user)
    return client


def test_meeting_papers_are_the_partnerships_and_a_sensitive_one_marks_the_pack(
    signed_in, partnership, coordinator, viewer, outsider
):
    meeting = Meeting.objects.create(
        partnership=partnership, meets_on=clock.today() + datetime.timedelta(days=7)
    )
    response = signed_in(coordinator).post(
        reverse("meetings:paper-add", args=["hertsmere", meeting.pk]),
        {"file": SimpleUploadedFile("profile.eml", email_file()), "marking": "official_sensitive"},
    )
    assert response.status_code == 302
    paper = meeting.papers.get()
    url = reverse("meetings:paper-file", args=["hertsmere", meeting.pk, paper.pk])
    assert signed_in(viewer).get(url).status_code == 200
    assert signed_in(outsider).get(url).status_code == 403
    pack = signed_in(viewer).get(
        reverse("meetings:papers", args=["hertsmere", meeting.pk, "pack", "docx"])
    )
    from saferplan.reports.tests.files import readable_text

    text = readable_text("docx", pack.content)
    assert "profile.eml" in text
    assert "OFFICIAL-SENSITIVE" in text
    signed_in(coordinator).post(
        reverse("meetings:paper-delete", args=["hertsmere", meeting.pk, paper.pk])
    )
    assert not Attachment.objects.exists(), list(Attachment.objects.values("pk", "name"))


def test_files_go_with_their_records_and_meetings_outlive_a_deleted_plan(
    signed_in, partnership, coordinator, editor
):
    """The red team's: a draft plan replaced took its meetings with it, and left the files of
    its updates and a deleted meeting's papers on disk."""
    from saferplan.attachments.files import attachment_from_upload
    from saferplan.meetings import services as meeting_services
    from saferplan.plans import services as plan_services

    plan = PlanFactory(partnership=partnership, status="draft")
    action = ActionFactory(priority=PriorityFactory(plan=plan, number=1))
    update = UpdateFactory(action=action)
    checked = attachment_from_upload("mail.eml", email_file())
    plan_services.update_file_attach(actor=editor, update=update, name="mail.eml", checked=checked)
    meeting = meeting_services.meeting_create(
        actor=coordinator, partnership=partnership, plan=plan, meets_on=clock.today()
    )
    meeting_services.decision_add(actor=coordinator, meeting=meeting, text="Noted")
    other = meeting_services.meeting_create(
        actor=coordinator,
        partnership=partnership,
        meets_on=clock.today() + datetime.timedelta(days=1),
    )
    meeting_services.paper_attach(
        actor=coordinator, meeting=other, name="paper.eml", checked=checked
    )
    assert Attachment.objects.count() == 2
    meeting_services.meeting_delete(actor=coordinator, meeting=other)
    plan.delete()  # as a draft import replaced deletes it
    assert not Attachment.objects.exists()
    meeting.refresh_from_db()
    assert meeting.plan is None
    assert meeting.decisions.count() == 1


def test_a_corrected_update_takes_no_more_files(signed_in, shared, editor):
    from saferplan.plans import services as plan_services

    update = UpdateFactory(action=shared)
    plan_services.update_correct(
        actor=editor,
        update=update,
        described_on=update.described_on,
        text="Corrected",
        marking="official",
    )
    response = attach(signed_in(editor), shared, update)
    assert response.status_code == 200
    assert "attach the file to the correction" in response.content.decode()
    assert not Attachment.objects.exists()


def test_a_line_break_in_a_groups_name_never_stops_the_reminders(partnership, coordinator, editor):
    from django.core import mail

    from saferplan.meetings import services as meeting_services
    from saferplan.notifications import services as notices
    from saferplan.partnerships.tests.factories import GroupFactory

    group = GroupFactory(
        partnership=partnership, name="JAG", abbreviation="JAG\r\nBcc: x@evil.example"
    )
    plan = PlanFactory(partnership=partnership, status="approved")
    ActionFactory(
        priority=PriorityFactory(plan=plan, number=1), owner_user=editor, status="in_progress"
    )
    meeting_services.meeting_create(
        actor=coordinator,
        partnership=partnership,
        group=group,
        plan=plan,
        meets_on=clock.today() + datetime.timedelta(days=3),
    )
    assert notices.send_chases(today=clock.today()) == 1
    (message,) = mail.outbox
    assert "\n" not in message.subject
    assert message.to == [editor.email]
    assert message.bcc == []
