"""Every page a member opens, once: stored cross-site scripting, its Content Security Policy
and whether the browser may keep it.

Stored cross-site scripting: every text a person can type (or import) holds a script
payload, and no page renders it as markup. Every text field of every saferplan record made
by the URL sweep's records (tests/test_url_access.py) is overwritten with the payload, a
pending plan import and a pending survey import carry it in their files, and every page is
requested as a coordinator of the partnership (the published plan included). Django escapes
by default; this proves no template or `mark_safe` lets one through.

The same response must also have a Content Security Policy under which no inline script runs
without this response's nonce (and none is written into an attribute, which no nonce can
allow: docs/adr/0009), and must not be stored by the browser (Back, after signing out on a
shared computer, must not show a member's page or file). One request a route checks all
three; each failure names the route and the check.
"""

import re

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.db import models

from saferplan.accounts.tests.factories import MembershipFactory
from saferplan.partnerships.tests.factories import PartnershipFactory
from saferplan.plans.models import Action
from tests.snapshots import made_once_per_module
from tests.test_url_access import HTML_PAGES, ROUTES, Findings, page_html, sweep_records

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


@pytest.fixture(scope="module", autouse=True)
def world(django_db_setup, django_db_blocker):
    """The URL sweep's records, every typed text a payload, made once for the module; each
    test's changes are rolled back after it (tests/snapshots.py)."""

    def make():
        hertsmere = PartnershipFactory(
            name="Hertsmere Community Safety Partnership", slug="hertsmere"
        )
        coordinator = MembershipFactory(partnership=hertsmere, role="coordinator").user
        url_for = sweep_records(hertsmere, coordinator)
        # Owned by the coordinator, so that My actions draws them (with their owner's name).
        Action.objects.filter(priority__plan__partnership=hertsmere).update(owner_user=coordinator)
        overwrite_every_text_field(hertsmere, lambda n: PAYLOAD)
        return {"coordinator": coordinator, "url_for": url_for}

    yield from made_once_per_module(django_db_blocker, make)


def member_page_checks(name, args) -> list[str]:
    """The checks test_what_a_member_opens_… makes of a route's response: every response
    but signing out's is not stored; every page's policy and text (not /healthz's)."""
    checks = [] if name == "accounts:sign-out" else ["not stored"]
    if (name, args) in HTML_PAGES:
        checks += ["Content Security Policy", "stored cross-site scripting"]
    return checks


@pytest.mark.parametrize(("name", "args"), ROUTES)
def test_what_a_member_opens_escapes_typed_text_has_a_script_policy_and_is_not_stored(
    client, db, world, name, args
):
    client.force_login(world["coordinator"])
    response = client.get(world["url_for"](name, args))
    html = page_html(response)  # read once: a streamed page cannot be read twice
    findings = Findings(name)
    checks = member_page_checks(name, args)
    if "not stored" in checks:
        cache_control = response.headers.get("Cache-Control", "")
        findings.check(
            "not stored",
            "no-store" in cache_control and "private" in cache_control,
            f"Cache-Control {cache_control!r}",
        )
    if "Content Security Policy" in checks:
        findings.check("Content Security Policy", *content_security_policy(response, html))
    if "stored cross-site scripting" in checks:
        findings.check("stored cross-site scripting", *typed_text_is_text(html))
    findings.assert_none(checks)


def content_security_policy(response, html) -> tuple[bool, str]:
    """A policy without 'unsafe-inline' or 'unsafe-eval'; on a page, no <script> without the
    response's nonce and no script in an attribute (onclick=…, javascript: links)."""
    policy = response.headers.get("Content-Security-Policy", "")
    if "default-src 'self'" not in policy:
        return False, "no Content Security Policy"
    if "'unsafe-inline'" in policy or "'unsafe-eval'" in policy:
        return False, f"the policy allows unsafe scripts: {policy}"
    if response.status_code != 200 or html is None:
        return True, ""
    nonce = re.search(r"'nonce-([^']+)'", policy)
    page = BeautifulSoup(html, "html.parser")
    for script in page.find_all("script"):
        if not nonce:
            return False, "a <script> but no nonce in the policy"
        if script.get("nonce") != nonce.group(1):
            return False, f"a <script> without the response's nonce: {script}"
    for element in page.find_all(True):
        for attribute, value in element.attrs.items():
            if attribute.startswith("on"):
                return False, f"{attribute} on <{element.name}>"
            if "javascript:" in str(value).lower():
                return False, f"{attribute}={value}"
    return True, ""


def typed_text_is_text(html) -> tuple[bool, str]:
    """None of the payload's markup is markup on the page (downloads are checked by
    test_export_injection.py)."""
    if html is None:
        return True, ""
    for fragment in ("<script>window.xss", 'onerror="window.xss', "<b>bold</b>"):
        if fragment in html:
            return False, f"{fragment!r} in the page"
    page = BeautifulSoup(html, "html.parser")
    if page.find("img", src="x"):
        return False, "the payload's <img src=x> is an element"
    if [s for s in page.find_all("script") if "xss" in s.get_text()]:
        return False, "a <script> holds the payload"
    return True, ""
