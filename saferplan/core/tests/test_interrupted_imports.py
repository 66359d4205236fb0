"""An import killed part way (SIGKILL: the server's out-of-memory killer, a power cut) leaves
no partial data, and the same import can simply be run again.

The imports run as real `saferplan` processes against a database of their own: a SQLite
file, or a scratch PostgreSQL database when the suite runs on PostgreSQL."""

import os
import signal
import sqlite3
import subprocess
import sys
import uuid
from contextlib import closing

import pytest
from django.db import connection

from saferplan.crimedata.sample import SAMPLE_ZIP
from saferplan.demo.loader import SEEDS

# The databases are the suite's kind (SQLite or PostgreSQL), though no test asks for `db`.
pytestmark = pytest.mark.on_every_database

SEED_003 = SEEDS / "003_beef6faf28b908d0.txt"  # Hertsmere's 2019/20 action plan
SAMPLE_RECORDS = 28_023  # Hertfordshire, October to December 2018


@pytest.fixture(scope="module")
def migrated_database(tmp_path_factory):
    """A database migrated once, with Hertsmere's partnership in it, for each test to copy:
    a SQLite file, or a PostgreSQL database used as a template."""
    folder = tmp_path_factory.mktemp("migrated")
    if connection.vendor == "postgresql":
        admin = _postgres_admin()
        name = f"saferplan_fault_{uuid.uuid4().hex[:8]}"
        admin.execute(f'CREATE DATABASE "{name}"')
        url = _postgres_url(name)
    else:
        name = str(folder / "saferplan.sqlite3")
        url = f"sqlite:///{name}"
    env = _environment(url, folder)
    saferplan(env, "migrate", "-v0")
    saferplan(
        env,
        "shell",
        "--no-imports",
        "-c",
        "from saferplan.partnerships.models import Partnership; "
        "Partnership.objects.create(name='Hertsmere Community Safety Partnership', slug='hertsmere')",
    )
    yield name
    if connection.vendor == "postgresql":
        admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        admin.close()


@pytest.fixture
def scratch_database(migrated_database, tmp_path):
    """The environment of a `saferplan` process with a database of its own: a copy of the
    migrated one."""
    if connection.vendor == "postgresql":
        name = f"saferplan_fault_{uuid.uuid4().hex[:8]}"
        with _postgres_admin() as admin:
            admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{migrated_database}"')
        url = _postgres_url(name)
    else:
        # The backup API reads through the write-ahead log, which a file copy would leave out.
        with (
            closing(sqlite3.connect(migrated_database)) as source,
            closing(sqlite3.connect(tmp_path / "saferplan.sqlite3")) as copy,
        ):
            source.backup(copy)
        url = f"sqlite:///{tmp_path / 'saferplan.sqlite3'}"
    yield _environment(url, tmp_path)
    if connection.vendor == "postgresql":
        with _postgres_admin() as admin:
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def _environment(url, folder) -> dict[str, str]:
    return os.environ | {
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "saferplan.settings.base",
        "SAFERPLAN_VAR_DIR": str(folder),
    }


def _postgres_admin():
    import psycopg

    settings = connection.settings_dict
    return psycopg.connect(
        host=settings["HOST"], port=settings["PORT"] or 5432, user=settings["USER"],
        password=settings["PASSWORD"], dbname="postgres", autocommit=True,
    )  # fmt: skip


def _postgres_url(name: str) -> str:
    settings = connection.settings_dict
    return f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT'] or 5432}/{name}"


def saferplan(env, *args) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "saferplan.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def counts(env, *models: str) -> dict[str, int]:
    """How many rows each model ("app.Model") has, read by one `saferplan shell` (a process
    takes a second or two to start)."""
    printed = saferplan(
        env,
        "shell",
        "--no-imports",
        "-c",
        "from django.apps import apps; "
        + "; ".join(f"print(apps.get_model('{model}').objects.count())" for model in models),
    )
    return dict(zip(models, map(int, printed.split()), strict=True))


def test_a_police_uk_import_killed_part_way_leaves_nothing_and_runs_again(scratch_database):
    env = scratch_database
    importing = subprocess.Popen(
        [sys.executable, "-m", "saferplan.cli", "import-police-uk", str(SAMPLE_ZIP)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    # Progress goes to stderr as "\r[file/files] name: records". Once the second month has
    # started, the first month's records have been written inside the import's transaction.
    progress = b""
    while b"[2/3]" not in progress:
        chunk = importing.stderr.read1(4096)
        assert chunk, f"the import ended before its second file: {progress!r}"
        progress += chunk
    importing.send_signal(signal.SIGKILL)
    importing.wait(timeout=60)
    assert importing.returncode == -signal.SIGKILL

    crime = ["crimedata.StreetCount", "crimedata.ForceMonth", "crimedata.CrimeCount"]
    assert counts(env, *crime) == dict.fromkeys(crime, 0)

    out = saferplan(env, "import-police-uk", "--quiet", str(SAMPLE_ZIP))
    assert f"Imported {SAMPLE_RECORDS:,} records from 3 file(s)" in out
    assert "replaced" not in out  # nothing of the killed import was there to replace
    assert counts(env, "crimedata.ForceMonth") == {"crimedata.ForceMonth": 3}


KILL_AT_THE_NTH_INSERT = """
import os, signal, sys
import django
django.setup()
from django.core.management import call_command
from django.db import connection

inserts = 0

def kill_part_way(execute, sql, params, many, context):
    global inserts
    if sql.lstrip().upper().startswith("INSERT"):
        inserts += 1
        if inserts == int(sys.argv[1]):
            os.kill(os.getpid(), signal.SIGKILL)  # as the kernel would: no clean-up at all
    return execute(sql, params, many, context)

with connection.execute_wrapper(kill_part_way):
    call_command("import-plan", sys.argv[2], "--partnership", "hertsmere")
"""


def test_a_plan_import_killed_part_way_leaves_nothing_and_runs_again(scratch_database):
    env = scratch_database
    killed = subprocess.run(
        [sys.executable, "-c", KILL_AT_THE_NTH_INSERT, "40", str(SEED_003)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr

    written = ["plans.Plan", "plans.Priority", "plans.Action", "plans.Update"]
    written += ["imports.PlanImport", "core.AuditEvent"]
    assert counts(env, *written) == dict.fromkeys(written, 0)

    out = saferplan(env, "import-plan", str(SEED_003), "--partnership", "hertsmere")
    assert "Imported “Hertsmere Community Safety Action Plan 2019 - 2020”" in out, out
    imported = counts(env, "plans.Plan", "plans.Action")
    assert imported["plans.Plan"] == 1
    assert imported["plans.Action"] > 40
