"""One action (its page and history), the RAG key and a partnership's plans."""

import datetime
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet

from saferplan.core.permissions import sees_sensitive_of

from ..models import (
    Action,
    DefaultRagDefinition,
    Plan,
    RagChange,
    RagDefinition,
    RagRating,
    Update,
)
from .owners import with_owners


def action_detail(*, action_id: int) -> Action:
    actions = Action.objects.filter(pk=action_id).with_progress()
    return (
        with_owners(actions)
        .select_related("priority__plan__partnership", "carried_from__priority__plan")
        .get()
    )


@dataclass
class TimelineEntry:
    """One line of an action's history: an update or a RAG change."""

    when: datetime.date
    update: Update | None = None
    rag_change: RagChange | None = None


def action_timeline(*, action: Action, user) -> list[TimelineEntry]:
    partnership_ids = {
        action.priority.plan.partnership_id,
        *(p.pk for p in action.joint_partnership_items),
    }
    updates = (
        Update.objects.filter(action=action)
        .select_related("author", "supersedes")
        .prefetch_related("attachments")
        .annotate(is_superseded=Exists(Update.objects.filter(supersedes=OuterRef("pk"))))
    )
    rag_changes = action.rag_changes.select_related("changed_by")
    if not sees_sensitive_of(user, partnership_ids):
        updates = updates.not_sensitive()
        rag_changes = rag_changes.not_sensitive()
    entries = [TimelineEntry(when=u.described_on, update=u) for u in updates]
    entries += [TimelineEntry(when=c.changed_at.date(), rag_change=c) for c in rag_changes]
    return sorted(
        entries,
        key=lambda e: (
            e.when,
            e.update.pk if e.update else 0,
            e.rag_change.pk if e.rag_change else 0,
        ),
        reverse=True,
    )


def rag_key(*, partnership) -> list[tuple[str, str, str]]:
    """[(rating, label, definition)] for the partnership: its own wording or the default."""
    wording = dict(DefaultRagDefinition.objects.values_list("rating", "definition"))
    wording |= dict(
        RagDefinition.objects.filter(partnership=partnership).values_list("rating", "definition")
    )
    return [
        (rating.value, str(rating.label), wording.get(rating.value, "")) for rating in RagRating
    ]


def plans_for_partnership(*, partnership) -> QuerySet[Plan]:
    return partnership.plans.select_related("strategic_plan").order_by("-period_start", "title")
