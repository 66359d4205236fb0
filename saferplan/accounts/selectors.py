"""Reads about people and their partnerships."""

from django.db.models import QuerySet
from django.urls import reverse

from saferplan.core.permissions import user_memberships

from .models import Membership, Role, User


def memberships_for_user(*, user) -> list[Membership]:
    """The user's partnerships and roles, alphabetical by partnership."""
    if not user.is_authenticated:
        return []
    return user_memberships(user)


def partnership_members(*, partnership) -> QuerySet[Membership]:
    return partnership.memberships.select_related("user", "organisation").order_by(
        "user__full_name"
    )


def board_members(*, partnership) -> QuerySet[User]:
    """The partnership's board: its active members with the board member's role (viewer),
    who are emailed when a board report is issued."""
    return User.objects.filter(
        memberships__partnership=partnership, memberships__role=Role.VIEWER, is_active=True
    ).order_by("full_name", "pk")


def current_membership(*, request, slug: str | None = None) -> Membership | None:
    """The membership of the partnership the user is working in: the one named in the
    address, else the one they last switched to, else their first."""
    memberships = memberships_for_user(user=request.user)
    if not memberships:
        return None
    wanted = slug or request.session.get("current_partnership")
    for membership in memberships:
        if membership.partnership.slug == wanted:
            return membership
    return memberships[0]


# Where each role starts its day (docs/user-guide/roles.md). URL names, not imports: the pages
# belong to apps above accounts.
LANDING_PAGES = {
    Role.COORDINATOR: "partnerships:detail",  # the overview: plans, next meeting, last report
    Role.EDITOR: "my-actions",
    Role.VIEWER: "reports:board-report-latest",
    Role.ANALYST: "crimedata:overview",
}


def landing_url(*, request) -> str | None:
    """The page a signed-in person starts on: the page of their role in the partnership they
    work in (the one they last switched to or opened, else the first alphabetically), so a
    coordinator of one partnership and owner in another lands where they were working.
    An owner lands on My actions, which lists their actions in every partnership. None for
    someone in no partnership (an administrator): their partnerships page says what to do."""
    membership = current_membership(request=request)
    if membership is None:
        return None
    name = LANDING_PAGES[Role(membership.role)]
    if name == "my-actions":
        return reverse(name)
    return reverse(name, args=[membership.partnership.slug])
