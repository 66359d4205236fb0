"""The Welsh catalogue (saferplan/locale/cy/LC_MESSAGES/django.po) and the interface's words
(issue 24, deliverable 4): every template marks its words for translation, every message of
every template and module has its Welsh, no guesses, placeholders kept, plurals made for
Welsh's four forms."""

import ast
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils.translation.template import templatize

CATALOGUE = settings.BASE_DIR / "locale" / "cy" / "LC_MESSAGES" / "django.po"
TEMPLATES = settings.BASE_DIR / "templates"
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


def _has_welsh(entry) -> bool:
    return bool(entry.msgstr or any(entry.msgstr_plural.values()))


@pytest.mark.parametrize(
    "template", sorted(TEMPLATES.glob("**/*.html")), ids=lambda t: str(t.relative_to(TEMPLATES))
)
def test_every_message_of_every_template_has_its_welsh(template):
    """makemessages was run after the template changed, and its Welsh written: otherwise
    the Welsh page shows the English of the messages the catalogue lacks."""
    catalogue = {entry.msgid: entry for entry in polib.pofile(str(CATALOGUE))}
    missing = [m for m in sorted(used_messages(template)) if m not in catalogue]
    untranslated = [
        m for m in used_messages(template) if m in catalogue and not _has_welsh(catalogue[m])
    ]
    assert missing == []
    assert untranslated == []


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


MODULES = sorted(
    path
    for path in settings.BASE_DIR.glob("**/*.py")
    if "tests" not in path.parts and "migrations" not in path.parts
)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(settings.BASE_DIR)))
def test_every_message_of_every_module_has_its_welsh(path):
    catalogue = {entry.msgid: entry for entry in polib.pofile(str(CATALOGUE))}
    messages = module_messages(path)
    assert [m for m in sorted(messages) if m not in catalogue] == []
    assert [m for m in sorted(messages) if not _has_welsh(catalogue[m])] == []


def test_the_welsh_catalogue_holds_no_guesses():
    """makemessages marks as fuzzy a new message it guessed from an old one; msgfmt leaves
    fuzzy entries out, so a guess is either checked and its flag cleared, or emptied."""
    catalogue = polib.pofile(str(CATALOGUE))
    assert [entry.msgid for entry in catalogue.fuzzy_entries()] == []
    assert [entry.msgid for entry in catalogue.obsolete_entries()] == []


def test_every_message_has_its_welsh():
    """Every page is Welsh at its Welsh address (settings.PAGES_NOT_IN_WELSH is empty), so every
    message of the interface has its Welsh: a new message without it fails here (run
    makemessages, write its Welsh in django.po)."""
    catalogue = polib.pofile(str(CATALOGUE))
    assert [entry.msgid for entry in catalogue.untranslated_entries()] == []


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
        for index, form in enumerate(forms):
            found = set(PLACEHOLDER.findall(form))
            # the form for one may leave the number out, as English does ("The newest month")
            if found != wanted and not (index == 0 and found >= wanted - {"count", "counter"}):
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
