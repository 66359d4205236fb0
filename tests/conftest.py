"""Fixtures of the suite-wide sweeps (tests/)."""

import pytest

from tests.test_url_access import sweep_records


@pytest.fixture
def url_for(partnership, coordinator):
    """url_for(name, args, *, slug=None) → the URL of any route, for one record of every kind
    made for this test (tests/test_url_access.py's sweep_records)."""
    return sweep_records(partnership, coordinator)
