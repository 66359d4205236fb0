"""Writing a parsed plan: all of it or nothing, every row audited, owners matched."""

import datetime
from collections.abc import Callable, Generator, Iterator
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from saferplan.core import audit, clock, languages
from saferplan.core.models import AuditEvent, Marking
from saferplan.partnerships.models import Partnership
from saferplan.plans import services as plan_services
from saferplan.plans.models import Objective, Plan, PlanKind, PlanStatus, Priority

from . import signals
from .corrections import Corrections
from .models import DuplicateImportError, PlanImport
from .owners import OwnerMatcher
from .parsed import ParsedAction, ParsedPlan, plan_from_stored, plan_stored
from .readers import parse_plan, sha256
from .selectors import owner_matcher, previous_import

if TYPE_CHECKING:
    from saferplan.accounts.models import User


def import_create(
    *, actor: "User", partnership: Partnership, file_name: str, content: bytes, parsed: ParsedPlan
) -> PlanImport:
    """Keep an uploaded file, and the plan read from it, for its preview. Nothing of the plan
    is written yet."""
    return PlanImport.objects.create(
        partnership=partnership,
        file_name=file_name,
        sha256=sha256(content),
        content=content,
        parsed=plan_stored(parsed),
        created_by=actor,
    )


def import_parsed(*, pending: PlanImport) -> ParsedPlan:
    """The plan read from a pending import's file: as kept at upload (or when rows were kept
    apart), so that viewing the preview never reads the file again. A pending import kept
    before plans were kept with it (or kept in an older shape) is read once now, and kept."""
    if pending.parsed:
        try:
            return plan_from_stored(pending.parsed)
        except (TypeError, KeyError, ValueError):
            pass  # kept by an older saferplan: read the file again
    parsed = parse_plan(bytes(pending.content), pending.file_name, corrections=pending.corrections)
    pending.parsed = plan_stored(parsed)
    pending.save(update_fields=["parsed"])
    return parsed


def plan_import(
    *,
    actor: "User | None",
    partnership: Partnership,
    file_name: str,
    content: bytes,
    corrections: Corrections | None = None,
    replace: bool = False,
    status: str = PlanStatus.DRAFT,
    pending: PlanImport | None = None,
    progress: Callable[[int, int], object] | None = None,
    parsed: ParsedPlan | None = None,
) -> Plan:
    """Import a plan file as a new plan of `partnership`, in one transaction. `actor` is None
    for an import run from the command line (logged with no one's name). The same file
    imported before is refused (DuplicateImportError) unless `replace` is given and the plan
    it made is still a draft, which is then replaced. `progress`, if given, is called with
    (done, total) actions as they are written."""
    steps = plan_import_steps(
        actor=actor,
        partnership=partnership,
        file_name=file_name,
        content=content,
        corrections=corrections,
        replace=replace,
        status=status,
        pending=pending,
        parsed=parsed,
    )
    for step in steps:
        if isinstance(step, Plan):
            return step
        if progress:
            progress(*step)
    raise RuntimeError("plan_import_steps ended without a plan")  # pragma: no cover - a bug


def replace_check(*, partnership: Partnership, content: bytes, replace: bool) -> None:
    """Raise, before anything is written, when the file was imported before and may not be
    replaced (DuplicateImportError, or ValidationError for a plan no longer in draft)."""
    previous = previous_import(partnership=partnership, digest=sha256(content))
    if previous is None:
        return
    if not replace:
        raise DuplicateImportError(previous)
    if previous.plan is not None and previous.plan.status != PlanStatus.DRAFT:
        raise ValidationError(
            _(
                "“%(plan)s” is %(status)s, so it cannot be replaced. Archive it and import the file as a new plan."
            ),
            params={"plan": previous.plan, "status": previous.plan.get_status_display().lower()},
        )


def plan_import_steps(
    *,
    actor: "User | None",
    partnership: Partnership,
    file_name: str,
    content: bytes,
    corrections: Corrections | None = None,
    replace: bool = False,
    status: str = PlanStatus.DRAFT,
    pending: PlanImport | None = None,
    parsed: ParsedPlan | None = None,
) -> Iterator[tuple[int, int] | Plan]:
    """The import as steps, for a page or a terminal to show progress: yields (done, total)
    as each action is written, then the Plan once everything is committed. All of it is one
    transaction: an error, or the consumer stopping early, writes nothing. `parsed`, when
    given, is the plan already read from `content` (a pending import's), not read again."""
    with transaction.atomic():
        plan = yield from _import(
            actor=actor,
            partnership=partnership,
            file_name=file_name,
            content=content,
            corrections=corrections,
            replace=replace,
            status=status,
            pending=pending,
            parsed=parsed,
        )
    yield plan


def _import(
    *,
    actor: "User | None",
    partnership: Partnership,
    file_name: str,
    content: bytes,
    corrections: Corrections | None,
    replace: bool,
    status: str,
    pending: PlanImport | None,
    parsed: ParsedPlan | None,
) -> Generator[tuple[int, int], None, Plan]:
    replace_check(partnership=partnership, content=content, replace=replace)
    digest = sha256(content)
    previous = previous_import(partnership=partnership, digest=digest)
    if previous is not None:
        if previous.plan is not None:
            audit.log(
                instance=previous.plan,
                action=AuditEvent.Action.DELETE,
                actor=actor,
                partnership=partnership,
                reason=f"Replaced by a new import of {file_name}",
            )
            previous.plan.delete()
            previous.plan = None
        previous.status = PlanImport.Status.CANCELLED
        previous.save(update_fields=["status", "plan"])
    if parsed is None:
        parsed = parse_plan(content, file_name, corrections=corrections)
    plan = yield from _write(actor=actor, partnership=partnership, parsed=parsed, status=status)
    record = pending or PlanImport(
        partnership=partnership,
        file_name=file_name,
        sha256=digest,
        content=content,
        created_by=actor,
    )
    signals.plan_imported.send(sender=Plan, plan=plan, actor=actor, contacts=parsed.contacts)
    record.status = PlanImport.Status.IMPORTED
    record.plan = plan
    record.corrections = corrections or Corrections()
    record.counts = parsed.counts()
    record.imported_at = timezone.now()
    record.save()
    audit.log(
        instance=plan,
        action=AuditEvent.Action.CREATE,
        actor=actor,
        partnership=partnership,
        changes={
            "Imported from": [None, file_name],
            **{k.capitalize(): [None, v] for k, v in parsed.counts().items()},
        },
    )
    return plan


def _write(
    *, actor: "User | None", partnership: Partnership, parsed: ParsedPlan, status: str
) -> Generator[tuple[int, int], None, Plan]:
    """Write the parsed plan, yielding (done, total) after each action; returns the Plan."""
    start = parsed.period_start or clock.today()
    end = parsed.period_end or start.replace(year=start.year + 1) - datetime.timedelta(days=1)
    plan = plan_services.plan_create(
        actor=actor,
        partnership=partnership,
        kind=parsed.kind if parsed.kind in PlanKind.values else PlanKind.ACTION,
        title=parsed.title[:250],
        period_start=start,
        period_end=end,
        introduction=parsed.introduction,
        pcc_alignment=parsed.pcc_alignment,
        **{name: getattr(parsed, name) for name in plan_services.NARRATIVE_SECTIONS},
    )
    for number, aim in enumerate(parsed.aims, start=1):
        plan_services.aim_create(actor=actor, plan=plan, text=aim, number=number)
    matcher = owner_matcher(partnership=partnership)
    total = parsed.counts()["actions"]
    done = 0
    for parsed_priority in parsed.priorities:
        priority = plan_services.priority_create(
            actor=actor,
            plan=plan,
            number=parsed_priority.number,
            title=parsed_priority.title[:300],
            description=parsed_priority.description,
            is_cross_cutting=parsed_priority.is_cross_cutting,
            desired_outcomes=parsed_priority.desired_outcomes,
        )
        for position, parsed_objective in enumerate(parsed_priority.objectives, start=1):
            lead = (
                matcher.match(parsed_objective.lead_groups_text)
                if parsed_objective.lead_groups_text
                else None
            )
            objective = plan_services.objective_create(
                actor=actor,
                priority=priority,
                title=parsed_objective.title,
                ref=parsed_objective.ref[:20],
                target_indicator=parsed_objective.target_indicator,
                desired_outcomes=parsed_objective.desired_outcomes,
                lead_groups=lead.groups if lead else [],
                position=position,
            )
            for parsed_action in parsed_objective.actions:
                _write_action(
                    actor=actor,
                    priority=priority,
                    objective=objective,
                    parsed=parsed_action,
                    matcher=matcher,
                    plan=plan,
                )
                done += 1
                yield done, total
        for parsed_action in parsed_priority.actions:
            _write_action(
                actor=actor,
                priority=priority,
                objective=None,
                parsed=parsed_action,
                matcher=matcher,
                plan=plan,
            )
            done += 1
            yield done, total
    if status == PlanStatus.APPROVED:
        plan_services.plan_transition(actor=actor, plan=plan, status=PlanStatus.APPROVED)
    return plan


def _write_action(
    *,
    actor: "User | None",
    priority: Priority,
    objective: Objective | None,
    parsed: ParsedAction,
    matcher: OwnerMatcher,
    plan: Plan,
) -> None:
    # Stored notes are in the installation's language, whoever imported the plan from which page
    with languages.stored_language():
        rated_as = _("As rated in %(title)s") % {"title": plan.title}
        imported = str(_("Imported from the plan document"))
    owner = matcher.match(parsed.owner_text) if parsed.owner_text else None
    status = (
        parsed.status
        if parsed.status in {"not_started", "in_progress", "complete"}
        else ("in_progress" if parsed.updates else "not_started")
    )
    action = plan_services.action_create(
        actor=actor,
        priority=priority,
        objective=objective,
        title=parsed.title,
        owner_text=parsed.owner_text[:300],
        owner_organisations=owner.organisations if owner else [],
        owner_groups=owner.groups if owner else [],
        owner_name=owner.person if owner else "",
        joint_partnerships=owner.joint_partnerships if owner else [],
        status=status,
        marking=Marking.OFFICIAL_SENSITIVE if parsed.sensitive else Marking.OFFICIAL,
        rag=parsed.rag,
        rag_reason=rated_as if parsed.rag else "",
        # The document's rating describes the plan as its latest update left it.
        rated_on=max((u.described_on for u in parsed.updates), default=None),
        due_date=parsed.due_date,
    )
    for update in sorted(parsed.updates, key=lambda u: u.described_on):
        plan_services.update_add(
            actor=actor,
            action=action,
            described_on=update.described_on,
            text=update.text,
            marking=Marking.OFFICIAL_SENSITIVE if update.sensitive else Marking.OFFICIAL,
            author_name=imported,
            date_is_estimated=update.date_is_estimated,
            notify=False,  # the plan's history: its owners are not sent it as news
        )


@transaction.atomic
def import_keep_apart(*, pending: PlanImport, undo_key: str, keep_apart: bool) -> PlanImport:
    """Undo (or redo) the joining of a row to the row before it, in the preview: the file is
    read again with the rows kept apart, and the new reading kept."""
    keys = set(pending.no_merge)
    (keys.add if keep_apart else keys.discard)(undo_key)
    pending.no_merge = sorted(keys)
    return _read_again(pending)


@transaction.atomic
def import_correct(
    *, pending: PlanImport, columns: dict[str, str], title_rows: dict[str, str]
) -> PlanImport:
    """The person's choices of what columns mean and what title rows are: the file is read
    again with them (CorrectionError, saving nothing, for a choice that cannot be used), and
    the new reading kept for the preview and the import."""
    choices = pending.corrections.with_choices(columns=columns, title_rows=title_rows)
    pending.column_meanings = dict(choices.columns)
    pending.title_rows = dict(choices.title_rows)
    return _read_again(pending)


def _read_again(pending: PlanImport) -> PlanImport:
    parsed = parse_plan(bytes(pending.content), pending.file_name, corrections=pending.corrections)
    pending.parsed = plan_stored(parsed)
    pending.save(update_fields=["no_merge", "column_meanings", "title_rows", "parsed"])
    return pending


@transaction.atomic
def import_cancel(*, pending: PlanImport) -> None:
    pending.status = PlanImport.Status.CANCELLED
    pending.content = b""  # nothing of a cancelled file is kept
    pending.parsed = None
    pending.save(update_fields=["status", "content", "parsed"])


@transaction.atomic
def owner_resolve(
    *, actor: "User", partnership: Partnership, owner_text: str, choice: str, kind: str = ""
) -> None:
    """An owner the import could not match: remember it as another name of an organisation
    or group of the partnership, or create it as a new organisation."""
    from saferplan.partnerships import services as partnership_services

    if choice == "new":
        if not kind:
            raise ValidationError({"kind": _("Choose the kind of organisation")})
        partnership_services.organisation_create(
            actor=actor, partnership=partnership, name=owner_text[:200], kind=kind
        )
        return
    what, __, pk = choice.partition(":")
    if what == "organisation":
        organisation = partnership.organisations.get(pk=pk)
        partnership_services.organisation_update(
            actor=actor,
            organisation=organisation,
            partnership=partnership,
            aliases=[*organisation.aliases, owner_text],
        )
    elif what == "group":
        group = partnership.groups.get(pk=pk)
        partnership_services.group_update(
            actor=actor, group=group, aliases=[*group.aliases, owner_text]
        )
    else:
        raise ValidationError({"choice": _("Choose what the owner is")})
