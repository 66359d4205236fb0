"""The last pages of Hertsmere's Partnership Plan 2023-2027 (seed 002) for the demo's published
plan: the partnership's achievements, read from the seed's text and written through the
services as a coordinator would type them. (Its contact details come with the plan's import:
public/contacts_text.py.)"""

import re

from saferplan.public import services as public_services
from saferplan.public.models import Achievement

ACHIEVEMENTS_HEADING = re.compile(r"^Partnership Achievements\s+(?P<period>\d{4}\s*[–-]\s*\d{4})$")
AIM = re.compile(r"^To (create|build|protect)\b")


def _blocks(text: str) -> list[str]:
    return [b.strip() for b in re.split(r"\n\s*\n", text) if b.strip()]


def _section(text: str, start: str, end: str) -> str:
    begin = text.index(start)
    return text[begin : text.index(end, begin + len(start))]


def achievements(seed_text: str) -> list[dict]:
    """Theme (the aim), title and paragraphs of each achievement, in the seed's order."""
    section = _section(seed_text, "Partnership Achievements", "Crime glossary")
    blocks = _blocks(section)
    period = ACHIEVEMENTS_HEADING.match(blocks[0])["period"].replace("-", "–")
    found: list[dict] = []
    theme = ""
    for block in blocks[1:]:
        if AIM.match(block) and len(block) < 120:
            theme = block
        elif len(block) < 90 and not block.endswith("."):
            found.append({"theme": theme, "title": block, "paragraphs": [], "period": period})
        elif found:
            paragraphs = found[-1]["paragraphs"]
            # A paragraph cut by a page break ("Before a mobile" / "camera is deployed …").
            if paragraphs and not paragraphs[-1].endswith((".", ":")):
                paragraphs[-1] = f"{paragraphs[-1]} {block}"
            else:
                paragraphs.append(block)
    return found


def load(*, actor, partnership, seed_text: str) -> None:
    for position, item in enumerate(achievements(seed_text), start=1):
        public_services.published_item_create(
            actor=actor,
            partnership=partnership,
            model=Achievement,
            theme=item["theme"],
            title=item["title"],
            text="\n\n".join(item["paragraphs"]),
            period=item["period"],
            position=position,
        )
