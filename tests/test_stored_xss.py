"""Stored cross-site scripting: every text a person can type (or import) holds a script
payload, and no page renders it as markup.

Every text field of every saferplan record made by the URL sweep's fixture is overwritten
with the payload, a pending plan import and a pending survey import carry it in their
files, and every page is requested as a member of the partnership (the published plan
included). Django escapes by default; this proves no template or `mark_safe` lets one through.
"""

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.db import models

from tests.test_url_access import HTML_PAGES, page_html, url_for  # noqa: F401 - a fixture

PAYLOAD = '<script>window.xss=1</script><img src=x onerror="window.xss=2">"\'><b>bold</b>'
# Values that other fields of the record must keep for the pages to work at all.
SKIP = (models.SlugField, models.EmailField, models.URLField)
SKIP_NAMES = {"sha256", "password", "content_type", "top_words", "postcode", "code"}


def saferplan_text_fields():
    for model in apps.get_models():
        if not model.__module__.startswith("saferplan."):
            continue
        fields = [
            field.name
            for field in model._meta.concrete_fields
            if isinstance(field, models.CharField | models.TextField)
            and not isinstance(field, SKIP)
            and not field.choices
            and not field.primary_key
            and field.name not in SKIP_NAMES
        ]
        if fields:
            yield model, fields


def overwrite_every_text_field(partnership, text_for) -> None:
    """Every typed text of every saferplan record becomes text_for(n) (n counts the fields
    overwritten, so that a caller can vary the text), and the pending import files too."""
    from saferplan.consultations.models import ResponseImport
    from saferplan.imports.models import PlanImport
    from saferplan.plans.models import PlanStatus

    partnership.plans.update(status=PlanStatus.PUBLISHED)
    overwritten = 0
    for model, fields in saferplan_text_fields():
        for pk in model._base_manager.values_list("pk", flat=True):
            values = {}
            for name in fields:
                field = model._meta.get_field(name)
                text = text_for(overwritten + len(values))
                text = f"{text}{pk}" if field.unique else text
                values[name] = text[: field.max_length] if field.max_length else text
            overwritten += model._base_manager.filter(pk=pk).update(**values) * len(values)
    assert overwritten >= 20  # partnership, people, groups, plan, actions, updates, themes…
    payload = text_for(0)
    PlanImport.objects.update(
        content=f"Priority 1: {payload}\n\nWhat we will do\n\n{payload}.\n".encode()
    )
    ResponseImport.objects.update(content=f'Area,"{payload}"\n"{payload}","{payload}"\n'.encode())
    # The column preview kept at upload (shown without reading the file again).
    ResponseImport.objects.update(
        columns=[{"index": 0, "heading": payload, "samples": [payload]}], row_count=1
    )


@pytest.fixture
def everything_typed_is_a_payload(url_for, partnership):  # noqa: F811
    overwrite_every_text_field(partnership, lambda n: PAYLOAD)
    return url_for


@pytest.mark.parametrize(("name", "args"), HTML_PAGES)
def test_no_page_renders_typed_text_as_markup(
    client, everything_typed_is_a_payload, coordinator, name, args
):
    client.force_login(coordinator)
    response = client.get(everything_typed_is_a_payload(name, args))
    html = page_html(response)
    if html is None:
        return
    assert "<script>window.xss" not in html, name
    assert 'onerror="window.xss' not in html, name
    assert "<b>bold</b>" not in html, name
    page = BeautifulSoup(html, "html.parser")
    assert not page.find("img", src="x"), name
    assert not [s for s in page.find_all("script") if "xss" in s.get_text()], name
