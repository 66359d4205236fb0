"""The benchmarks' action plan: one partnership ("bench"), five priorities, objectives with
JAG refs, actions with dated updates and a RAG rating each, written in bulk."""

import datetime

from django.db import connection, transaction

from saferplan.partnerships.models import Partnership
from saferplan.plans.models import Action, Objective, Plan, Priority, RagChange, Update

START = datetime.date(2024, 4, 1)


def bench_plan(*, actions: int, updates: int, objectives: int, status: str = "draft") -> Plan:
    with transaction.atomic():
        partnership = Partnership.objects.create(
            name="Bench Community Safety Partnership", slug="bench", police_force="hertfordshire"
        )
        plan = Plan.objects.create(
            partnership=partnership,
            kind="action",
            title="Bench action plan 2024-25",
            period_start=START,
            period_end=datetime.date(2025, 3, 31),
            status=status,
        )
        priorities = [
            Priority.objects.create(plan=plan, number=n + 1, title=f"Priority {n + 1}")
            for n in range(5)
        ]
        made_objectives = Objective.objects.bulk_create(
            Objective(
                priority=priorities[n % 5],
                ref=f"{n % 5 + 1}.{n // 5 + 1}",
                title=f"Objective {n}",
                position=n,
            )
            for n in range(objectives)
        )
        made_actions = Action.objects.bulk_create(
            Action(
                priority=made_objectives[n % objectives].priority,
                objective=made_objectives[n % objectives],
                title=f"Action {n}: deliver the agreed activity with partners",
                owner_text="Community Safety Team",
                status="in_progress",
                due_date=START + datetime.timedelta(days=3 * n),
                position=n,
            )
            for n in range(actions)
        )
        Update.objects.bulk_create(
            Update(
                action=a,
                described_on=START + datetime.timedelta(days=u * 17),
                text=f"Progress note {u} for action {a.pk}",
            )
            for a in made_actions
            for u in range(updates)
        )
        RagChange.objects.bulk_create(
            RagChange(
                action=a,
                rating=["red", "amber", "green", "white"][a.pk % 4],
                reason="Reviewed at the JAG",
            )
            for a in made_actions
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return plan
