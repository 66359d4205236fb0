"""An action owner's round in Welsh (issue 24): My actions and adding an update at their
Welsh addresses, every word saferplan's in Welsh, the partnership's English marked."""

import re

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation

from saferplan.plans.models import Update
from saferplan.plans.tests.factories import ActionFactory, PlanFactory, PriorityFactory

pytestmark = pytest.mark.django_db

# Words no Welsh sentence holds: one of them left on a Welsh page is English nobody marked.
ENGLISH = {"the", "and", "of", "to", "your", "you", "has", "is", "for", "with", "this", "by"}


def english_left(html: str) -> list[str]:
    """The English words of the page's main part, leaving out what is marked as English."""
    main = BeautifulSoup(html, "html.parser").find("main")
    for marked in main.select('[lang="en"], script, style'):
        marked.decompose()
    words = re.findall(r"[\w'-]+", main.get_text(" "))  # Is-grŵp is one Welsh word
    return sorted({w for w in words if w.lower() in ENGLISH})


@pytest.fixture
def owned(partnership, coordinator):
    plan = PlanFactory(partnership=partnership, kind="action", status="published")
    priority = PriorityFactory(plan=plan, number=2, title="Reduce the harm of drugs")
    return ActionFactory(
        priority=priority,
        title="Run the safer streets campaign with the police",
        owner_user=coordinator,
        due_date="2020-01-31",
    )


def welsh(name, *args):
    with translation.override("cy"):
        return reverse(name, args=args)


def test_my_actions_and_adding_an_update_are_welsh(signed_in, coordinator, partnership, owned):
    client = signed_in(coordinator)
    mine = client.get(welsh("my-actions")).content.decode()
    assert '<html lang="cy"' in mine
    assert "Fy nghamau gweithredu" in mine
    assert "Yn hwyr" in mine  # the overdue group
    assert english_left(mine) == []
    assert '<span lang="en">Run the safer streets campaign with the police</span>' in mine

    form_url = welsh("plans:update-add", partnership.slug, owned.pk)
    form = client.get(form_url).content.decode()
    assert '<html lang="cy"' in form
    assert "Beth sydd wedi digwydd" in form
    assert english_left(form) == []

    refused = client.post(form_url, {"rag": "red"}).content.decode()
    assert "Mae problem wedi codi" in refused
    assert "Rhowch beth sydd wedi digwydd" in refused
    assert english_left(refused) == []
    dated = {
        "described_on_day": "6",
        "described_on_month": "10",
        "described_on_year": "2019",
        "text": "Ymgyrch wedi dechrau yn Borehamwood",
        "marking": "official",
    }
    no_reason = client.post(form_url, {**dated, "rag": "red"}).content.decode()
    assert "Rhowch y rheswm dros y sgôr RAG" in no_reason  # the service's own check
    assert english_left(no_reason) == []

    client.post(form_url, dated)
    assert Update.objects.get(action=owned).text == "Ymgyrch wedi dechrau yn Borehamwood"


def test_the_english_pages_are_unchanged(signed_in, coordinator, owned):
    with translation.override("en-gb"):  # (the test's thread keeps the last page's language)
        address = reverse("my-actions")
    html = signed_in(coordinator).get(address).content.decode()
    assert '<html lang="en-GB"' in html
    assert "My actions" in html
