"""Shared set-up for benchmarks: Django on a throw-away database, timing and reporting."""

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def setup_django(*, keep: bool = False) -> str:
    """Configure Django on a fresh benchmark database; returns its description. `keep` leaves
    a PostgreSQL benchmark database as an earlier run left it (to measure it again)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saferplan.settings.base")
    url = os.environ.get("DATABASE_URL", "")
    if url:
        if not url.rstrip("/").endswith("_bench"):
            raise SystemExit(
                "DATABASE_URL for a benchmark must name a database ending in _bench: it is emptied first"
            )
        _create_postgres_database(url)
    else:
        os.environ["SAFERPLAN_VAR_DIR"] = tempfile.mkdtemp(prefix="saferplan-bench-")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", interactive=False, verbosity=0)
    if url and not keep:
        call_command("flush", interactive=False, verbosity=0)
    return f"{connection.vendor} ({connection.settings_dict['NAME']})"


def _create_postgres_database(url: str) -> None:
    import dj_database_url
    import psycopg

    settings = dj_database_url.parse(url)
    with psycopg.connect(
        dbname="postgres",
        user=settings["USER"],
        host=settings["HOST"],
        port=settings["PORT"] or 5432,
        autocommit=True,
    ) as connection:
        exists = connection.execute(
            "select 1 from pg_database where datname = %s", [settings["NAME"]]
        ).fetchone()
        if not exists:
            connection.execute(f'create database "{settings["NAME"]}"')


def measure(action: Callable[[], object], *, warmup: int = 5, repeat: int = 50) -> list[float]:
    """Milliseconds taken by each of `repeat` calls of `action`, after `warmup` calls."""
    for _ in range(warmup):
        action()
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def percentile(values: list[float], k: int) -> float:
    """The k-th percentile (statistics.quantiles' cut point k of 100, never beyond the values);
    of one value, itself."""
    if len(values) < 2:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[k - 1]


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


class Report:
    """Prints one line per figure: what, measured, target, ok or MISSED."""

    def __init__(self, title: str):
        self.title = title
        self.missed: list[str] = []
        print(f"\n{title}")
        print(f"  {'figure':<58} {'measured':>12}   {'target':<14}")

    def figure(
        self,
        what: str,
        measured: float,
        target: float,
        unit: str,
        *,
        lower_is_better: bool = True,
        inclusive: bool = False,
    ) -> None:
        """`target` inf means the figure is shown for information, with no target."""
        if lower_is_better:
            met = measured <= target if inclusive else measured < target
            sign = "<=" if inclusive else "<"
        else:
            met, sign = measured >= target, ">="
        shown = "none" if target == float("inf") else f"{sign} {target:.3g} {unit}"
        verdict = "" if target == float("inf") else ("ok" if met else "MISSED")
        print(f"  {what:<58} {measured:>9.1f} {unit:<2}   {shown:<14} {verdict}")
        if not met:
            self.missed.append(what)

    def finish(self) -> None:
        if self.missed:
            print(f"  MISSED: {', '.join(self.missed)}")
            raise SystemExit(1)
