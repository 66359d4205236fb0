import functools
import html

from django import template
from django.forms.models import ModelChoiceIteratorValue
from django.utils import translation
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeData, SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from saferplan.core import contact_links, languages
from saferplan.core.submissions import TOKEN_FIELD, new_token

register = template.Library()


def escaped(value) -> SafeString:
    """conditional_escape(value), without the lazy-text wrapper Django puts around escape():
    a plan's table escapes thousands of values a page, and the wrapper was a third of it."""
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, SafeData):
        return value  # type: ignore[return-value]  # already escaped
    if hasattr(value, "__html__"):
        return value.__html__()
    return SafeString(html.escape(str(value)))


@register.filter
def audit_value(value) -> str:
    """An old or new value from the audit log, as a person reads it."""
    if value is None or value == "" or value == []:
        return "(none)"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return str(value)


# RAG as a GOV.UK tag: the word is always written; the colour only repeats it.
_RAG_TAGS = {
    "red": ("govuk-tag--red", _("Red")),
    "amber": ("govuk-tag--orange", _("Amber")),
    "green": ("govuk-tag--green", _("Green")),
    "white": ("sp-tag--white", _("White")),
}


@register.simple_tag
def rag_tag(rating, *, hint: str = ""):
    """`{% rag_tag action.current_rag %}`: an unrated item shows as White (not started).
    Built in Python rather than an inclusion template: a plan table shows hundreds."""
    if not hint:
        return _rag_tag_in(rating or "white", translation.get_language())
    css, label = _RAG_TAGS.get(rating or "white", _RAG_TAGS["white"])
    return format_html(
        '<strong class="govuk-tag {} sp-rag"><span class="govuk-visually-hidden">{} </span>{}{}</strong>',
        css,
        _("RAG rating:"),
        label,
        format_html('<span class="govuk-visually-hidden"> ({})</span>', hint),
    )


@functools.lru_cache(maxsize=32)
def _rag_tag_in(rating: str, language: str | None) -> SafeString:
    """A rating's tag without a hint, drawn once per language (`language` keys the cache: the
    words are translated when drawn)."""
    css, label = _RAG_TAGS.get(rating, _RAG_TAGS["white"])
    return format_html(
        '<strong class="govuk-tag {} sp-rag"><span class="govuk-visually-hidden">{} </span>{}</strong>',
        css,
        _("RAG rating:"),
        label,
    )


@register.filter
def rag_word(rating) -> str:
    """`{{ rating|rag_word }}`: the rating's word in the page's language (Red, Coch)."""
    return str(_RAG_TAGS.get(rating or "white", _RAG_TAGS["white"])[1])


@register.simple_tag
def marking_tag(marking):
    """Shows OFFICIAL-SENSITIVE; plain OFFICIAL, the default, needs no label."""
    if marking == "official_sensitive":
        return _sensitive_tag_in(translation.get_language())
    return ""


@functools.lru_cache(maxsize=8)
def _sensitive_tag_in(language: str | None) -> SafeString:
    """The OFFICIAL-SENSITIVE tag, drawn once per language (as _rag_tag_in)."""
    return format_html(
        '<strong class="govuk-tag govuk-tag--purple sp-marking">{}</strong>',
        _("OFFICIAL-SENSITIVE"),
    )


@register.filter
def short_date(day) -> str:
    """6 Oct 2019: the tables' date format, without the cost of Django's date filter (which
    a Welsh page needs, for the months' Welsh names: 6 Hyd 2019)."""
    if not day:
        return ""
    if translation.get_language() == "cy":
        return date_format(day, "j M Y")
    return f"{day.day} {day:%b %Y}"


_STATUS_TAGS = {
    "not_started": "govuk-tag--grey",
    "in_progress": "govuk-tag--teal",
    "complete": "govuk-tag--green",
    "discharged": "govuk-tag--purple",
    "draft": "govuk-tag--grey",
    "approved": "govuk-tag--teal",
    "published": "govuk-tag--green",
    "archived": "govuk-tag--purple",
}


@register.simple_tag
def status_class(status) -> str:
    return _STATUS_TAGS.get(status, "govuk-tag--grey")


@register.filter
def paragraphs(text) -> list[languages.Paragraph]:
    """Text typed with blank lines between paragraphs, as a list of paragraphs, each knowing
    its language (core.languages; its "[pl]" tag taken off). Each shows as its text."""
    return languages.paragraphs(text if isinstance(text, str) else str(text or ""))


@register.filter
def lang_attrs(paragraph) -> str:
    """lang="ar" dir="rtl" for a paragraph not in the page's language, to put in its tag:
    <p class="govuk-body"{{ paragraph|lang_attrs }}>."""
    if not isinstance(paragraph, languages.Paragraph):
        return ""
    lang = languages.marked_on_page(paragraph)
    if not lang:
        return ""
    attrs = format_html(' lang="{}"', lang)
    if paragraph.dir:
        attrs += format_html(' dir="{}"', paragraph.dir)
    return attrs


@register.filter
def lang_of(text) -> str:
    """lang_attrs for a short text a partnership typed (a priority's title, a glossary term)
    shown inside the page's own words: on a Welsh page, English text is marked as English."""
    return lang_attrs(languages.paragraph(text if isinstance(text, str) else str(text or "")))


@register.filter
def own_words(text):
    """A short text a partnership typed (an action's title, an owner), escaped; on a Welsh page
    in a <span> marked with its language when that is not Welsh (lang_of)."""
    attrs = own_words_lang(text)
    return format_html("<span{}>{}</span>", attrs, text) if attrs else escaped(text)


def own_words_in(message: str, *, plain: dict | None = None, **own) -> SafeString:
    """A translated message with the partnership's words (`own`) put in its %(name)s places,
    each marked with its language on a Welsh page (own_words), and saferplan's own values
    (`plain`: a count, a date) escaped: safe HTML for a heading or confirmation built in a
    view ("RAG rating of objective <span lang="en">…</span>"); `|striptags` for a <title>."""
    values = {name: conditional_escape(value) for name, value in (plain or {}).items()}
    values.update({name: own_words(value) for name, value in own.items()})  # each escaped
    return mark_safe(conditional_escape(message) % values)  # noqa: S308 - all parts escaped


@register.filter
def own_words_lang(text) -> str:
    """The language attributes of a partnership's own words on a Welsh page; "" on an English
    one (where its English needs no mark, and a table of hundreds of rows is spared the work).
    `<textarea{{ value|own_words_lang }}>`: a field holding what a partnership wrote."""
    return lang_of(text) if text and translation.get_language() == "cy" else ""


@register.filter
def option_lang(option) -> str:
    """A form's choice that is one of the partnership's records (an organisation, a group, an
    objective: a model choice) or whose label is a `languages.Text` (the partnership's words in
    a list of plain choices: the action table's priorities) is its own words, marked with their
    language on a Welsh page; saferplan's own choices are in the page's language already."""
    label = option.get("label")
    if isinstance(option.get("value"), ModelChoiceIteratorValue) or isinstance(
        label, languages.Text
    ):
        return own_words_lang(label)
    return ""


@register.filter
def thousands(number) -> str:
    """107,500: a count with thousands separated, as a person reads it."""
    return f"{number:,}" if isinstance(number, int) else ("" if number is None else str(number))


@register.filter
def phone_links(text) -> str:
    """A contact's telephone text with each number a tel: link (core/contact_links.py)."""
    return contact_links.phone_links(str(text or ""))


@register.filter
def web_href(address) -> str:
    return contact_links.web_href(str(address or ""))


@register.simple_tag
def submission_token() -> SafeString:
    """The hidden one-time token of a form drawn without a Django form, such as the buttons
    that start a background job (docs/adr/0027-forms-saved-once.md). A page holding it must
    not be served from a cache: everyone would send the same token."""
    return format_html('<input type="hidden" name="{}" value="{}">', TOKEN_FIELD, new_token())
