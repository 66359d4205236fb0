"""A partnership's consultations, their questions, whether the public may read one yet, and
a survey import's column preview."""

from django.db.models import Count, QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from saferplan.core import clock

from .. import survey_csv
from ..models import Consultation, Question
from ..shown import words_in


def questions_of(consultation: Consultation) -> list[Question]:
    return list(consultation.questions.select_related("aim", "priority"))


def partnership_consultations(partnership) -> QuerySet[Consultation]:
    return (
        partnership.consultations.select_related("plan")
        .annotate(respondents=Count("responses", distinct=True))
        .order_by("-opens_on", "-pk")
    )


def why_not_public(consultation: Consultation, *, today=None) -> str:  # safe HTML
    """Why the public cannot read the consultation at its address yet, or "" if it can
    (the rule is Consultation.objects.public)."""
    today = today or clock.today()
    if Consultation.objects.public(today=today).filter(pk=consultation.pk).exists():
        return ""
    if consultation.opens_on > today:
        return _("It opens on %(day)s: until then only the partnership's members can see it.") % {
            "day": date_format(consultation.opens_on, "j F Y")
        }
    # The partnership's name is its own words, marked with their language on a Welsh page.
    return words_in(
        _("Only the partnership's members can see it until %(partnership)s publishes a plan."),
        own={"partnership": consultation.partnership.name},
    )


def open_consultations(partnership, *, today=None) -> list[Consultation]:
    """The consultations the public can answer today, closing soonest first: the published
    plan invites its readers to them."""
    today = today or clock.today()
    return list(
        partnership.consultations.public(today=today)
        .filter(closes_on__gte=today)
        .order_by("closes_on", "pk")
    )


def import_preview_of(pending) -> tuple[list, int]:
    """(the survey file's columns, its number of rows) for the column preview: as read at
    upload, so that a preview viewed again does not parse the file again. An upload held
    from before they were kept is read from its file."""
    if pending.columns:
        return [survey_csv.Column(**column) for column in pending.columns], pending.row_count
    survey = survey_csv.read_survey(pending.file_name, bytes(pending.content))
    return survey.columns, len(survey.rows)
