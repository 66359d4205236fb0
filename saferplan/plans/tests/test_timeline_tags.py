"""An action's history as its page draws it (plans/templatetags/timeline_tags.py): every
word a person typed escaped, dates in the installation's time zone, a correction and an
estimated date said, and an OFFICIAL-SENSITIVE file listed only to those who may see it."""

import datetime

import pytest
from django.template import engines
from django.utils import translation

from saferplan.attachments.models import Attachment
from saferplan.plans import selectors
from saferplan.plans.models import RagChange
from saferplan.plans.tests.factories import (
    ActionFactory,
    PlanFactory,
    PriorityFactory,
    UpdateFactory,
)

pytestmark = pytest.mark.django_db
HOSTILE = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


@pytest.fixture
def action(partnership, editor):
    plan = PlanFactory(partnership=partnership)
    action = ActionFactory(priority=PriorityFactory(plan=plan, number=1), owner_user=editor)
    first = UpdateFactory(
        action=action,
        text=f"Two schools said no\n{HOSTILE}",
        author_name=f"Olive {HOSTILE}",
        date_is_estimated=True,
        described_on=datetime.date(2024, 1, 5),
    )
    correction = UpdateFactory(
        action=action,
        text="One school said yes after all",
        author_name="",
        supersedes=first,
        described_on=datetime.date(2024, 3, 5),
    )
    for name, marking in (
        (f"minutes {HOSTILE}.pdf", "official"),
        ("named.pdf", "official_sensitive"),
    ):
        correction.attachments.add(
            Attachment.objects.create(
                partnership=partnership, file="attachments/x", name=name, content_type="x",
                size=2048, sha256="0" * 64, marking=marking,
            )
        )  # fmt: skip
    rating = RagChange.objects.create(
        action=action, rating="red", reason=f"No date {HOSTILE}", changed_by_name=HOSTILE
    )
    # 23:30 UTC on 30 June is 00:30 on 1 July in London.
    RagChange.objects.filter(pk=rating.pk).update(
        changed_at=datetime.datetime(2024, 6, 30, 23, 30, tzinfo=datetime.UTC)
    )
    return action


def history(action, user, *, may_update: bool, sees_sensitive: bool, language="en") -> str:
    entries = selectors.action_timeline(
        action=selectors.action_detail(action_id=action.pk), user=user
    )
    page = "{% load timeline_tags %}{% for entry in timeline %}<li>{% timeline_entry entry %}</li>{% endfor %}"
    context = {
        "timeline": entries,
        "partnership": action.priority.plan.partnership,
        "action": action,
        "may_update": may_update,
        "sees_sensitive": sees_sensitive,
    }
    with translation.override(language):
        return engines["django"].from_string(page).render(context)


def test_every_word_typed_is_escaped_and_dates_are_local(action, editor):
    html = history(action, editor, may_update=True, sees_sensitive=True)
    assert HOSTILE not in html
    assert html.count(ESCAPED) == 5  # text, author, file name, reason, rater
    assert "Two schools said no<br>" in html
    assert "By Olive &lt;script&gt;" in html
    assert "By unknown, added" in html
    assert "1 Jul 2024, 00:30" in html
    assert "(date estimated: the source gave none)" in html
    assert "Corrected by a later update." in html
    assert "Correction of the update of 5 Jan 2024." in html
    assert "Correct<span" in html
    assert "Attach a file<span" in html
    assert "named.pdf" in html


def test_a_sensitive_file_is_listed_only_to_those_who_may_see_it(action, editor):
    html = history(action, editor, may_update=False, sees_sensitive=False)
    assert "minutes &lt;script&gt;" in html
    assert "named.pdf" not in html
    assert "Attach a file" not in html
    assert "Correct<span" not in html


def test_the_welsh_page_marks_english_words_as_english(action, editor):
    html = history(action, editor, may_update=True, sees_sensitive=True, language="cy")
    assert '<p class="govuk-body" lang="en">One school said yes after all</p>' in html
    assert "Gan anhysbys" in html
