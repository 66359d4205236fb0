"""Pages built afresh (issue 27, part 2): the action plan table, an action's page, My actions
and the board report, each requested just after a change to the plans, so that no cached
rendering can serve it, through the production server (gunicorn, 2 workers) on loopback, one
request at a time, beside Redmine's comparable pages measured the same way in the same run:
its 100-issue list (for the table and My actions), an issue with 20 notes (for an action with
20 updates) and its 500-issue CSV export (for the board report, a document of the plan's
actions). Target: at least 5× faster than Redmine, median against median.

County data as bench_action_plan.py (10 partnerships × 5 plans × 100 actions × 20 updates).
Set REDMINE_RESULTS to the results file of ../shared/bench-peers/redmine/run.sh from this run
(`make bench` does): without Redmine measured in the same run there is nothing to judge
against, and the benchmark says so and fails.

    .venv/bin/python bench/bench_pages_afresh.py            # SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/saferplan_bench .venv/bin/python bench/bench_pages_afresh.py
"""

import datetime
import statistics

import bench_action_plan as county
from django.db import connection
from django.db.models import F
from harness import Report
from serve import gunicorn, redmine_results, server_environment, session_cookie, timed_after_change

from saferplan.plans.models import Action, Plan
from saferplan.reports.services import board_report_create

FACTOR = 5


def every_plan_changed() -> None:
    """What a change to a plan does to the cached renderings, done to every plan."""
    Plan.objects.update(content_version=F("content_version") + 1)


def main() -> None:
    owner, plan, action = county.build_county()
    report = board_report_create(
        actor=owner,
        plan=plan,
        title="Report to the board",
        period_start=plan.period_start,
        period_end=plan.period_start + datetime.timedelta(days=120),
        introduction="The board met in January.",
    )
    owned = Action.objects.filter(owner_user=owner, priority__plan__status="approved").count()
    connection.close()
    cookie = session_cookie(owner)
    measured_peer = redmine_results()
    missing = {"list100", "issue", "csv500"} - {name for name, _ in measured_peer}
    if missing:
        raise SystemExit(
            "Redmine was not measured in this run (its "
            + ", ".join(sorted(missing))
            + " figures are missing): run `make redmine-peer` as root and give its results "
            "file as REDMINE_RESULTS, or run `make bench`"
        )
    peer = {name: measured_peer[(name, 1)]["median"] for name in ("list100", "issue", "csv500")}
    out = Report(
        f"Pages built afresh, county data, gunicorn 2 workers, on {database}; Redmine measured in this run"
    )
    pages = [
        ("Action plan table, 100 actions", f"/partnerships/district-0/plans/{plan.pk}/actions/", "list100"),
        ("An action's page, 20 updates", f"/partnerships/district-0/actions/{action.pk}/", "issue"),
        (f"My actions ({owned} actions of 10 partnerships)", "/my-actions/", "list100"),
        ("The board report, 100 actions", f"/partnerships/district-0/board-reports/{report.pk}/", "csv500"),
    ]  # fmt: skip
    with gunicorn(server_environment()):
        for what, path, redmine in pages:
            median = statistics.median(
                timed_after_change(path, cookie, every_plan_changed, warmup=3)
            )
            out.figure(f"{what}: median", median, peer[redmine] / FACTOR, "ms", inclusive=True)
            out.figure(f"  Redmine's {redmine} (peer): median", peer[redmine], float("inf"), "ms")
            out.figure("  ratio: Redmine's time over ours", peer[redmine] / median, FACTOR, "x",
                       lower_is_better=False)  # fmt: skip
    out.finish()


database = county.database

if __name__ == "__main__":
    main()
