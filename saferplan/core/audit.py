"""The audit log: every service that writes calls `log()`.

A plain create or change of one record goes through `create()` or `change()`, which
build, check, save and log it in one transaction. A service that writes something else
takes a `snapshot()` of the fields it may change before the write and passes
`changes=diff(before, snapshot(after))` to `log()`, so the log says which fields changed,
old → new, in the words a user sees (labels and display values, not column names and ids).
"""

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, TypeAlias, TypeVar

from django.db import models, transaction
from django.utils.text import capfirst

from .models import AuditEvent

Changes = dict[str, list[Any]]
M = TypeVar("M", bound=models.Model)
if TYPE_CHECKING:  # for the type checker only: core imports no app at run time
    from saferplan.accounts.models import User

# Who wrote: a signed-in person, or None for the system (a management command, the demo).
Actor: TypeAlias = "User | None"


def _display_value(instance: models.Model, field: models.Field) -> Any:
    if field.many_to_many:
        if instance.pk is None:
            return []
        return sorted(str(related) for related in getattr(instance, field.name).all())
    if field.is_relation:
        related = getattr(instance, field.name)
        return str(related) if related is not None else None
    if field.choices:
        return getattr(instance, f"get_{field.name}_display")()
    value = field.value_from_object(instance)
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple)):
        return [str(item) for item in value]
    return str(value)


def snapshot(instance: models.Model, fields: list[str]) -> dict[str, Any]:
    """The display values of `fields`, keyed by the field's verbose name."""
    meta = instance._meta
    values = {}
    for name in fields:
        field = meta.get_field(name)
        if not isinstance(field, models.Field):
            raise TypeError(f"{name} is a reverse relation of {meta.label}, not one of its fields")
        # capfirst, not capitalize: "Police and Crime Commissioner" keeps its capitals.
        values[capfirst(str(field.verbose_name))] = _display_value(instance, field)
    return values


def diff(before: dict[str, Any], after: dict[str, Any]) -> Changes:
    """{label: [old, new]} for the labels whose value differs."""
    return {
        label: [before.get(label), value]
        for label, value in after.items()
        if before.get(label) != value
    }


def log(
    *,
    instance: models.Model,
    action: str,
    actor: Actor,
    partnership=None,
    changes: Changes | None = None,
    reason: str = "",
    shared_with: Iterable[Any] = (),
) -> AuditEvent:
    """Record one write. Call inside the service's transaction so the log and the write
    commit or roll back together. `shared_with`: the other partnerships (or their ids) that
    share the record, whose logs show the event as well."""
    event = _event(instance, action, actor, partnership, changes, reason)
    event.save()
    partnership_id = getattr(partnership, "pk", partnership)
    others = {getattr(p, "pk", p) for p in shared_with} - {partnership_id, None}
    if others:
        event.shared_with.add(*others)
    return event


def log_in_each(
    *,
    instance: models.Model,
    action: str,
    actor: Actor,
    changes_by_partnership: list[tuple[Any, Changes]],
    reason: str = "",
) -> None:
    """Record one write in the log of each of several partnerships, with what it changed
    for each: one event per (partnership, changes), written together (a national police.uk
    month is logged in some 300 partnerships' logs). A partnership of None is the
    installation's log."""
    AuditEvent.objects.bulk_create(
        _event(instance, action, actor, partnership, changes, reason)
        for partnership, changes in changes_by_partnership
    )


def _event(instance, action, actor: Actor, partnership, changes, reason: str) -> AuditEvent:
    actor = actor if actor is not None and actor.is_authenticated else None
    return AuditEvent(
        actor=actor,
        actor_name=actor.get_full_name() or actor.email if actor else "",
        action=action,
        partnership=partnership,
        object_type=instance._meta.label_lower,
        object_id=str(instance.pk),
        object_repr=str(instance)[:255],
        changes=changes or {},
        reason=reason,
    )


SharedWith = Iterable[Any] | Callable[[Any], Iterable[Any]]
Check = Callable[[Any], None]
LoggedAlso = Callable[[Any], dict[str, Any]]


def _nothing_else(instance: models.Model) -> dict[str, Any]:
    return {}


def _split_many_to_many(model: type[models.Model], values: dict[str, Any]) -> tuple[dict, dict]:
    """Plain field values (set before the save) and many-to-many ones (set after it)."""
    many = {f.name for f in model._meta.get_fields() if f.many_to_many and not f.auto_created}
    return (
        {k: v for k, v in values.items() if k not in many},
        {k: v for k, v in values.items() if k in many},
    )


def _shared(shared_with: SharedWith, instance: models.Model) -> Iterable[Any]:
    return shared_with(instance) if callable(shared_with) else shared_with


def _described(instance: models.Model, logged_fields: list[str], logged_also: LoggedAlso):
    return {**snapshot(instance, logged_fields), **logged_also(instance)}


@transaction.atomic
def create(
    model: type[M],
    *,
    actor: Actor,
    partnership,
    logged_fields: list[str],
    reason: str = "",
    shared_with: SharedWith = (),
    check: Check | None = None,
    logged_also: LoggedAlso = _nothing_else,
    **values: Any,
) -> M:
    """The audited create every service uses: the record built from `values` (many-to-many
    ones set after the save), `created_by`/`modified_by` set where the model has them,
    `check(record)` (a rule of the service's that raises ValidationError), full_clean(),
    saved and logged with `logged_fields` as its changes, in one transaction.
    `partnership` and `shared_with` may be functions of the saved record (a partnership's
    own log, its joint partnerships); `logged_also(record)` adds what the log shows besides
    the fields (a summary of related records, say); `reason` says what it is for (a figure's
    owner and period, say)."""
    plain, related = _split_many_to_many(model, values)
    instance = model(**plain)
    if hasattr(instance, "created_by"):
        instance.created_by = instance.modified_by = actor  # type: ignore[attr-defined]
    if check is not None:
        check(instance)
    instance.full_clean()
    instance.save()
    for name, related_values in related.items():
        getattr(instance, name).set(related_values)
    log(
        instance=instance,
        action=AuditEvent.Action.CREATE,
        actor=actor,
        partnership=partnership(instance) if callable(partnership) else partnership,
        changes=diff({}, _described(instance, logged_fields, logged_also)),
        reason=reason,
        shared_with=_shared(shared_with, instance),
    )
    return instance


@transaction.atomic
def change(
    instance: M,
    *,
    actor: Actor,
    partnership,
    logged_fields: list[str],
    reason: str = "",
    shared_with: SharedWith = (),
    check: Check | None = None,
    logged_also: LoggedAlso = _nothing_else,
    **values: Any,
) -> tuple[M, Changes]:
    """The audited change every service uses: `values` applied (many-to-many ones after
    the save), `modified_by` set where the model has it, `check(record)`, full_clean(),
    saved, and logged only when a logged field (or what `logged_also` shows) changed.
    Returns the record and what changed ({} for nothing), so the caller can act on a real
    change only."""
    before = _described(instance, logged_fields, logged_also)
    plain, related = _split_many_to_many(type(instance), values)
    for name, value in plain.items():
        setattr(instance, name, value)
    if hasattr(instance, "modified_by"):
        instance.modified_by = actor
    if check is not None:
        check(instance)
    instance.full_clean()
    instance.save()
    for name, related_values in related.items():
        getattr(instance, name).set(related_values)
    changes = diff(before, _described(instance, logged_fields, logged_also))
    if changes:
        log(
            instance=instance,
            action=AuditEvent.Action.UPDATE,
            actor=actor,
            partnership=partnership,
            changes=changes,
            reason=reason,
            shared_with=_shared(shared_with, instance),
        )
    return instance, changes
