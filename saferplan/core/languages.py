"""The language of each paragraph a partnership writes (issue 24, deliverable 3), so that the
page marks it with `lang` and `dir` and a screen reader reads it in its own voice (WCAG 2.2,
3.1.2 Language of Parts).

A paragraph's language is, in order:

1. the one its writer gave it, as a language code in square brackets at its start:
   "[pl] Rada miejska …", "[ur] …" (the code is not shown);
2. the one its script says: Arabic script is Arabic (or Urdu, or Persian, by the letters
   only they use), Gurmukhi is Punjabi, Han is Chinese, Bengali, Devanagari, Gujarati,
   Tamil, Greek, Hebrew, Thai, Korean and Japanese likewise;
3. among Latin-script paragraphs, Welsh (core.text.is_welsh) and Polish (the letters only
   Polish uses among the languages councils translate into most);
4. otherwise the page's own language (English), and no attribute.

The direction comes from Django's table of languages (right to left for Arabic, Urdu,
Persian, Hebrew …). A script that several common languages share (Cyrillic) is not guessed:
its writer tags it."""

import re
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.conf.locale import LANG_INFO
from django.utils import translation

from .text import is_welsh

TAG = re.compile(r"\[(?P<code>[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\]\s*")

# (first, last code point, language) — the letters a script is recognised by.
SCRIPTS = [
    (0x0590, 0x05FF, "he"),
    (0x0600, 0x06FF, "ar"),
    (0x0750, 0x077F, "ar"),
    (0xFB50, 0xFDFF, "ar"),
    (0xFE70, 0xFEFF, "ar"),
    (0x0900, 0x097F, "hi"),
    (0x0980, 0x09FF, "bn"),
    (0x0A00, 0x0A7F, "pa"),
    (0x0A80, 0x0AFF, "gu"),
    (0x0B80, 0x0BFF, "ta"),
    (0x0E00, 0x0E7F, "th"),
    (0x0370, 0x03FF, "el"),
    (0x3040, 0x30FF, "ja"),
    (0xAC00, 0xD7AF, "ko"),
    (0x4E00, 0x9FFF, "zh"),
    (0x3400, 0x4DBF, "zh"),
]
URDU_ONLY = set("ٹڈڑںےۓھ")  # letters of Urdu's alphabet that Arabic and Persian do not use
PERSIAN_NOT_ARABIC = set("پچژگ")
POLISH_ONLY = set("ąćęłńśźż")
# Languages UK councils translate into that Django's table leaves out: (name, right to left).
MORE_LANGUAGES = {
    "zh": ("Chinese", False),
    "gu": ("Gujarati", False),
    "so": ("Somali", False),
    "ti": ("Tigrinya", False),
    "am": ("Amharic", False),
    "ps": ("Pashto", True),
    "ku": ("Kurdish", False),
    "yi": ("Yiddish", True),
    "sd": ("Sindhi", True),
}


def _info(code: str) -> tuple[str, bool] | None:
    """(name, right to left) of a language code, or None when it names no language known."""
    code = code.lower()
    if code in MORE_LANGUAGES:
        return MORE_LANGUAGES[code]
    info = LANG_INFO.get(code)
    if info is None:
        return None
    if "fallback" in info:
        info = LANG_INFO[info["fallback"][0]]
    return info["name"], bool(info.get("bidi"))


@dataclass(frozen=True)
class Paragraph:
    text: str
    lang: str = ""  # a BCP 47 code; empty when the paragraph is in the page's own language
    dir: str = ""  # "rtl" when it is written right to left; empty otherwise

    def __str__(self) -> str:
        return self.text

    @property
    def name(self) -> str:
        """The language's name in English ("Arabic"), for a document's metadata."""
        info = _info(self.lang)
        return info[0] if info else self.lang


def _script_language(text: str) -> str:
    counts: dict[str, int] = {}
    letters = 0
    for char in text:
        if not char.isalpha():
            continue
        letters += 1
        point = ord(char)
        for first, last, lang in SCRIPTS:
            if first <= point <= last:
                counts[lang] = counts.get(lang, 0) + 1
                break
    if not counts:
        return ""
    lang, count = max(counts.items(), key=lambda item: item[1])
    if count * 2 < letters:  # mostly Latin letters: a name or an address in another script
        return ""
    if lang == "ar":
        letters_used = set(text)
        if letters_used & URDU_ONLY:
            return "ur"
        if letters_used & PERSIAN_NOT_ARABIC:
            return "fa"
    return lang


def _latin_language(text: str) -> str:
    if is_welsh(text):
        return "cy"
    if sum(1 for char in text.lower() if char in POLISH_ONLY) >= 2:
        return "pl"
    return ""


def known(code: str) -> bool:
    """A language known by that code (en, cy, pl, zh-hans, pa, so …)."""
    return _info(code) is not None


class Text(str):
    """A `str` that knows the language it is written in (`lang`): the Welsh a partnership
    wrote for its Welsh page, a sentence saferplan wrote in Welsh."""

    lang = ""


def in_language(text: str, lang: str) -> Text:
    written = Text(text)
    written.lang = lang
    return written


def marked_on_page(paragraph: "Paragraph") -> str:
    """The language to mark a paragraph with in the page or document being drawn, "" when it
    is in that page's own language: on an English page any other language; on a Welsh page
    (the active language, ADR 0032) English ("en") and any other but Welsh."""
    if translation.get_language() == "cy":
        return "" if paragraph.lang == "cy" else (paragraph.lang or "en")
    return paragraph.lang


def written_in(text) -> str:
    """The language a text says it is in: a `str` that carries one (`lang`: the Welsh a
    partnership wrote for its Welsh page, public.welsh.Welsh), else ""."""
    return getattr(text, "lang", "") or ""


def paragraph(text: str, default: str = "") -> Paragraph:
    """One paragraph, its language tag (if any) taken off; `default` the language of a text
    known to be in one (its tag or script still win)."""
    default = default or written_in(text)
    text = unicodedata.normalize("NFC", str(text).strip())
    match = TAG.match(text)
    if match and known(match["code"]):
        lang = match["code"].lower()
        text = text[match.end() :]
    else:
        lang = _script_language(text) or default or _latin_language(text)
    if lang in ("en", "en-gb"):
        lang = ""
    info = _info(lang) if lang else None
    return Paragraph(text, lang, "rtl" if info and info[1] else "")


def _parts(text: str) -> list[str]:
    """The paragraphs as typed: blank lines between them, empty ones left out."""
    parts = str(text or "").replace("\r\n", "\n").split("\n\n")
    return [part for part in parts if part.strip()]


def paragraphs(text: str) -> list[Paragraph]:
    """Text typed with blank lines between paragraphs, each paragraph with its language."""
    default = written_in(text)
    return [paragraph(part, default) for part in _parts(text)]


def unknown_tags(text: str) -> list[str]:
    """The language tags at the start of a paragraph that name no language Django knows,
    for a form to refuse ("[xx]")."""
    found = []
    for part in _parts(text):
        match = TAG.match(part.strip())
        if match and not known(match["code"]):
            found.append(match.group(0).strip())
    return found


def tag_problem(text: str) -> str:
    """What a form says of a paragraph's tag that names no language; empty when none does."""
    unknown = unknown_tags(text)
    if not unknown:
        return ""
    return translation.gettext(
        "%(tags)s is not a language code: use one such as [pl] for Polish, [ur] for Urdu or [so] "
        "for Somali"
    ) % {"tags": ", ".join(unknown)}


# The partnership's own Welsh for texts of its plan (an aim, a priority's title), kept by the
# published plan (public.welsh registers how to read it: core and the apps below the public
# one cannot import it). A function (partnership, {key: english}) -> {key: welsh}.
_own_welsh = None


def register_own_welsh(reader) -> None:
    global _own_welsh
    _own_welsh = reader


def own_welsh(partnership, wanted: dict[str, str]) -> dict[str, str]:
    """The Welsh the partnership wrote and publishes for each wanted text, by its key
    ("plans.aim:3:text"); a text without it is left out."""
    if _own_welsh is None or not wanted:
        return {}
    return _own_welsh(partnership, wanted)


def stored_language():
    """`with stored_language():` — text saferplan writes into the database (an issued board
    report, a drafted assessment's findings, an imported plan's notes, a shared job's outcome)
    is in the installation's language, whatever the language of the page that caused it: other
    members read it in their own language's pages, where it is marked with its language."""
    return translation.override(settings.LANGUAGE_CODE)
