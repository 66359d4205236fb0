"""Path converters for a fixed set of words (file formats, section names): any other word
in that place is not a page (404), before a view runs."""

import re

from django.urls import register_converter


class _Choice:
    regex: str

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


def register_choices(name: str, *choices: str) -> None:
    """`<name:...>` in a path matches exactly one of `choices`."""
    converter = type(
        f"{name.title()}Converter", (_Choice,), {"regex": "|".join(map(re.escape, choices))}
    )
    register_converter(converter, name)
