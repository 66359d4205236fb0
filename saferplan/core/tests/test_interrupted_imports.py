"""An import killed part way (SIGKILL: the server's out-of-memory killer, a power cut) leaves
no partial data, and the same import can simply be run again.

The imports run as real `saferplan` processes against a database of their own: a SQLite
file, or a scratch PostgreSQL database when the suite runs on PostgreSQL."""

import os
import signal
import subprocess
import sys
import uuid

import pytest
from django.db import connection

from saferplan.crimedata.sample import SAMPLE_ZIP
from saferplan.demo.loader import SEEDS

SEED_003 = SEEDS / "003_beef6faf28b908d0.txt"  # Hertsmere's 2019/20 action plan
SAMPLE_RECORDS = 28_023  # Hertfordshire, October to December 2018


@pytest.fixture
def scratch_database(tmp_path):
    """The environment of a `saferplan` process with a migrated database of its own."""
    if connection.vendor == "postgresql":
        import psycopg

        settings = connection.settings_dict
        name = f"saferplan_fault_{uuid.uuid4().hex[:8]}"
        admin = psycopg.connect(
            host=settings["HOST"], port=settings["PORT"] or 5432, user=settings["USER"],
            password=settings["PASSWORD"], dbname="postgres", autocommit=True,
        )  # fmt: skip
        admin.execute(f'CREATE DATABASE "{name}"')
        url = f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT'] or 5432}/{name}"
    else:
        url = f"sqlite:///{tmp_path / 'saferplan.sqlite3'}"
    env = os.environ | {
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "saferplan.settings.base",
        "SAFERPLAN_VAR_DIR": str(tmp_path),
    }
    saferplan(env, "migrate", "-v0")
    saferplan(
        env,
        "shell",
        "--no-imports",
        "-c",
        "from saferplan.partnerships.models import Partnership; "
        "Partnership.objects.create(name='Hertsmere Community Safety Partnership', slug='hertsmere')",
    )
    yield env
    if connection.vendor == "postgresql":
        admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        admin.close()


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


def count(env, model: str) -> int:
    app, name = model.split(".")
    return int(
        saferplan(
            env,
            "shell",
            "--no-imports",
            "-c",
            f"from saferplan.{app}.models import {name}; print({name}.objects.count())",
        )
    )


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

    assert count(env, "crimedata.StreetCount") == 0
    assert count(env, "crimedata.ForceMonth") == 0
    assert count(env, "crimedata.CrimeCount") == 0

    out = saferplan(env, "import-police-uk", "--quiet", str(SAMPLE_ZIP))
    assert f"Imported {SAMPLE_RECORDS:,} records from 3 file(s)" in out
    assert "replaced" not in out  # nothing of the killed import was there to replace
    assert count(env, "crimedata.ForceMonth") == 3


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

    for model in ["plans.Plan", "plans.Priority", "plans.Action", "plans.Update"]:
        assert count(env, model) == 0, model
    assert count(env, "imports.PlanImport") == 0
    assert count(env, "core.AuditEvent") == 0

    out = saferplan(env, "import-plan", str(SEED_003), "--partnership", "hertsmere")
    assert "Imported “Hertsmere Community Safety Action Plan 2019 - 2020”" in out, out
    assert count(env, "plans.Plan") == 1
    assert count(env, "plans.Action") > 40
