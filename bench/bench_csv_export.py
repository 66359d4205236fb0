"""The CSV export of a 500-action plan (20 updates each), served by gunicorn (2 workers),
measured with wrk on loopback as ../shared/bench-peers/redmine measures Redmine's 500-issue
CSV export. Target (issue 5): at least 3× Redmine measured the same way (Redmine on this
kind of machine: median 79 ms at c=1), so median ≤ 27 ms at c=1, with no errors. Set
REDMINE_RESULTS to a results file of run.sh from this session to compare with it.

    .venv/bin/python bench/bench_csv_export.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/saferplan_bench .venv/bin/python bench/bench_csv_export.py
"""

import datetime
import os
import urllib.request

from harness import Report, setup_django
from serve import (
    BASE,
    BENCH_SECRET_KEY,
    gunicorn,
    redmine_results,
    require_wrk,
    server_environment,
    wrk,
)

os.environ["SAFERPLAN_SECRET_KEY"] = BENCH_SECRET_KEY
database = setup_django()

from django.db import connection, transaction

from saferplan.partnerships.models import Partnership
from saferplan.plans.models import Action, Objective, Plan, Priority, RagChange, Update

ACTIONS, UPDATES = 500, 20
DURATION = int(os.environ.get("BENCH_DURATION", "15"))


def build_plan() -> Plan:
    start = datetime.date(2024, 4, 1)
    with transaction.atomic():
        partnership = Partnership.objects.create(
            name="Bench Community Safety Partnership", slug="bench", police_force="hertfordshire"
        )
        plan = Plan.objects.create(
            partnership=partnership,
            kind="action",
            title="Bench action plan 2024-25",
            period_start=start,
            period_end=datetime.date(2025, 3, 31),
            status="published",
        )
        priorities = [
            Priority.objects.create(plan=plan, number=n + 1, title=f"Priority {n + 1}")
            for n in range(5)
        ]
        objectives = Objective.objects.bulk_create(
            Objective(
                priority=priorities[n % 5],
                ref=f"{n % 5 + 1}.{n // 5 + 1}",
                title=f"Objective {n}",
                position=n,
            )
            for n in range(50)
        )
        actions = Action.objects.bulk_create(
            Action(
                priority=objectives[n % 50].priority,
                objective=objectives[n % 50],
                title=f"Action {n}: deliver the agreed activity with partners",
                owner_text="Community Safety Team",
                status="in_progress",
                position=n,
            )
            for n in range(ACTIONS)
        )
        Update.objects.bulk_create(
            Update(
                action=a,
                described_on=start + datetime.timedelta(days=u * 17),
                text=f"Progress note {u} for action {a.pk}",
            )
            for a in actions
            for u in range(UPDATES)
        )
        RagChange.objects.bulk_create(
            RagChange(
                action=a,
                rating=["red", "amber", "green", "white"][a.pk % 4],
                reason="Reviewed at the JAG",
            )
            for a in actions
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return plan


def redmine_median() -> float | None:
    measured = redmine_results().get(("csv500", 1))
    return measured["median"] if measured else None


def main() -> None:
    require_wrk()
    plan = build_plan()
    connection.close()
    url = f"{BASE}/p/bench/plans/{plan.pk}/actions.csv"
    peer = redmine_median()
    target = peer / 3 if peer else 27
    report = Report(
        f"CSV export of a {ACTIONS}-action plan ({ACTIONS * UPDATES:,} updates), gunicorn 2 workers, on {database}; target: 3× Redmine's csv500{' measured this session' if peer else ''}"
    )
    with gunicorn(server_environment()):
        rows = urllib.request.urlopen(url, timeout=30).read().decode().count("\n") - 1
        if rows != ACTIONS:
            raise SystemExit(f"sanity check: {url} has {rows} rows, want {ACTIONS}")
        print(f"  sanity: {url} has {rows} rows")
        one = wrk(url, cookie="", connections=1, duration=DURATION)
        eight = wrk(url, cookie="", connections=8, duration=DURATION)
        report.figure("CSV export: median at c=1", one["p50_ms"], target, "ms", inclusive=True)
        report.figure("CSV export: requests/s at c=8 (no target)", eight["rps"], float("inf"), "/s")
        report.figure(
            "CSV export: errors",
            one["non2xx3xx"] + one["sock_errors"] + eight["non2xx3xx"] + eight["sock_errors"],
            1,
            "",
        )
    if peer:
        print(f"  Redmine this session: csv500 median {peer} ms at c=1")
    report.finish()


if __name__ == "__main__":
    main()
