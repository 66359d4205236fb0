"""The last pages of Hertsmere's Partnership Plan 2023-2027 (seed 002) for the demo's published
plan: the partnership's achievements, read from the seed's text and written through the
services as a coordinator would type them. (Its contact details come with the plan's import:
public/contacts_text.py.)"""

import re

from saferplan.plans import services as plan_services
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


# The seed has no plain-language summary; this one, written for the demo from the seed's own
# aims and priorities, shows where a partnership's would go (issue 24, deliverable 5).
HERTSMERE_IN_BRIEF = """This plan says how the police, the council and other services in Hertsmere will work together to keep people safe from 2023 to 2027.

We asked people what worries them. 329 people answered our survey.

We will make places safer by tackling crime and anti-social behaviour.

We will protect people who are at risk of harm.

We will help people feel safer where they live.

Each year we choose what to work on first. In 2023 to 2024 this is: people who are exploited by criminals, knife crime, violence against women and girls, local support services, drugs, and anti-social behaviour.

If you need this plan in another language or format, call 020 8207 7445."""


def write_in_brief(*, actor, plan) -> None:
    plan_services.plan_update(actor=actor, plan=plan, plain_summary=HERTSMERE_IN_BRIEF)
