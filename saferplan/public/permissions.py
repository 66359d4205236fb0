"""Who may change what the published plan shows beside the plan: the partnership's
coordinators. Anyone may read it once it is on the published plan."""

from saferplan.accounts.models import ALL_ROLES, Role
from saferplan.core.permissions import PermissionPolicy

from .models import Achievement, Contact, GlossaryTerm, PublishedLayout


class _PublishedContentPolicy(PermissionPolicy):
    roles_for_action = {"view": ALL_ROLES, "change": {Role.COORDINATOR}}


class AchievementPolicy(_PublishedContentPolicy):
    model = Achievement


class GlossaryTermPolicy(_PublishedContentPolicy):
    model = GlossaryTerm


class ContactPolicy(_PublishedContentPolicy):
    model = Contact


class PublishedLayoutPolicy(_PublishedContentPolicy):
    model = PublishedLayout


achievement_policy = AchievementPolicy()
glossary_term_policy = GlossaryTermPolicy()
contact_policy = ContactPolicy()
published_layout_policy = PublishedLayoutPolicy()
