"""Text hygiene: the characters a person cannot mean to type, removed on the way in (forms,
the API, imported files) and again on the way out (Word and Excel files, for text stored
before they were removed on the way in). See docs/adr/0017-bounded-uploads-and-text-hygiene.md.

Kept: tab, line feed and carriage return. Word's manual line break (a vertical tab, as text
pasted from Word carries it) and page break (form feed) become a line feed. Removed: the
other C0 controls (NUL, bell, escape …), DEL, the C1 controls (U+0080-U+009F), lone
surrogates (a JSON body can carry "\\ud800") and the two non-characters U+FFFE and U+FFFF,
none of which XML (so Word, Excel and PDF) can hold.
"""

import re
from typing import Any

_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n"})
_UNWANTED = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


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
