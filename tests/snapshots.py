"""Copies of the test database, taken once and put back in a moment.

Building the demo (saferplan.demo) takes 8 to 20 seconds; putting back a copy of the
database it left takes milliseconds on SQLite (the backup API, memory to memory) and under a
second on PostgreSQL (every table's rows kept as COPY's binary output, copied back in after
emptying the tables, the sequences set as they were). A test that wants the demo therefore
gets exactly the database the first one built, whichever ran first.

On PostgreSQL the copy goes through the suite's own connection: no database is dropped or
created, so no other connection (a live server's, another xdist worker's) is ever cut.

Only between transactional tests (transactional_db, live_server): the whole database is
replaced, so no transaction may be open; the test's own teardown empties it as usual.
"""

import sqlite3

from django.db import connection, transaction


class Snapshot:
    """One copy of the test database. `take()` copies it, `restore()` puts it back."""

    def __init__(self, label: str):
        self.label = label
        self._copy: sqlite3.Connection | None = None  # SQLite: the copy, in memory
        self._tables: dict[str, bytes] | None = None  # PostgreSQL: each table's rows
        self._sequences: list[tuple[str, int | None]] = []

    @property
    def taken(self) -> bool:
        return self._copy is not None or self._tables is not None

    def take(self) -> None:
        _no_transaction()
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            self._copy = sqlite3.connect(":memory:", check_same_thread=False)
            connection.connection.backup(self._copy)
        elif connection.vendor == "postgresql":
            with transaction.atomic(), connection.cursor() as cursor:
                self._tables = {table: _copy_out(cursor, table) for table in _tables()}
                # Only the sequences of the tables put back: others (django_migrations') move
                # on with their tables, and setting them back would make a later migration
                # test's row clash with one a migration test added after the copy was taken.
                cursor.execute(
                    "SELECT format('%%I.%%I', s.schemaname, s.sequencename), s.last_value "
                    "FROM pg_sequences s "
                    "JOIN pg_class q ON q.relname = s.sequencename AND q.relkind = 'S' "
                    "JOIN pg_depend d ON d.objid = q.oid AND d.deptype IN ('a', 'i') "
                    "JOIN pg_class t ON t.oid = d.refobjid "
                    "WHERE s.schemaname = current_schema() AND t.relname = ANY(%s)",
                    [_tables()],
                )
                self._sequences = cursor.fetchall()
        else:  # pragma: no cover - the suite runs on SQLite and PostgreSQL only
            raise NotImplementedError(connection.vendor)

    def restore(self) -> None:
        if not self.taken:
            raise RuntimeError(f"the {self.label} snapshot was never taken")
        _no_transaction()
        if self._copy is not None:
            connection.ensure_connection()
            self._copy.backup(connection.connection)
        else:
            assert self._tables is not None
            quote = connection.ops.quote_name
            # One transaction: foreign keys (DEFERRABLE INITIALLY DEFERRED, as Django makes
            # them) are checked once every table is back.
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(f"TRUNCATE {', '.join(map(quote, _tables()))}")
                for table, rows in self._tables.items():
                    if rows:
                        with cursor.cursor.copy(
                            f"COPY {quote(table)} FROM STDIN (FORMAT BINARY)"
                        ) as copy:
                            copy.write(rows)
                for sequence, last_value in self._sequences:
                    cursor.execute(
                        "SELECT setval(%s, %s, %s)",
                        [sequence, last_value or 1, last_value is not None],
                    )
        # Content types are cached by id, and ids are the copy's again.
        from django.contrib.contenttypes.models import ContentType

        ContentType.objects.clear_cache()

    def drop(self) -> None:
        if self._copy is not None:
            self._copy.close()
        self._copy = self._tables = None


def _tables() -> list[str]:
    """The tables a transactional test's teardown empties (Django's flush): those of the
    installed models."""
    return sorted(connection.introspection.django_table_names(only_existing=True))


def _copy_out(cursor, table: str) -> bytes:
    sql = f"COPY {connection.ops.quote_name(table)} TO STDOUT (FORMAT BINARY)"
    with cursor.cursor.copy(sql) as copy:
        return b"".join(bytes(block) for block in copy)


def _no_transaction() -> None:
    if not connection.get_autocommit() or connection.in_atomic_block:
        raise RuntimeError(
            "a database snapshot replaces the whole database: only in a transactional test "
            "(transactional_db or live_server), never inside a transaction"
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
