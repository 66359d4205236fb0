"""Cached renderings of the heaviest plan pages (the action plan table, My actions).

Correctness rests on one rule: every write to what those pages show raises the content
version of the plans concerned, in the same transaction as the write (plans.services does
it for every audited plan write; partnerships.services for renamed organisations, groups and
partnerships). Cache keys hold those versions, the plan's creation time (so a reused id never
finds an old entry), today's date (stale and overdue flags move with it), whether the viewer
may see OFFICIAL-SENSITIVE items, and the filters. A changed plan therefore gets new keys;
old entries are never read again and age out of the cache.
"""

import hashlib

from django.db.models import F, Q

from .models import Action, Aim, Objective, Plan, Priority, RagChange, Update


def plans_bump(plan_ids) -> None:
    """Mark the plans changed. Call inside the writing transaction."""
    ids = {pk for pk in plan_ids if pk}
    if ids:
        Plan.objects.filter(pk__in=ids).update(content_version=F("content_version") + 1)


def plan_id_of(instance) -> int | None:
    """The plan a plan-related record belongs to (None for anything else)."""
    if isinstance(instance, Plan):
        return instance.pk
    if isinstance(instance, Aim | Priority):
        return instance.plan_id
    if isinstance(instance, Objective | Action):
        return instance.priority.plan_id
    if isinstance(instance, Update):
        return instance.action.priority.plan_id
    if isinstance(instance, RagChange):
        subject = instance.action or instance.objective
        if subject is not None:
            return subject.priority.plan_id
        return instance.priority.plan_id if instance.priority is not None else None
    return None


def partnership_plans_bump(partnership_ids) -> None:
    """Organisation, group or partnership names changed: every plan that may show them.
    That is the partnerships' own plans and the plans with actions joint with them."""
    ids = list(partnership_ids)
    plans = Plan.objects.filter(
        Q(partnership__in=ids) | Q(priorities__actions__joint_partnerships__in=ids)
    ).values_list("pk", flat=True)
    plans_bump(set(plans))


def key(*parts) -> str:
    """A short cache key for any number of parts."""
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    return f"saferplan:{digest}"
