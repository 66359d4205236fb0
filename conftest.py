"""Fixtures shared by every test: users in roles across two partnerships, and the demo."""

import pytest

from saferplan.accounts.tests.factories import MembershipFactory, UserFactory
from saferplan.partnerships.tests.factories import PartnershipFactory


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with no cached renderings or job progress (ids are reused between
    tests)."""
    _clear_caches()
    yield
    _clear_caches()


@pytest.fixture(autouse=True)
def in_english():
    """Each test starts in English: a request to a Welsh page (/cy/…) leaves Welsh active in
    the test's thread (LocaleMiddleware activates, nothing deactivates), and the next test's
    reverse() would give Welsh addresses."""
    from django.utils import translation

    translation.activate("en-gb")
    yield
    translation.activate("en-gb")


def _clear_caches():
    from django.core.cache import caches

    for name in ("default", "progress"):
        caches[name].clear()


@pytest.fixture
def partnership(db):
    return PartnershipFactory(name="Hertsmere Community Safety Partnership", slug="hertsmere")


@pytest.fixture
def other_partnership(db):
    return PartnershipFactory(name="Dacorum Community Safety Partnership", slug="dacorum")


@pytest.fixture
def member_of(partnership):
    """member_of("coordinator") → a user with that role in `partnership`."""

    def make(role, in_partnership=None):
        return MembershipFactory(partnership=in_partnership or partnership, role=role).user

    return make


@pytest.fixture
def coordinator(member_of):
    return member_of("coordinator")


@pytest.fixture
def editor(member_of):
    return member_of("editor")


@pytest.fixture
def viewer(member_of):
    return member_of("viewer")


@pytest.fixture
def outsider(other_partnership):
    """A coordinator, but of another partnership."""
    return MembershipFactory(partnership=other_partnership, role="coordinator").user


@pytest.fixture
def signed_in(client):
    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture(scope="session")
def demo_snapshot(django_db_setup, django_db_blocker):
    """The database as the demo leaves it, copied the first time a test asks for the demo
    (tests/snapshots.py) and dropped at the end of the session."""
    from tests.snapshots import Snapshot

    snapshot = Snapshot("demo")
    yield snapshot
    with django_db_blocker.unblock():
        snapshot.drop()


@pytest.fixture
def demo(transactional_db, demo_snapshot):
    """The demo's data (saferplan.demo.loader.demo_load), built once per session and put back
    for each test that asks for it. The test may change it: its teardown empties the database
    as for any transactional test."""
    if demo_snapshot.taken:
        demo_snapshot.restore()
        return
    from saferplan.demo.loader import demo_load

    demo_load()
    demo_snapshot.take()
    _clear_caches()  # as a restored copy finds them: what the build cached is not in the copy


# Fixtures through which a test reaches the database (pytest-django's, and those that make
# records once per module: tests/snapshots.py's made_once_per_module).
DATABASE_FIXTURES = {
    "db",
    "transactional_db",
    "live_server",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
    "django_db_setup",
}


def pytest_collection_modifyitems(config, items):
    """A test with no database fixture, no django_db mark and no on_every_database mark cannot
    reach the suite's database (pytest-django refuses it), so it checks the same thing
    whichever database the suite runs on: it is marked no_database, and `make test-postgres`
    deselects it (`make test` runs it, on SQLite)."""
    for item in items:
        if (
            DATABASE_FIXTURES.isdisjoint(item.fixturenames)
            and not item.get_closest_marker("django_db")
            and not item.get_closest_marker("on_every_database")
        ):
            item.add_marker(pytest.mark.no_database)


def pytest_report_header(config):
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    return f"saferplan database: {engine}"
