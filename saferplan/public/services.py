"""Writes to the published plan's own sections (achievements, glossary terms, contacts) and
to the choice of sections it shows.
Each write is validated, audited and made in one transaction."""

from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from saferplan.core import audit
from saferplan.core.models import AuditEvent

from . import welsh
from .models import (
    Achievement,
    Contact,
    DefaultGlossaryTerm,
    GlossaryTerm,
    PublishedLayout,
    WelshText,
)

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


@transaction.atomic
def published_layout_set(
    *,
    actor: "User",
    partnership: "Partnership",
    order: list[str],
    hidden: list[str],
    headings: dict[str, str],
) -> PublishedLayout:
    """The coordinator's choice of sections and their order. `headings` names each anchor for
    the audit log ("Foreword, About the partnership, …")."""
    layout, created = PublishedLayout.objects.select_for_update().get_or_create(
        partnership=partnership
    )
    named = lambda anchors: ", ".join(headings.get(a, a) for a in anchors) or "none"  # noqa: E731
    before = {"Order": named(layout.order), "Not shown": named(layout.hidden)}
    layout.order, layout.hidden = list(order), list(hidden)
    layout.save()
    after = {"Order": named(layout.order), "Not shown": named(layout.hidden)}
    changes = {
        k: [None if created else before[k], v]
        for k, v in after.items()
        if created or before[k] != v
    }
    if changes:
        audit.log(
            instance=layout,
            action=AuditEvent.Action.CREATE if created else AuditEvent.Action.UPDATE,
            actor=actor,
            partnership=partnership,
            changes=changes,
        )
    return layout


@transaction.atomic
def welsh_texts_set(
    *,
    actor: "User",
    partnership: "Partnership",
    in_welsh: bool,
    texts: dict[str, str],
    labels: dict[str, str],
    english: dict[str, str] | None = None,
) -> PublishedLayout:
    """The partnership's Welsh for its published plan: whether it publishes in Welsh, and the
    Welsh of each text (`labels`: the texts it may write, by key, public.welsh.sources; any
    other key is refused, so nothing of another partnership's or an unpublished plan's can be
    written). An empty text removes its Welsh."""
    unknown = sorted(set(texts) - set(labels))
    if unknown:
        raise ValidationError(
            _("These are not texts of the published plan: %(join)s") % {"join": ", ".join(unknown)}
        )
    layout, created = PublishedLayout.objects.select_for_update().get_or_create(
        partnership=partnership
    )
    changes: dict[str, list] = {}
    if layout.in_welsh != in_welsh or created:
        changes["Publish in Welsh"] = [None if created else layout.in_welsh, in_welsh]
        layout.in_welsh = in_welsh
        layout.save()
    existing = {w.source: w for w in WelshText.objects.filter(partnership=partnership)}
    english = english or {}
    for key, text in texts.items():
        text = text.strip()
        current = existing.get(key)
        before = current.text if current else ""
        # Saved beside the English the coordinator saw: it is shown until that changes.
        seen = welsh.fingerprint(english.get(key, ""))
        if current is not None and not text:
            current.delete()
        elif current is None and text:
            WelshText.objects.create(partnership=partnership, source=key, text=text, english=seen)
        elif current is not None and (current.text, current.english) != (text, seen):
            current.text, current.english = text, seen
            current.save()
        if text != before:
            changes[f"Welsh: {labels[key]}"] = [before or None, text or None]
    if changes:
        audit.log(
            instance=layout,
            action=AuditEvent.Action.UPDATE,
            actor=actor,
            partnership=partnership,
            changes=changes,
        )
    return layout
