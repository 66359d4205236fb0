"""The plans' fixed vocabularies: plan kinds and statuses, action statuses, the RAG key."""

from django.db import models


class PlanKind(models.TextChoices):
    STRATEGIC = "strategic", "Partnership plan (strategic)"
    ACTION = "action", "Action plan (annual)"


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    APPROVED = "approved", "Approved"
    PUBLISHED = "published", "Published"
    ARCHIVED = "archived", "Archived"
    # Last year's action plan once next year's, made from it by the annual refresh, is
    # published: kept for its history, no longer current nor public.
    SUPERSEDED = "superseded", "Superseded"


# Plans no longer in use: their actions are not anyone's work any more.
RETIRED_STATUSES = (PlanStatus.ARCHIVED, PlanStatus.SUPERSEDED)


class RagRating(models.TextChoices):
    """The four-colour key of seed 000. Always shown with its word, never by colour alone."""

    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"
    WHITE = "white", "White"


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETE = "complete", "Complete"
    DISCHARGED = "discharged", "Discharged"


OPEN_STATUSES = (ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS)
