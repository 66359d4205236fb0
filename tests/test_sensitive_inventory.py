"""The sensitive-field inventory: every text that must stay with the owning partnership holds
a unique canary, and no canary reaches the public, another partnership or an email.

Which texts are withheld is worked out by introspection, so a field added tomorrow is covered
without anyone remembering it:

- every text field of a record marked OFFICIAL-SENSITIVE (its `marking`), or of a record
  whose parent (a foreign key, up to two steps: an update's action, a rating's action) is;
- a text field whose own marking (`<field>_marking`) is OFFICIAL-SENSITIVE;
- progress (updates and the reasons for ratings) of a plan whose coordinator has not chosen
  to publish it — withheld from the public, though members and their emails may read it.

The records come from the URL sweep's fixture (one of every kind of record), made published,
plus what an owner really types: an OFFICIAL-SENSITIVE update with a rating, its reason and a
status reason on an ordinary action, and an OFFICIAL-SENSITIVE action with its own update and
rating. Each canary is then looked for in every public page and file (every format), the
anonymous API, every page and file another partnership's coordinator can ask for (through
either partnership's address), and every email saferplan sends about them. Members of the
owning partnership do find them: that is what proves the checks can fail.
"""

import datetime
import re

import pytest
from django.core import mail
from django.db import models
from django.urls import reverse

from saferplan.assessments.models import StrategicAssessment
from saferplan.core.models import Marking
from saferplan.plans import services as plan_services
from saferplan.plans.models import Action, PlanStatus
from saferplan.reports.tests.files import readable_text
from tests.test_stored_xss import saferplan_text_fields
from tests.test_url_access import PUBLIC, ROUTES

SENSITIVE = Marking.OFFICIAL_SENSITIVE
# What "Show progress updates" on a plan publishes: its updates and the reasons for ratings.
PROGRESS = {"plans.update", "plans.ragchange"}
CANARY = re.compile(r"Canary\d{4}q")
MONDAY = datetime.date(2026, 11, 23)
FILE_KINDS = {
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
}


def marked_sensitive(record, steps: int = 2) -> bool:
    """The record, or a parent it points to (up to `steps` foreign keys or one-to-one
    links up: an ASB Case Review's applicant), is OFFICIAL-SENSITIVE."""
    if getattr(record, "marking", None) == SENSITIVE:
        return True
    if steps == 0:
        return False
    for field in record._meta.concrete_fields:
        if not (
            field.many_to_one or field.one_to_one
        ) or not field.related_model.__module__.startswith("saferplan."):
            continue
        parent = getattr(record, field.name)
        if parent is not None and marked_sensitive(parent, steps - 1):
            return True
    return False


def withheld_fields(record, fields: list[str]) -> tuple[set[str], set[str]]:
    """(fields only members may read, fields only members and their emails may read)."""
    if marked_sensitive(record):
        return set(fields), set(fields)
    sensitive = {name for name in fields if getattr(record, f"{name}_marking", None) == SENSITIVE}
    progress = set()
    if record._meta.label_lower in PROGRESS:
        action = getattr(record, "action", None)
        if action is not None and not action.priority.plan.publish_updates:
            progress = set(fields)
    return sensitive | progress, sensitive


def plant_canaries() -> tuple[dict[str, str], set[str]]:
    """Overwrite every withheld text with its own canary: ({canary: "model.field #pk"},
    the canaries emails must not carry either)."""
    where, not_for_email = {}, set()
    for model, fields in saferplan_text_fields():
        for record in model._base_manager.all():
            members_only, sensitive = withheld_fields(record, fields)
            values = {}
            for name in sorted(members_only):
                canary = f"Canary{len(where):04d}q"
                where[canary] = f"{model._meta.label_lower}.{name} #{record.pk}"
                values[name] = canary
                if name in sensitive:
                    not_for_email.add(canary)
            if values:
                model._base_manager.filter(pk=record.pk).update(**values)
    return where, not_for_email


@pytest.fixture(params=[True, False], ids=["progress-published", "progress-not-published"])
def world(request, url_for, partnership, coordinator, editor, settings):
    """The sweep's records, published, with what owners type beside sensitive material."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    plan = partnership.plans.get()
    plan.status = PlanStatus.PUBLISHED
    plan.publish_updates = request.param
    plan.save()
    priority = plan.priorities.get()
    ordinary = priority.actions.get()
    ordinary.owner_user = editor
    ordinary.due_date = MONDAY - datetime.timedelta(days=5)
    ordinary.status = "in_progress"
    ordinary.save()
    plan_services.update_add(
        actor=coordinator,
        action=ordinary,
        described_on=datetime.date(2019, 10, 1),
        text="Seven events held",
        rag="green",
        rag_reason="Events on track",
    )
    plan_services.update_add(
        actor=coordinator,
        action=ordinary,
        described_on=datetime.date(2019, 11, 1),
        text="Intelligence from partners",
        marking=SENSITIVE,
        rag="red",
        rag_reason="An informant withdrew",
        status="discharged",
        status_reason="Operation stood down",
    )
    secret = Action.objects.create(
        priority=priority,
        title="Covert operation",
        owner_text="DI Smith",
        owner_user=editor,
        marking=SENSITIVE,
        status="in_progress",
        due_date=MONDAY - datetime.timedelta(days=3),
    )
    plan_services.update_add(
        actor=coordinator,
        action=secret,
        described_on=datetime.date(2019, 11, 2),
        text="Warrant executed",
        rag="amber",
        rag_reason="Suspect not found",
    )
    _meeting_and_money(partnership, secret)
    where, not_for_email = plant_canaries()
    assert len(where) >= 12  # titles, owners, texts, reasons, names…
    return {"plan": plan, "ordinary": ordinary, "secret": secret, "url_for": url_for} | {
        "where": where,
        "not_for_email": not_for_email,
    }


def _meeting_and_money(partnership, secret) -> None:
    """The sweep's meeting with OFFICIAL-SENSITIVE notes, agenda item and decision, its paper
    (also the update's and the grant's file) OFFICIAL-SENSITIVE, and the sweep's grant paying
    for the sensitive action too, with spend in the quarter of its update."""
    from saferplan.attachments.models import Attachment
    from saferplan.funding.models import Allocation, Grant, Spend
    from saferplan.meetings.models import AgendaItem, Decision, Meeting

    meeting = Meeting.objects.get(partnership=partnership)
    meeting.minutes, meeting.minutes_marking = "Named the informant", SENSITIVE
    meeting.save()
    AgendaItem.objects.filter(meeting=meeting).update(marking=SENSITIVE)
    Decision.objects.filter(meeting=meeting).update(marking=SENSITIVE)
    Attachment.objects.filter(partnership=partnership).update(marking=SENSITIVE)
    grant = Grant.objects.get(partnership=partnership)
    allocation = Allocation.objects.create(grant=grant, action=secret, amount=2500)
    Spend.objects.create(allocation=allocation, year=2019, quarter=3, amount=750)


def words_of(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    kind = FILE_KINDS.get(response.headers.get("Content-Type", "").split(";")[0])
    return readable_text(kind, content) if kind else content.decode("utf-8", "replace")


def leaks(text: str, canaries, where) -> list[str]:
    return sorted({where[c] for c in CANARY.findall(text) if c in canaries})


def public_addresses(world) -> list[str]:
    """Every public page and file (each format and layout) and every GET of the API."""
    address_of = world["url_for"]
    plan = world["plan"]
    slug = plan.partnership.slug
    addresses = [
        address_of(name, args)
        for name, args in ROUTES
        if name in PUBLIC or name.startswith("api:")
        if name not in {"accounts:sign-out", "core:healthz"}
    ]
    addresses += [f"/p/{slug}/plan.docx", f"/p/{slug}/plan.pdf", f"/p/{slug}/plan.pdf?size=large"]
    for kind in ("csv", "json", "docx", "xlsx", "pdf"):
        export = f"/p/{slug}/plans/{plan.pk}/actions.{kind}"
        addresses += [export, export + "?layout=quarters"]
    for action in (world["ordinary"], world["secret"]):
        addresses += [
            f"/api/actions/{action.pk}/",
            f"/api/actions/{action.pk}/updates/",
            f"/api/actions/{action.pk}/rag/",
        ]
    addresses += [f"/api/plans/{plan.pk}/actions/", f"/api/plans/{plan.pk}/"]
    return addresses


def test_members_of_the_owning_partnership_read_the_canaries(client, world, coordinator):
    """The control: the canaries are there to be found, in pages and in files."""
    client.force_login(coordinator)
    slug, plan = world["plan"].partnership.slug, world["plan"]
    page = words_of(client.get(reverse("plans:action", args=[slug, world["ordinary"].pk])))
    export = words_of(client.get(reverse("reports:plan-export", args=[slug, plan.pk, "csv"])))
    found = set(CANARY.findall(page + export))
    labels = {world["where"][c].split(" #")[0] for c in found}
    assert {"plans.update.text", "plans.ragchange.reason", "plans.action.status_reason"} <= labels
    assert "plans.action.title" in labels  # the sensitive action's
    assessment = StrategicAssessment.objects.get(partnership=world["plan"].partnership)
    page = words_of(client.get(reverse("assessments:detail", args=[slug, assessment.pk])))
    labels = {world["where"][c].split(" #")[0] for c in CANARY.findall(page)}
    assert {"assessments.finding.sentence", "assessments.risk.title"} <= labels


def leaks_at(client, addresses, where) -> dict[str, list[str]]:
    """{address: the withheld texts its answer holds} for every address that leaks."""
    seen = {}
    for address in addresses:
        response = client.get(address)
        assert response.status_code < 500, address
        found = leaks(words_of(response), where, where)
        if found:
            seen[address] = found
    return seen


def test_no_canary_reaches_the_public_or_the_anonymous_api(client, world):
    addresses = public_addresses(world)
    assert len(addresses) > 30
    assert leaks_at(client, addresses, world["where"]) == {}


def test_no_canary_reaches_another_partnership(client, world, outsider, other_partnership):
    """Another partnership's coordinator asks for every page and file, through Hertsmere's
    address and through their own, and for every public file."""
    client.force_login(outsider)
    address_of = world["url_for"]
    addresses = public_addresses(world)
    for name, args in ROUTES:
        if name in {"accounts:sign-out", "core:healthz"}:
            continue
        addresses.append(address_of(name, args))
        if "slug" in args:
            addresses.append(address_of(name, args, slug=other_partnership.slug))
    assert leaks_at(client, addresses, world["where"]) == {}


def test_no_email_carries_a_sensitive_canary(world, editor, coordinator, viewer):
    """Notices of the updates and ratings, the Monday digest and the chase before a board
    meeting, to the owner of both actions; the notice of an issued board report (whose
    content holds every canary) to the board member."""
    from saferplan.meetings.models import Meeting
    from saferplan.notifications import services as notices
    from saferplan.plans.models import RagChange, Update
    from saferplan.reports.notices import send_board_report_notice
    from saferplan.reports.services import board_report_create, board_report_issue

    mail.outbox.clear()
    for action in (world["ordinary"], world["secret"]):
        for update in Update.objects.filter(action=action):
            notices.send_action_notice.call(
                action_id=action.pk,
                actor_id=coordinator.pk,
                update_id=update.pk,
                rag_change_id=None,
            )
        for change in RagChange.objects.filter(action=action):
            notices.send_action_notice.call(
                action_id=action.pk,
                actor_id=coordinator.pk,
                update_id=None,
                rag_change_id=change.pk,
            )
    Meeting.objects.create(
        partnership=world["plan"].partnership,
        plan=world["plan"],
        meets_on=MONDAY + datetime.timedelta(days=7),
    )
    # The owner's digest, and the coordinator's with the partnership's statutory duties (the
    # registers' counts: never a case's words).
    assert notices.send_digests(today=MONDAY) == 2
    assert notices.send_chases(today=MONDAY) == 1
    report = board_report_create(
        actor=coordinator,
        plan=world["plan"],
        title="Report to the board",
        period_start=datetime.date(2019, 7, 1),
        period_end=MONDAY,
    )
    report = board_report_issue(actor=coordinator, report=report, today=MONDAY)
    send_board_report_notice.call(report_id=report.pk, actor_id=coordinator.pk)
    assert CANARY.search(str(report.snapshot))  # what the email must not carry
    assert len(mail.outbox) >= 9
    seen = {}
    for message in mail.outbox:
        html = "".join(content for content, _kind in message.alternatives)
        found = leaks(message.subject + message.body + html, world["not_for_email"], world["where"])
        if found:
            seen[message.subject] = found
    assert seen == {}
    # The control: the emails do carry what is not sensitive.
    everything = "".join(m.subject + m.body for m in mail.outbox)
    assert "has added an update to your action" in everything
    assert "has issued a board report" in everything


def test_no_sensitive_canary_reaches_a_monitoring_return(client, world, coordinator):
    """The quarterly return goes to the funder: read by the coordinator who sends it, in
    both formats, it holds nothing OFFICIAL-SENSITIVE (the sensitive action's spend counted,
    not its title, owner or updates; no sensitive update of the ordinary action)."""
    from saferplan.funding.models import Grant

    client.force_login(coordinator)
    grant = Grant.objects.get(partnership=world["plan"].partnership)
    seen, words = {}, ""
    for quarter in ("2019-q1", "2019-q3"):
        for kind in ("docx", "xlsx"):
            address = reverse(
                "funding:return", args=[grant.partnership.slug, grant.pk, quarter, kind]
            )
            response = client.get(address)
            assert response.status_code == 200, address
            text = words_of(response)
            words += text
            found = leaks(text, world["not_for_email"], world["where"])
            if found:
                seen[address] = found
    assert seen == {}
    # The control: the sensitive action's spend is counted (£750.00 of Q3's £750.00), and the
    # ordinary action's own update of the quarter is given (in the published world).
    assert "£750.00" in words
    if world["plan"].publish_updates:
        assert "Seveneventsheld" in re.sub(r"\s", "", words)


def test_the_inventory_finds_a_field_nobody_named(world):
    """A text field on any record under a sensitive action is withheld without being listed:
    every withheld text field of the model an update belongs to is in the inventory."""
    labels = {where.split(" #")[0] for where in world["where"].values()}
    action_fields = {
        f"plans.action.{f.name}"
        for f in Action._meta.concrete_fields
        if isinstance(f, models.TextField | models.CharField) and not f.choices
    }
    assert action_fields <= labels


def test_every_text_written_under_a_marked_record_has_a_marking_of_its_own():
    """A record that hangs off a markable one (an action's rating, an update's correction)
    is typed at another time, often with a sensitive update: its text needs its own marking,
    or the inventory above could only inherit the parent's and miss a sensitive reason on an
    ordinary action."""
    unmarked = []
    for model, fields in saferplan_text_fields():
        # A record that shows a file (a plan's foreword photograph) does not hang off it:
        # the attachment's marking is the file's own. Nor does one that names the meeting
        # decision that agreed it (an assessment's agreed_in): it was written before.
        parents = [
            f.related_model
            for f in model._meta.concrete_fields
            if f.many_to_one
            and f.related_model is not model
            and f.related_model._meta.label not in ("attachments.Attachment", "meetings.Decision")
        ]
        if not any(hasattr(parent, "marking") for parent in parents):
            continue
        own = {f.name for f in model._meta.concrete_fields}
        if "marking" in own:
            continue
        unmarked += [f"{model._meta.label_lower}.{n}" for n in fields if f"{n}_marking" not in own]
    assert unmarked == []
