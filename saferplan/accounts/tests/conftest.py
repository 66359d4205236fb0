import pytest


@pytest.fixture
def person(member_of):
    """A member who signs in with a password: owner@herts.example."""
    user = member_of("editor")
    user.email = "owner@herts.example"
    user.save()
    return user
