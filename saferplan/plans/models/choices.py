"""The plans' fixed vocabularies: plan kinds and statuses, action statuses, the RAG key."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanKind(models.TextChoices):
    STRATEGIC = "strategic", _("Partnership plan (strategic)")
    ACTION = "action", _("Action plan (annual)")
    # The partnership's other statutory plans (docs/adr/0036): kept like any plan, never
    # on the published plan, which shows the partnership plan and its action plans.
    SERIOUS_VIOLENCE_NEEDS = "sv_needs", _("Serious Violence Duty: strategic needs assessment")
    SERIOUS_VIOLENCE_STRATEGY = "sv_strategy", _("Serious Violence Duty: response strategy")
    PREVENT = "prevent", _("Prevent action plan")


# The kinds the public may read once published (the published plan, its documents and open
# data, the API): the partnership plan and its action plans. The statutory plans above stay
# with the partnership (docs/adr/0036).
PUBLIC_KINDS = (PlanKind.STRATEGIC, PlanKind.ACTION)


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")
    # Last year's action plan once next year's, made from it by the annual refresh, is
    # published: kept for its history, no longer current nor public.
    SUPERSEDED = "superseded", _("Superseded")


# Plans no longer in use: their actions are not anyone's work any more.
RETIRED_STATUSES = (PlanStatus.ARCHIVED, PlanStatus.SUPERSEDED)


class RagRating(models.TextChoices):
    """The four-colour key of seed 000. Always shown with its word, never by colour alone."""

    RED = "red", _("Red")
    AMBER = "amber", _("Amber")
    GREEN = "green", _("Green")
    WHITE = "white", _("White")


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETE = "complete", _("Complete")
    DISCHARGED = "discharged", _("Discharged")


OPEN_STATUSES = (ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS)
