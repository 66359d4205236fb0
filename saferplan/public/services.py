"""Writes to the published plan's own sections: achievements, glossary terms, contacts.
Each write is validated, audited and made in one transaction."""

from typing import TYPE_CHECKING, Any, TypeVar

from django.db import models, transaction

from saferplan.core import audit
from saferplan.core.models import AuditEvent

from .models import Achievement, Contact, DefaultGlossaryTerm, GlossaryTerm

if TYPE_CHECKING:
    from saferplan.accounts.models import User
    from saferplan.partnerships.models import Partnership

FIELDS: dict[type[models.Model], list[str]] = {
    Achievement: ["theme", "title", "text", "period", "position"],
    GlossaryTerm: ["term", "definition"],
    Contact: ["name", "email", "phone", "website", "notes", "position"],
}


PublishedItem = Achievement | GlossaryTerm | Contact
Item = TypeVar("Item", Achievement, GlossaryTerm, Contact)


@transaction.atomic
def published_item_create(
    *, actor: "User", partnership: "Partnership", model: type[Item], **fields: Any
) -> Item:
    return audit.create(
        model,
        actor=actor,
        partnership=partnership,
        logged_fields=FIELDS[model],
        partnership_id=partnership.pk,
        **fields,
    )


@transaction.atomic
def published_item_update(*, actor: "User", item: Item, **fields: Any) -> Item:
    item, _changes = audit.change(
        item,
        actor=actor,
        partnership=item.partnership,
        logged_fields=FIELDS[type(item)],
        **fields,
    )
    return item


@transaction.atomic
def published_item_delete(*, actor: "User", item: PublishedItem) -> None:
    before = audit.snapshot(item, FIELDS[type(item)])
    audit.log(
        instance=item,
        action=AuditEvent.Action.DELETE,
        actor=actor,
        partnership=item.partnership,
        changes={label: [value, None] for label, value in before.items()},
    )
    item.delete()


@transaction.atomic
def glossary_adopt_default(*, actor: "User", partnership: "Partnership") -> list[GlossaryTerm]:
    """Copy the default glossary into the partnership's own, to edit. Does nothing when the
    partnership already has its own glossary."""
    if GlossaryTerm.objects.filter(partnership=partnership).exists():
        return list(GlossaryTerm.objects.filter(partnership=partnership))
    return [
        published_item_create(
            actor=actor, partnership=partnership, model=GlossaryTerm, term=term, definition=text
        )
        for term, text in DefaultGlossaryTerm.objects.values_list("term", "definition")
    ]
