"""The roles a member holds in a partnership: the vocabulary of every permission policy
(core.permissions), so it sits below every app. People and their memberships are the
accounts app's (accounts.models.Membership)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """What a member may do in a partnership (see docs/user-guide/roles.md)."""

    COORDINATOR = "coordinator", _("Coordinator")
    EDITOR = "editor", _("Editor (action owner)")
    VIEWER = "viewer", _("Viewer (board member)")
    ANALYST = "analyst", _("Analyst")


ALL_ROLES = frozenset(Role.values)
