import pytest


@pytest.fixture
def analyst(member_of):
    return member_of("analyst")
