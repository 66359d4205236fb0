"""The published plan in Welsh (issue 24, deliverable 4): /cy/p/<partnership>/ and its PDF
and Word document in Welsh, the language switch both ways, partnership text not yet in Welsh
marked as English, and every string of the published plan's templates translated."""

import ast
import io
import re
from pathlib import Path

import docx
import polib
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation.template import templatize
from pypdf import PdfReader

from saferplan.plans.tests.factories import PlanFactory

CATALOGUE = settings.BASE_DIR / "locale" / "cy" / "LC_MESSAGES" / "django.po"
TEMPLATES = settings.BASE_DIR / "templates"
# The templates of the pages in settings.WELSH_PAGES (the published plan, its PDF and Word).
WELSH_TEMPLATES = [
    "base.html",
    "accounts/landing.html",
    "accounts/sign_in.html",
    "accounts/sign_in_paused.html",
    "accounts/locked_out.html",
    "accounts/password_reset.html",
    "accounts/password_reset_done.html",
    "accounts/password_reset_confirm.html",
    "accounts/password_reset_complete.html",
    "accounts/unlock_expired.html",
    "plans/my_actions.html",
    "plans/_my_group.html",
    "plans/update_form.html",
    "plans/_update_form.html",
    "includes/language_switch.html",
    "public/published_plan.html",
    "public/_published_plan.html",
    "public/_consultation.html",
    "public/_partnership_structure.html",
    "public/action_plan.html",
    "reports/_action_plan_heading.html",
    "plans/_action_tables.html",
    "reports/print/action_plan.html",
    "reports/public_document_being_made.html",
    "assessments/_published_summary.html",
    "assessments/_comparison_tables.html",
    "crimedata/_comparison_head.html",
    "crimedata/_comparison_rows.html",
    "public/print/published_plan.html",
    "plans/_narrative_section.html",
    "reports/print/base.html",
    "core/accessibility.html",
    "404.html",
    "consultations/respond/_header.html",
    "consultations/respond/start.html",
    "consultations/respond/privacy.html",
    "consultations/respond/section.html",
    "consultations/respond/contact.html",
    "consultations/respond/check.html",
    "consultations/respond/done.html",
    "govuk/forms/form.html",
    "govuk/forms/field.html",
    "govuk/error_summary.html",
    "govuk/widgets/radios.html",
]
# Words that are the same in both languages, or written in each language on purpose (the
# switch names each language in its own).
NEUTRAL = {
    "PDF",
    "Word",
    "Excel",
    "CSV",
    "JSON",
    "English",
    "Cymraeg",
    "Change the language to",
    "Newid yr iaith i'r",
    "saferplan",
    "RAG",  # red, amber, green: the partnerships' own word in both languages
    "index, follow",  # the robots meta tag's words
}


@pytest.fixture
def strategic(partnership):
    plan = PlanFactory(
        partnership=partnership,
        kind="strategic",
        title="Hertsmere Community Safety Partnership Plan 2023 - 2027",
        period_start="2023-04-01",
        period_end="2027-03-31",
        status="published",
        foreword="One of our key priorities is to ensure that people feel safe.",
        language_notice="Mae'r ddogfen hon ar gael yn Gymraeg.",
    )
    plan.aims.create(number=1, text="To protect and safeguard vulnerable people")
    return plan


def test_the_published_plan_comes_out_in_welsh_with_a_switch_both_ways(
    client, partnership, strategic
):
    english = reverse("public:plan", args=[partnership.slug])
    with translation.override("cy"):
        welsh = reverse("public:plan", args=[partnership.slug])
    assert welsh == f"/cy{english}"

    html = client.get(welsh).content.decode()

    assert '<html lang="cy"' in html
    for words in (
        "Cynnwys",
        "Rhagair",
        "Ein nodau",
        "Ebrill 2023 i Mawrth 2027",
        "Neidio i'r prif gynnwys",
        "Datganiad hygyrchedd",
        "Print bras a fformatau eraill",
    ):
        assert words in html, words
    # The partnership's English is marked as English; its Welsh notice is the page's own.
    assert '<p class="govuk-body" lang="en">One of our key priorities' in html
    assert '<li lang="en">To protect and safeguard vulnerable people</li>' in html
    assert '<p class="govuk-body">Mae&#x27;r ddogfen hon ar gael yn Gymraeg.</p>' in html
    assert f'href="{english}" hreflang="en" lang="en"' in html
    back = client.get(english).content.decode()
    assert '<html lang="en-GB"' in back
    assert f'href="{welsh}" hreflang="cy" lang="cy"' in back


def test_the_welsh_pdf_and_word_document_are_welsh(client, partnership, strategic):
    with translation.override("cy"):
        pdf_url = reverse("public:plan-document", args=[partnership.slug, "pdf"])
        word_url = reverse("public:plan-document", args=[partnership.slug, "docx"])
    reader = PdfReader(io.BytesIO(client.get(pdf_url).content))
    assert str(reader.trailer["/Root"]["/Lang"]) == "cy"
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Rhagair" in text
    assert "Tudalen 1 o" in text  # the page numbers at the foot
    assert "Ebrill 2023 i Mawrth 2027" in text
    word = docx.Document(io.BytesIO(client.get(word_url).content))
    assert word.core_properties.language == "cy-GB"
    assert "Rhagair" in [p.text for p in word.paragraphs if p.style.name == "Heading 1"]


def test_a_page_not_yet_in_welsh_is_drawn_wholly_in_english(signed_in, coordinator, partnership):
    """A members' page not translated yet (the board reports): at its Welsh address it is the
    English page, saying so (lang="en-GB"), not English words under lang="cy"; its links lead
    to English pages. The start page, Welsh, leads a member to their Welsh partnerships."""
    client = signed_in(coordinator)
    html = client.get(f"/cy/partnerships/{partnership.slug}/board-reports/").content.decode()
    assert '<html lang="en-GB"' in html
    assert "Skip to main content" in html
    home = client.get("/cy/")
    assert home.status_code == 302
    assert home["Location"].startswith("/cy/")


def test_signing_in_is_in_welsh(client, coordinator):
    """The start page, signing in (its errors too) and choosing a new password, for someone
    signed out: in Welsh at their Welsh addresses, with the switch."""
    landing = client.get("/cy/").content.decode()
    assert '<html lang="cy"' in landing
    assert "Cynllunio a dilyn diogelwch cymunedol gyda'n gilydd" in landing
    assert 'href="/" hreflang="en" lang="en"' in landing
    sign_in = client.post(
        "/cy/accounts/sign-in/", {"username": coordinator.email, "password": "not this one"}
    ).content.decode()
    assert '<html lang="cy"' in sign_in
    assert "Mewngofnodi i saferplan" in sign_in
    assert "Rhowch gyfeiriad e-bost a chyfrinair cywir." in sign_in
    assert "Mae problem wedi codi" in sign_in  # GOV.UK's error summary, in Welsh
    reset = client.get("/cy/accounts/password-reset/").content.decode()
    assert "Ailosod eich cyfrinair" in reset


def test_a_welsh_page_that_is_not_there_says_so_in_welsh(client, partnership):
    html = client.get("/cy/p/no-such-partnership/").content.decode()
    assert '<html lang="cy"' in html
    assert "Heb ddod o hyd i'r dudalen" in html


def test_the_accessibility_statement_is_in_welsh(client):
    html = client.get("/cy/accessibility/").content.decode()
    assert '<html lang="cy"' in html
    assert "Datganiad hygyrchedd ar gyfer saferplan" in html


def used_messages(template: Path) -> set[str]:
    """The msgids a template asks for, read as makemessages reads them (templatize)."""
    code = templatize(template.read_text(encoding="utf-8"), origin=str(template))
    literal = r"""u?(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")"""
    # (a tag's or filter's argument _("…") comes out as _("…"))
    calls = re.findall(rf"(?<!\w)(n?p?gettext|_)\(({literal})(?:,\s*({literal}))?", code)
    # pgettext's message is its second argument (the first is its context); a message holding
    # an apostrophe comes out of templatize in double quotes
    return {ast.literal_eval(second if "p" in name else first) for name, first, second in calls}


def visible_untranslated(template: Path) -> list[str]:
    """Words a template shows outside its translate tags: English nobody can translate."""
    text = template.read_text(encoding="utf-8")
    text = re.sub(
        r"{%\s*(blocktranslate|comment|verbatim)\b.*?{%\s*end\1\s*%}|<script\b.*?</script>"
        # the page's class names and the robots meta tag's words: not read by anybody
        r"|{%\s*block (?:body_class|robots)\s*%}.*?{%\s*endblock\s*%}",
        " ",
        text,
        flags=re.S,
    )
    # Words people read or hear in attributes: a screen reader's label, an image's text.
    # (tags and variables first put aside: an attribute may hold {% translate "…" %})
    attributes = [
        value
        for value in re.findall(
            r'\b(?:aria-label|alt|title|placeholder)="([^"]*)"',
            re.sub(r"{{.*?}}|{%.*?%}", "…", text, flags=re.S),
        )
        if re.search(r"[A-Za-z]{2,}", value)
    ]
    text = re.sub(r"{#.*?#}|{%.*?%}|{{.*?}}|<!--.*?-->", " ", text, flags=re.S)
    text = re.sub(r"<[^>]*>", "\n", text)
    pieces = [" ".join(p.split()) for p in text.split("\n")]
    return [
        p
        for p in pieces
        if re.search(r"[A-Za-z]{2,}", p) and p not in NEUTRAL and not p.startswith(("<", "&"))
    ] + attributes


@pytest.mark.parametrize(
    "template", sorted(TEMPLATES.glob("**/*.html")), ids=lambda t: str(t.relative_to(TEMPLATES))
)
def test_every_template_marks_its_words_for_translation(template):
    """The whole interface is translatable: any English a page shows or a screen reader reads
    sits in a translate tag, so makemessages offers it to translators."""
    assert visible_untranslated(template) == []


@pytest.mark.parametrize("name", WELSH_TEMPLATES)
def test_every_string_of_the_welsh_pages_templates_is_translated(name):
    catalogue = {entry.msgid: entry for entry in polib.pofile(str(CATALOGUE))}
    template = TEMPLATES / name
    untranslated = [
        msgid
        for msgid in sorted(used_messages(template))
        if msgid not in catalogue
        or "fuzzy" in catalogue[msgid].flags
        or not (catalogue[msgid].msgstr or any(catalogue[msgid].msgstr_plural.values()))
    ]
    assert untranslated == []
    assert visible_untranslated(template) == []


def test_the_check_finds_english_outside_a_translate_tag(tmp_path):
    template = tmp_path / "page.html"
    template.write_text(
        '{% load i18n %}<h2>{% translate "Contents" %}</h2><p>Download it here</p>'
        '{% translate "The plan\'s owner" %}{% translate \'Say "yes"\' %}'
        '{% translate "May" context "month" %}{% rag_tag x hint=_("overridden") %}'
    )
    assert visible_untranslated(template) == ["Download it here"]
    assert used_messages(template) == {
        "Contents",
        "The plan's owner",
        'Say "yes"',
        "May",
        "overridden",
    }
    template.write_text(
        '<div aria-label="Actions of priority {{ n }}" title="{% translate "x" %}">'
    )
    assert visible_untranslated(template) == ["Actions of priority …"]


# Python modules whose words only the Welsh pages and documents show (forms and models
# shared with the members' pages are checked by the pages' own tests, test_welsh_form).
WELSH_MODULES = [
    "plans/selectors/narrative.py",
    "public/word.py",
    "public/selectors.py",
    "consultations/questions.py",
    "consultations/shown.py",
    "consultations/selectors/entered.py",
    "assessments/selectors.py",
    "core/documents/pdf.py",
    "core/templatetags/saferplan.py",
    "plans/templatetags/plan_tags.py",
    "plans/columns.py",
    "plans/models/choices.py",
    "reports/word/action_plan.py",
    "assessments/documents.py",
    "crimedata/comparisons.py",
]
TRANSLATING_CALLS = {"_", "gettext", "gettext_lazy", "gettext_noop", "ngettext", "ngettext_lazy"}


def module_messages(path: Path) -> set[str]:
    """The msgids a Python module asks for, as xgettext reads them."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
        position = 1 if name in ("pgettext", "pgettext_lazy", "npgettext") else 0
        if (name in TRANSLATING_CALLS or position) and len(node.args) > position:
            argument = node.args[position]
            if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                found.add(argument.value)
    return found


@pytest.mark.parametrize("name", WELSH_MODULES)
def test_every_message_of_the_welsh_pages_modules_is_translated(name):
    catalogue = {entry.msgid: entry for entry in polib.pofile(str(CATALOGUE))}
    assert module_messages(settings.BASE_DIR / name)
    untranslated = [
        msgid
        for msgid in sorted(module_messages(settings.BASE_DIR / name))
        if msgid not in catalogue
        or not (catalogue[msgid].msgstr or any(catalogue[msgid].msgstr_plural.values()))
    ]
    assert untranslated == []


def test_the_welsh_catalogue_holds_no_guesses():
    """makemessages marks as fuzzy a new message it guessed from an old one; msgfmt leaves
    fuzzy entries out, so a guess is either checked and its flag cleared, or emptied. Messages
    of the members' pages not yet in Welsh stay empty: Django shows their English, and those
    pages are drawn wholly in English (settings.WELSH_PAGES)."""
    catalogue = polib.pofile(str(CATALOGUE))
    assert [entry.msgid for entry in catalogue.fuzzy_entries()] == []
    assert [entry.msgid for entry in catalogue.obsolete_entries()] == []


def test_check_deploy_warns_while_the_welsh_is_not_compiled(tmp_path, settings):
    from saferplan.core.checks import translations_compiled

    catalogue = tmp_path / "cy" / "LC_MESSAGES" / "django.po"
    catalogue.parent.mkdir(parents=True)
    catalogue.write_text(CATALOGUE.read_text(encoding="utf-8"), encoding="utf-8")
    settings.LOCALE_PATHS = [tmp_path]
    assert [w.id for w in translations_compiled(None)] == ["saferplan.W003"]

    from scripts.compile_messages import compile_catalogue

    compile_catalogue(catalogue)
    assert translations_compiled(None) == []


PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


class _AnyValue(dict):
    def __missing__(self, key):
        return 1


def test_every_welsh_message_keeps_its_placeholders():
    """What msgfmt --check-format (and Poedit) check: a Python-format message's Welsh names
    the same %(name)s values as its English and formats without error, so no value is lost
    and no page fails to draw."""
    problems = []
    for entry in polib.pofile(str(CATALOGUE)):
        if "python-format" not in entry.flags or not entry.translated():
            continue
        forms = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        wanted = set(PLACEHOLDER.findall(entry.msgid + (entry.msgid_plural or "")))
        for form in forms:
            if set(PLACEHOLDER.findall(form)) != wanted and not (
                entry.msgid_plural and set(PLACEHOLDER.findall(form)) >= wanted - {"count"}
            ):
                problems.append(entry.msgid)
            try:
                form % _AnyValue()
            except (ValueError, TypeError, KeyError):
                problems.append(entry.msgid)
    assert problems == []


def test_no_translated_sentence_makes_its_plurals_in_english():
    """`{{ n|pluralize }}` (or saferplan's old `counted`) inside a blocktranslate adds an English "s" that Welsh (four plural
    forms, a singular noun after a number) cannot use: a count is `blocktranslate count`."""
    pluralized = [
        str(template.relative_to(TEMPLATES))
        for template in sorted(TEMPLATES.glob("**/*.html"))
        if re.search(
            r"{%\s*blocktranslate[^%]*\|(pluralize|counted)", template.read_text(encoding="utf-8")
        )
    ]
    assert pluralized == []
