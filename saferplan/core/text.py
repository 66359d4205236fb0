"""Text hygiene: the characters a person cannot mean to type, removed on the way in (forms,
the API, imported files) and again on the way out (Word and Excel files, for text stored
before they were removed on the way in). See docs/adr/0017-bounded-uploads-and-text-hygiene.md.

Kept: tab, line feed and carriage return. Word's manual line break (a vertical tab, as text
pasted from Word carries it) and page break (form feed) become a line feed. Removed: the
other C0 controls (NUL, bell, escape …), DEL, the C1 controls (U+0080-U+009F), lone
surrogates (a JSON body can carry "\\ud800") and the two non-characters U+FFFE and U+FFFF,
none of which XML (so Word, Excel and PDF) can hold.
"""

import codecs
import re
from typing import Any

from django.utils.translation import gettext as _

_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n"})
_UNWANTED = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def counted(number: int, singular: str, plural: str = "") -> str:
    """“1 priority”, “2 priorities”, “1,204 updates”: a count with its noun agreeing."""
    noun = singular if number == 1 else (plural or f"{singular}s")
    return f"{number:,} {noun}"


def clean_text(value: str) -> str:
    """`value` without control characters (line and page breaks kept as line breaks)."""
    if value.isprintable():  # the usual case, and the fastest way to say so
        return value
    return _UNWANTED.sub("", value.translate(_BREAKS))


def clean_data(value: Any) -> Any:
    """Every string in `value` (a string, or lists and dicts of them, as parsed JSON or a
    form's data is) cleaned; other values as they are."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [clean_data(item) for item in value]
    if isinstance(value, dict):
        return {key: clean_data(item) for key, item in value.items()}
    return value


class UploadTextError(ValueError):
    """An uploaded file that is not text saferplan can read; the message says what to do
    and is meant to follow the file's name (or "the file")."""


def _utf16_without_mark(sample: bytes) -> bool:
    """English text in UTF-16 has a zero in every other byte, on one side only (a binary
    file's zeros fall on both sides)."""
    half = len(sample) // 2
    if half < 2:
        return False
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    return max(even, odd) >= 0.4 * half and min(even, odd) <= 0.05 * half


def decode_upload(
    content: bytes, *, fallback: str | None = "cp1252", errors: str = "strict"
) -> str:
    """An uploaded text file (CSV, text, HTML) as text, without control characters.

    UTF-8 (with or without Excel's byte order mark); UTF-16 with a byte order mark (Excel's
    "Unicode text"); else `fallback` (Windows-1252, Excel's "CSV" on Windows) when given.
    UTF-16 without a byte order mark is refused with what to do instead, and so is a file
    holding NUL characters (binary data: a picture or a document renamed .csv).
    UploadTextError when the file is not readable text; its message follows the file's name."""
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = content.decode("utf-16")
        except UnicodeDecodeError:
            raise UploadTextError(
                # Translators: this and the other messages of an uploaded file that is not text
                # follow the file's name, or "the file": "plan.csv is saved as UTF-16: …".
                _("is saved as UTF-16: save as CSV UTF-8 (the file is damaged)")
            ) from None
    elif _utf16_without_mark(content[:4096]):
        raise UploadTextError(_("is saved as UTF-16: save as CSV UTF-8"))
    else:
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            if fallback is None:
                raise UploadTextError(_("is not UTF-8 text: save it as CSV UTF-8")) from None
            try:
                text = content.decode(fallback, errors=errors)
            except UnicodeDecodeError:
                raise UploadTextError(
                    _("is not text in UTF-8 or Windows-1252: save it as CSV UTF-8")
                ) from None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise UploadTextError(
            _("holds binary data, not text (a NUL character on line %(line)s)") % {"line": line}
        )
    return clean_text(text)


# Words common in Welsh and rare in English: enough of them marks a line as Welsh, so that a
# page can say so (lang="cy") and a screen reader pronounces it right.
# Words of Welsh public bodies' names ("Cyngor Sir Ddinbych", "Heddlu Gwent"), so that an
# organisation's Welsh name is read as Welsh; those never English are also Welsh-only.
NAME_WORDS_WELSH_ONLY = frozenset(
    {"cyngor", "bwrdeistref", "heddlu", "partneriaeth", "diogelwch", "cymunedol", "gwasanaeth"}
    | {"tân", "achub", "iechyd", "llywodraeth", "cymru"}
)
NAME_WORDS = NAME_WORDS_WELSH_ONLY | {"sir", "bwrdd", "cwm", "tref", "dinas"}
WELSH_WORDS = NAME_WORDS | frozenset(
    [
        "mae",
        "mae'r",
        "maer",
        "ddogfen",
        "dogfen",
        "hon",
        "hwn",
        "ar",
        "gael",
        "yn",
        "gymraeg",
        "cymraeg",
        "ac",
        "yr",
        "y",
        "o",
        "gyda",
        "ein",
        "eich",
        "os",
        "hoffech",
        "cysylltwch",
        "â",
        "ni",
        "fformatau",
        "fformat",
        "eraill",
        "ieithoedd",
        "bras",
        "iaith",
        "neu",
        "wybodaeth",
        "hefyd",
        "am",
        "copi",
        "rhagor",
        "ffoniwch",
        "e-bostiwch",
        "croeso",
        "i",
        "chi",
        "gohebu",
        "dderbyn",
    ]
)
WELSH_ONLY = NAME_WORDS_WELSH_ONLY | frozenset(
    [
        "mae",
        "mae'r",
        "maer",
        "ddogfen",
        "gael",
        "gymraeg",
        "cymraeg",
        "gyda",
        "hoffech",
        "cysylltwch",
        "fformatau",
        "eraill",
        "ieithoedd",
        "bras",
        "wybodaeth",
        "hefyd",
        "rhagor",
        "ffoniwch",
        "e-bostiwch",
        "croeso",
        "chi",
        "gohebu",
        "dderbyn",
    ]
)


def is_welsh(text: str) -> bool:
    """The text reads as Welsh ("Mae'r ddogfen hon ar gael yn Gymraeg")."""
    words = re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)?", text.lower().replace("’", "'"))
    if not words:
        return False
    welsh = [w for w in words if w in WELSH_WORDS]
    return len(welsh) >= 0.4 * len(words) and any(w in WELSH_ONLY for w in welsh)
