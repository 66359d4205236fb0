"""The audit log: every service that writes calls `log()`.

Services take a `snapshot()` of the fields they may change before the write and pass
`changes=diff(before, snapshot(after))`, so the log says which fields changed, old → new,
in the words a user sees (labels and display values, not column names and ids).
"""

from collections.abc import Iterable
from typing import Any

from django.db import models

from .models import AuditEvent

Changes = dict[str, list[Any]]


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
        values[str(field.verbose_name).capitalize()] = _display_value(instance, field)
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
    actor,
    partnership=None,
    changes: Changes | None = None,
    reason: str = "",
    shared_with: Iterable[Any] = (),
) -> AuditEvent:
    """Record one write. Call inside the service's transaction so the log and the write
    commit or roll back together. `shared_with`: the other partnerships (or their ids) that
    share the record, whose logs show the event as well."""
    actor = actor if actor is not None and actor.is_authenticated else None
    event = AuditEvent.objects.create(
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
    partnership_id = getattr(partnership, "pk", partnership)
    others = {getattr(p, "pk", p) for p in shared_with} - {partnership_id, None}
    if others:
        event.shared_with.add(*others)
    return event
