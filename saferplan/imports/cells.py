"""A table cell as the seeds hold it (text with HTML lists, paragraphs, bold, sup) read
into items: each bullet or paragraph one item, in order, as plain text."""

import html
import re
from dataclasses import dataclass

from bs4 import BeautifulSoup, NavigableString, Tag

BULLETS = re.compile(r"^\s*(?:[•○●◦▪·\-–*]|\d+[.)])\s+")
SPACE = re.compile(r"\s+")


@dataclass
class Item:
    text: str
    kind: str  # "bullet", "para" or "text"


def plain(fragment: str) -> str:
    """The cell's words without markup, spaces folded."""
    if "<" not in fragment and "&" not in fragment:
        return SPACE.sub(" ", fragment).strip()
    return SPACE.sub(" ", BeautifulSoup(fragment, "html.parser").get_text(" ")).strip()


def _text(node) -> str:
    text = node.get_text(" ") if isinstance(node, Tag) else str(node)
    text = SPACE.sub(" ", html.unescape(text)).strip()
    # "10 th February": <sup>th</sup> split from its number
    text = re.sub(r"\b(\d{1,2}) (st|nd|rd|th)\b", r"\1\2", text)
    return BULLETS.sub("", text).strip()


def items(fragment: str) -> list[Item]:
    """Bullets of lists, paragraphs and loose text, in document order; empty ones dropped."""
    if "<" not in fragment:
        text = _text(fragment)
        return [Item(text, "text")] if text else []
    soup = BeautifulSoup(fragment, "html.parser")
    found: list[Item] = []
    loose: list[str] = []

    def flush() -> None:
        raw = " ".join(loose)
        text = _text(raw)
        loose.clear()
        if text:
            # A line typed with its bullet ("· Police" after Alt+Enter in Excel) is a bullet.
            found.append(Item(text, "bullet" if BULLETS.match(html.unescape(raw)) else "text"))

    for node in soup.contents:
        if isinstance(node, Tag) and node.name in {"ul", "ol"}:
            flush()
            for li in node.find_all("li"):
                text = _text(li)
                if text:
                    found.append(Item(text, "bullet"))
        elif isinstance(node, Tag) and node.name in {"p", "div"}:
            flush()
            text = _text(node)
            if text:
                found.append(Item(text, "para"))
        elif isinstance(node, Tag) and node.name == "br":
            flush()
        else:
            loose.append(str(node) if isinstance(node, NavigableString) else node.get_text(" "))
    flush()
    return found
