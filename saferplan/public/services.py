"""Writes to the published plan's own sections: achievements, glossary terms, contacts.
Each write is validated, audited and made in one transaction."""

from django.db import models, transaction

from saferplan.core import audit
from saferplan.core.models import AuditEvent

from .glossary import DEFAULT_GLOSSARY
from .models import Achievement, Contact, GlossaryTerm

FIELDS: dict[type[models.Model], list[str]] = {
    Achievement: ["theme", "title", "text", "period", "position"],
    GlossaryTerm: ["term", "definition"],
    Contact: ["name", "email", "phone", "website", "notes", "position"],
}


def _save(item: models.Model, *, actor, action: str, before: dict) -> None:
    fields = FIELDS[type(item)]
    item.modified_by = actor  # type: ignore[attr-defined]
    item.full_clean()
    item.save()
    audit.log(
        instance=item,
        action=action,
        actor=actor,
        partnership=item.partnership,  # type: ignore[attr-defined]
        changes=audit.diff(before, audit.snapshot(item, fields)),
    )


@transaction.atomic
def published_item_create(*, actor, partnership, model: type[models.Model], **fields):
    item = model(partnership=partnership, created_by=actor, **fields)
    _save(item, actor=actor, action=AuditEvent.Action.CREATE, before={})
    return item


@transaction.atomic
def published_item_update(*, actor, item: models.Model, **fields):
    before = audit.snapshot(item, FIELDS[type(item)])
    for name, value in fields.items():
        setattr(item, name, value)
    _save(item, actor=actor, action=AuditEvent.Action.UPDATE, before=before)
    return item


@transaction.atomic
def published_item_delete(*, actor, item: models.Model) -> None:
    before = audit.snapshot(item, FIELDS[type(item)])
    audit.log(
        instance=item,
        action=AuditEvent.Action.DELETE,
        actor=actor,
        partnership=item.partnership,  # type: ignore[attr-defined]
        changes={label: [value, None] for label, value in before.items()},
    )
    item.delete()


@transaction.atomic
def glossary_adopt_default(*, actor, partnership) -> list[GlossaryTerm]:
    """Copy the default glossary into the partnership's own, to edit. Does nothing when the
    partnership already has its own glossary."""
    if GlossaryTerm.objects.filter(partnership=partnership).exists():
        return list(GlossaryTerm.objects.filter(partnership=partnership))
    return [
        published_item_create(
            actor=actor, partnership=partnership, model=GlossaryTerm, term=term, definition=text
        )
        for term, text in DEFAULT_GLOSSARY
    ]
