"""Fixtures shared by every test: users in roles across two partnerships."""

import pytest

from saferplan.accounts.tests.factories import MembershipFactory, UserFactory
from saferplan.partnerships.tests.factories import PartnershipFactory


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with no cached renderings or job progress (ids are reused between
    tests)."""
    from django.core.cache import caches

    for name in ("default", "progress"):
        caches[name].clear()
    yield
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


def pytest_report_header(config):
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    return f"saferplan database: {engine}"
