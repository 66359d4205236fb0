"""Reads about people and their partnerships."""

from django.db.models import QuerySet

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
