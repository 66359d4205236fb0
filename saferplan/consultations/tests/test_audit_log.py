"""What the audit log says of consultations and themes, written through core.audit's one
create/change (issue 20): the same events, fields and values as the services wrote out
themselves before."""

import datetime

import pytest

from saferplan.consultations import selectors, services
from saferplan.consultations.models import Theme
from saferplan.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def _events(instance) -> list[tuple]:
    return [
        (e.action, e.actor_id, e.partnership_id, e.changes, e.reason)
        for e in AuditEvent.objects.filter(
            object_type=instance._meta.label_lower, object_id=str(instance.pk)
        ).order_by("pk")
    ]


def test_a_consultation_created_and_changed(consultation, coordinator, partnership):
    opens, closes = consultation.opens_on, consultation.closes_on
    services.consultation_update(
        actor=coordinator, consultation=consultation, title="Survey", closes_on=closes
    )
    assert _events(consultation) == [
        (
            "create",
            coordinator.pk,
            partnership.pk,
            {
                "Title": [None, "Partnership Plan 2023 to 2027 survey"],
                "Introduction": [None, ""],
                "Privacy notice": [
                    None,
                    "Hertsmere CSP holds your answers to agree its priorities.",
                ],
                "Opens on": [None, str(opens)],
                "Closes on": [None, str(closes)],
            },
            "",
        ),
        (
            "update",
            coordinator.pk,
            partnership.pk,
            {"Title": ["Partnership Plan 2023 to 2027 survey", "Survey"]},
            "",
        ),
    ]
    assert consultation.created_by == consultation.modified_by == coordinator
    assert consultation.questions.count() == 13


def test_a_consultation_closing_before_it_opens_is_refused_unsaved(consultation, coordinator):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="on or after the opening date"):
        services.consultation_update(
            actor=coordinator,
            consultation=consultation,
            closes_on=consultation.opens_on - datetime.timedelta(days=1),
        )
    assert len(_events(consultation)) == 1


def test_a_theme_created_renamed_and_one_saved_as_suggested(consultation, analyst, partnership):
    question = selectors.free_text_questions(consultation)[0]
    theme = services.theme_create(actor=analyst, question=question, name=" Lighting ")
    services.theme_update(actor=analyst, theme=theme, name="Street lighting", we_did="Fixed")
    assert _events(theme) == [
        ("create", analyst.pk, partnership.pk, {}, ""),
        (
            "update",
            analyst.pk,
            partnership.pk,
            {"Name": ["Lighting", "Street lighting"], "What we did": ["", "Fixed"]},
            "",
        ),
    ]
    assert theme.created_by == theme.modified_by == analyst
    suggested = Theme.objects.create(
        consultation=consultation, question=question, name="Parking", suggested=True, position=2
    )
    services.theme_update(actor=analyst, theme=suggested, name="Parking")
    suggested.refresh_from_db()
    assert not suggested.suggested
    assert _events(suggested) == [("update", analyst.pk, partnership.pk, {}, "")]


def test_a_themes_name_is_unique_in_its_consultation(consultation, analyst):
    from django.core.exceptions import ValidationError

    question = selectors.free_text_questions(consultation)[0]
    services.theme_create(actor=analyst, question=question, name="Lighting")
    other = services.theme_create(actor=analyst, question=question, name="Parking")
    for attempt in (
        lambda: services.theme_create(actor=analyst, question=question, name="Lighting"),
        lambda: services.theme_update(actor=analyst, theme=other, name="Lighting"),
    ):
        with pytest.raises(ValidationError) as refused:
            attempt()
        assert refused.value.message_dict == {
            "name": ["There is already a theme called “Lighting”."]
        }
