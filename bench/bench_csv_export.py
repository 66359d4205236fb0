"""The CSV export of a 500-action plan (20 updates each), served by gunicorn (2 workers),
measured with wrk on loopback as ../shared/bench-peers/redmine measures Redmine's 500-issue
CSV export. Target (issue 5): at least 3× Redmine measured the same way (Redmine on this
kind of machine: median 79 ms at c=1), so median ≤ 27 ms at c=1, with no errors. Set
REDMINE_RESULTS to a results file of run.sh from this session to compare with it.

    .venv/bin/python bench/bench_csv_export.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/saferplan_bench .venv/bin/python bench/bench_csv_export.py
"""

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

from django.db import connection
from plans import bench_plan

from saferplan.plans.models import Plan

ACTIONS, UPDATES = 500, 20
DURATION = int(os.environ.get("BENCH_DURATION", "15"))


def build_plan() -> Plan:
    return bench_plan(actions=ACTIONS, updates=UPDATES, objectives=50, status="published")


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
