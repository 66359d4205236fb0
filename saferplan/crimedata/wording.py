"""Sentences saferplan writes about figures with other people's words inside them: a police
force's or a crime type's name (police.uk's, which stay English), a series' or a
partnership's name (the partnership's own words).

A `Sentence` is the plain text (a `str`: what a CSV, the API, a Word document, an issued board
report or the command line take) which, printed in a template, is HTML with each such name
marked with its language on a Welsh page (core's `own_words`), so that a screen reader reads
it in its own voice (WCAG 2.2, 3.1.2)."""

from typing import Any

from django.utils.safestring import SafeString

from saferplan.core.templatetags.saferplan import own_words_in


class Sentence(str):
    """`message % values` as text; as HTML (`__html__`), the values named in `own` marked with
    their language (own_words) and every other value escaped. `message` is translated already;
    a value may itself be a Sentence, whose marks it keeps."""

    html: SafeString

    def __new__(cls, message: str, *, own: dict | None = None, **values: Any) -> "Sentence":
        own = own or {}
        sentence = super().__new__(cls, str(message) % {**values, **own})
        sentence.html = own_words_in(message, plain=values, **own)
        return sentence

    def __html__(self) -> SafeString:
        return self.html

    def __reduce__(self):
        """Pickled (a cache) as the plain text."""
        return str, (str(self),)

    @classmethod
    def joined(cls, *parts: str, separator: str = " ") -> "Sentence":
        """Sentences (or plain text) one after another, each keeping its marks; empty parts
        are left out."""
        kept = [part for part in parts if part]
        message = separator.replace("%", "%%").join(f"%(part{n})s" for n in range(len(kept)))
        parts_by_name: dict[str, Any] = {f"part{n}": part for n, part in enumerate(kept)}
        return cls(message, **parts_by_name)
