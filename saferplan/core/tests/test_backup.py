"""`saferplan backup` and `saferplan restore`: a round trip gives back every table as it
was, on whichever database the suite runs on (SQLite or PostgreSQL)."""

import io
import os
import stat

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from saferplan.accounts.models import User
from saferplan.plans.models import Action, Update


def every_table() -> dict[str, list[tuple]]:
    """Every row of every table, in an order that does not depend on how they were read."""
    contents = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            contents[table] = sorted(cursor.fetchall(), key=repr)
    return contents


def test_a_restored_backup_has_every_table_as_it_was(demo, tmp_path):
    before = every_table()
    assert len(before["crimedata_streetcount"]) > 1000  # the police.uk sample is in it
    path = tmp_path / "nightly.backup"
    out = io.StringIO()
    call_command("backup", str(path), stdout=out)
    assert f"database to {path}" in out.getvalue()

    # A bad afternoon after the backup: actions deleted, an update added, a user added.
    hertsmere = Action.objects.filter(priority__plan__partnership__slug="hertsmere")
    Action.objects.filter(pk__in=list(hertsmere.values_list("pk", flat=True)[:5])).delete()
    Update.objects.create(
        action=Action.objects.first(), text="Added after the backup", described_on="2019-11-01"
    )
    User.objects.create_user(email="after@example.org", password="x" * 20, full_name="Pat after")
    assert every_table() != before

    call_command("restore", str(path), "--yes", stdout=out)
    assert "Restored" in out.getvalue()
    assert every_table() == before
    assert not User.objects.filter(email="after@example.org").exists()
    # The sequences came back too: new rows get new ids, not ones already taken.
    user = User.objects.create_user(
        email="next@example.org", password="x" * 20, full_name="Pat next"
    )
    assert user.pk > max(row[0] for row in before["accounts_user"])


def test_a_backup_is_readable_by_its_owner_alone(transactional_db, tmp_path):
    """It holds every partnership's OFFICIAL-SENSITIVE material, whatever the umask."""
    old_umask = os.umask(0o022)  # a common default: files readable by every account
    try:
        call_command("backup", str(tmp_path / "backups" / "nightly.backup"), stdout=io.StringIO())
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE((tmp_path / "backups" / "nightly.backup").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "backups").stat().st_mode) == 0o700


def test_a_backup_never_overwrites_a_file(transactional_db, tmp_path):
    path = tmp_path / "taken.backup"
    path.write_text("an earlier backup")
    with pytest.raises(CommandError, match="already exists: choose a new file name"):
        call_command("backup", str(path))
    assert path.read_text() == "an earlier backup"


def test_restore_refuses_what_is_not_a_backup_of_this_kind_of_database(transactional_db, tmp_path):
    User.objects.create_user(email="kept@example.org", password="x" * 20, full_name="Pat kept")
    not_a_backup = tmp_path / "plan.docx"
    not_a_backup.write_bytes(b"PK\x03\x04 a Word file")
    with pytest.raises(CommandError, match=r"is not a saferplan backup.*Nothing was restored"):
        call_command("restore", str(not_a_backup), "--yes")

    other_kind = tmp_path / "other.backup"
    if connection.vendor == "sqlite":
        other_kind.write_bytes(b"PGDMP\x01\x0e\x00")
        expected = "is a PostgreSQL backup, but this saferplan uses SQLite"
    else:
        other_kind.write_bytes(b"SQLite format 3\x00" + bytes(100))
        expected = "is a SQLite backup, but this saferplan uses PostgreSQL"
    with pytest.raises(CommandError, match=expected):
        call_command("restore", str(other_kind), "--yes")
    assert User.objects.filter(email="kept@example.org").exists()


def test_restore_asks_first_and_stops_unless_told_yes(transactional_db, tmp_path, monkeypatch):
    path = tmp_path / "nightly.backup"
    call_command("backup", str(path), stdout=io.StringIO())
    User.objects.create_user(email="kept@example.org", password="x" * 20, full_name="Pat kept")
    questions = []
    monkeypatch.setattr("builtins.input", lambda question: questions.append(question) or "no")
    with pytest.raises(CommandError, match="Nothing was restored"):
        call_command("restore", str(path))
    assert "This replaces everything in the" in questions[0]
    assert User.objects.filter(email="kept@example.org").exists()
