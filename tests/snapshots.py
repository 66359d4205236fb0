"""Copies of the test database, taken once and put back in a moment.

Building the demo (saferplan.demo) takes 8 to 20 seconds; putting back a copy of the
database it left takes milliseconds on SQLite (the backup API, memory to memory) and well
under a second on PostgreSQL (`CREATE DATABASE … TEMPLATE`). A test that wants the demo
therefore gets exactly the database the first one built, whichever ran first.

Only between transactional tests (transactional_db, live_server): the whole database is
replaced, so no transaction may be open; the test's own teardown empties it as usual.
"""

import sqlite3

from django.db import connection


class Snapshot:
    """One named copy of the test database. `take()` copies it, `restore()` puts it back."""

    def __init__(self, label: str):
        self.label = label
        self._copy: sqlite3.Connection | None = None  # SQLite: the copy, in memory
        self._template: str | None = None  # PostgreSQL: the copy, a database of its own

    @property
    def taken(self) -> bool:
        return self._copy is not None or self._template is not None

    def take(self) -> None:
        _no_transaction()
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            self._copy = sqlite3.connect(":memory:", check_same_thread=False)
            connection.connection.backup(self._copy)
        elif connection.vendor == "postgresql":
            name = connection.settings_dict["NAME"]
            template = f"{name}_{self.label}"
            connection.close()
            with _postgres() as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)')
                _disconnect_others(admin, name)
                admin.execute(f'CREATE DATABASE "{template}" TEMPLATE "{name}"')
            self._template = template
        else:  # pragma: no cover - the suite runs on SQLite and PostgreSQL only
            raise NotImplementedError(connection.vendor)

    def restore(self) -> None:
        assert self.taken, f"the {self.label} snapshot was never taken"
        _no_transaction()
        if self._copy is not None:
            connection.ensure_connection()
            self._copy.backup(connection.connection)
        else:
            name = connection.settings_dict["NAME"]
            connection.close()
            with _postgres() as admin:
                admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
                admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{self._template}"')
        # Content types are cached by id, and ids are the copy's again.
        from django.contrib.contenttypes.models import ContentType

        ContentType.objects.clear_cache()

    def drop(self) -> None:
        if self._copy is not None:
            self._copy.close()
        if self._template is not None:
            with _postgres() as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{self._template}" WITH (FORCE)')
        self._copy = self._template = None


def _no_transaction() -> None:
    if not connection.get_autocommit() or connection.in_atomic_block:
        raise RuntimeError(
            "a database snapshot replaces the whole database: only in a transactional test "
            "(transactional_db or live_server), never inside a transaction"
        )


def _postgres():
    import psycopg

    settings = connection.settings_dict
    return psycopg.connect(
        host=settings["HOST"] or None,
        port=settings["PORT"] or 5432,
        user=settings["USER"] or None,
        password=settings["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )


def _disconnect_others(admin, name: str) -> None:
    """A database can only be copied while nobody is connected to it (a live server's
    request thread may still be)."""
    admin.execute(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
        " WHERE datname = %s AND pid <> pg_backend_pid()",
        [name],
    )


def made_once_per_module(django_db_blocker, make):
    """For a module-scoped fixture (`yield from made_once_per_module(django_db_blocker, make)`):
    `make()` runs once, inside a transaction kept open while the module's tests run and
    rolled back after them. Each test that asks for `db` runs in a savepoint within it, rolled
    back after the test, so every test starts from exactly what `make()` left (Django's
    TestCase.setUpTestData, for pytest). Make the fixture autouse, so that no test of the
    module runs before or without the records."""
    from django.db import transaction

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic._from_testcase = True  # as Django's TestCase marks its own: not a durable block
        atomic.__enter__()
        try:
            made = make()
        except BaseException:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            raise
    try:
        yield made
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
