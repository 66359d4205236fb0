"""The plans' rules as named queryset methods, used alike by pages, the API, exports,
board reports, open data and the public site (ADR 0021):

- `Update.objects.current()`: not superseded by a correction;
- `.not_sensitive()` / `.visible_to(user, partnership_ids=...)`: the OFFICIAL-SENSITIVE rule
  (core.models.MarkedQuerySet, core.permissions.sees_sensitive_of);
- `.public()`: what the published plan may show anyone;
- `RagChange.objects.in_force_on(day)`, `ActionStatusChange.objects.in_force_on(day)`: each
  action's rating and status in force on a day (the board report's, at its period's end);
- `Plan.objects.current()` / `Action.objects.current()`: plans in use and not replaced by next
  year's (the annual refresh), and their actions: My actions, reminders and digests;
- `Action.objects.with_progress()`, `.matching(filters)`, `.in_plan_order()`: the action
  plan table's columns, filters and order.
"""

import datetime
from typing import TYPE_CHECKING

from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)

from saferplan.core.models import MarkedQuerySet, Marking

from .models.choices import PUBLIC_KINDS, RETIRED_STATUSES, PlanStatus, RagRating

if TYPE_CHECKING:
    from .filters import ActionFilters

# The seeds' order: priority, objective (Issue), then the action's own position.
PLAN_ORDER = ("priority__number", "objective__position", "objective_id", "position", "id")


def _plan_is_current(path: str = "") -> Q:
    """A plan in use, and not replaced by next year's made from it (the annual refresh,
    Plan.superseded_by): neither archived nor superseded."""
    return ~Q(**{f"{path}status__in": RETIRED_STATUSES}) & Q(**{f"{path}superseded_by": None})


def _plan_is_public(path: str = "") -> Q:
    """A plan the public may read: published, and of a kind the public reads (PUBLIC_KINDS)."""
    return Q(**{f"{path}status": PlanStatus.PUBLISHED, f"{path}kind__in": PUBLIC_KINDS})


class PlanQuerySet(QuerySet):
    def public(self):
        """The plans the public may read (_plan_is_public)."""
        return self.filter(_plan_is_public())

    def in_use(self):
        """Neither archived nor superseded (last year's plan stays in use, and public, until
        next year's is published)."""
        return self.exclude(status__in=RETIRED_STATUSES)

    def current(self):
        """The plans whose actions are people's work now: in use, and not replaced by next
        year's plan made from them."""
        return self.filter(_plan_is_current())


class UpdateQuerySet(MarkedQuerySet):
    def current(self):
        """Updates not superseded by a correction (the corrected ones stay in the history)."""
        # NOT EXISTS on the non-null corrections only: PostgreSQL then probes the unique
        # index instead of hashing every update in the installation (1 ms rather than 20 at
        # county scale).
        corrections = self.model.objects.filter(supersedes__isnull=False, supersedes=OuterRef("pk"))
        return self.filter(~Exists(corrections))

    def public(self):
        """Updates anyone may read: of published plans whose coordinator publishes progress,
        and neither the update nor its action OFFICIAL-SENSITIVE."""
        return (
            self.not_sensitive()
            .exclude(action__marking=Marking.OFFICIAL_SENSITIVE)
            .filter(
                _plan_is_public("action__priority__plan__"),
                action__priority__plan__publish_updates=True,
            )
        )

    def newest_first(self):
        return self.order_by("-described_on", "-id")

    def latest_of_action(self):
        """For a subquery: this action's updates (OuterRef "pk"), newest first."""
        return self.filter(action=OuterRef("pk")).newest_first()


class RagChangeQuerySet(MarkedQuerySet):
    def not_sensitive(self):
        """Ratings whose reason may be shown outside the owning partnership(s): neither the
        reason nor its action OFFICIAL-SENSITIVE."""
        return super().not_sensitive().exclude(action__marking=Marking.OFFICIAL_SENSITIVE)

    def newest_first(self):
        return self.order_by("-changed_at", "-id")

    def latest_of(self, subject: str):
        """For a subquery: the ratings of the outer action, objective or priority ("pk"),
        newest first."""
        return self.filter(**{subject: OuterRef("pk")}).newest_first()

    def in_force_on(self, day: datetime.date):
        """Of these ratings, each action's one in force on `day`: the last given of those
        describing a day up to then (rated_on, not the day it was typed or imported). Ratings
        are rated in the order they are given (services.rag_record), so the last given is
        also the latest rated."""
        rated_by_then = self.filter(rated_on__lte=day)
        last = rated_by_then.filter(action=OuterRef("action")).newest_first()
        return rated_by_then.filter(action__isnull=False, pk=Subquery(last.values("pk")[:1]))


class ActionStatusChangeQuerySet(QuerySet):
    def in_force_on(self, day: datetime.date):
        """Of these statuses, each action's one in force on `day`: the last given of those
        describing a day up to then (changed_on), as RagChangeQuerySet.in_force_on."""
        by_then = self.filter(changed_on__lte=day)
        last = by_then.filter(action=OuterRef("action")).order_by("-changed_at", "-id")
        return by_then.filter(pk=Subquery(last.values("pk")[:1]))

    def first_given(self):
        """Each action's first status: what it was added with."""
        first = self.model.objects.filter(action=OuterRef("action")).order_by("changed_at", "id")
        return self.filter(pk=Subquery(first.values("pk")[:1]))

    def statuses_on(self, day: datetime.date) -> dict[int, str]:
        """action id → its status on `day`: the one in force then, or for an action added
        later the status it was added with. An action with no status history is missing
        (its own status is all there is)."""
        statuses = dict(self.first_given().values_list("action_id", "status"))
        statuses.update(self.in_force_on(day).values_list("action_id", "status"))
        return statuses


class ActionQuerySet(MarkedQuerySet):
    def current(self):
        """Actions of current plans (PlanQuerySet.current): what My actions, reminders and
        digests show unless asked for previous years' plans."""
        return self.filter(_plan_is_current("priority__plan__"))

    def with_plan_current(self):
        """Whether each action's plan is current, as a column (`in_current_plan`)."""
        is_current = _plan_is_current("priority__plan__")
        return self.annotate(in_current_plan=ExpressionWrapper(is_current, BooleanField()))

    def public(self):
        """Actions the published plan shows: of published plans, never OFFICIAL-SENSITIVE."""
        return self.not_sensitive().filter(_plan_is_public("priority__plan__"))

    def with_progress(self):
        """Current RAG (rating and its id) and the date of the latest update, as columns."""
        meta = self.model._meta
        latest_rag = meta.get_field("rag_changes").related_model.objects.latest_of("action")
        latest_update = meta.get_field("updates").related_model.objects.latest_of_action()
        return self.annotate(
            current_rag=Subquery(latest_rag.values("rating")[:1]),
            current_rag_id=Subquery(latest_rag.values("pk")[:1]),
            last_update_on=Subquery(latest_update.values("described_on")[:1]),
        )

    def in_plan_order(self):
        return self.order_by(*PLAN_ORDER)

    def matching(self, filters: "ActionFilters"):
        """The action plan table's filters that the database can answer (with_progress()
        first, for the rating). Unrated actions count as White."""
        actions = self
        if filters.priority is not None:
            actions = actions.filter(priority__number=filters.priority)
        if filters.organisation is not None:
            actions = actions.filter(owner_organisations=filters.organisation)
        if filters.group is not None:
            actions = actions.filter(
                Q(owner_groups=filters.group) | Q(objective__lead_groups=filters.group)
            )
        if filters.rag == RagRating.WHITE:
            actions = actions.filter(Q(current_rag=RagRating.WHITE) | Q(current_rag__isnull=True))
        elif filters.rag:
            actions = actions.filter(current_rag=filters.rag)
        if filters.status:
            actions = actions.filter(status=filters.status)
        if filters.partnership is not None:
            actions = actions.filter(
                Q(priority__plan__partnership=filters.partnership)
                | Q(joint_partnerships=filters.partnership)
            )
        joins_many = filters.organisation or filters.group or filters.partnership
        return actions.distinct() if joins_many else actions
