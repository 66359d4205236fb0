"""The last pages of Hertsmere's Partnership Plan 2023-2027 (seed 002) for the demo's published
plan: the partnership's achievements and its useful contact details, read from the seed's
text and written through the services as a coordinator would type them."""

import re

from saferplan.public import services as public_services
from saferplan.public.models import Achievement, Contact

ACHIEVEMENTS_HEADING = re.compile(r"^Partnership Achievements\s+(?P<period>\d{4}\s*[–-]\s*\d{4})$")
AIM = re.compile(r"^To (create|build|protect)\b")
EMAIL, PHONE, WEB = "✉", "☎", "🌐"


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


def contacts(seed_text: str) -> list[dict]:
    """Name, email, telephone and website of each contact in the seed's contact pages."""
    # The last heading of that name: the first is in the contents list.
    section = seed_text[seed_text.rindex("Useful contact details") :]
    found: list[dict] = []
    for block in _blocks(section)[1:]:
        if not block.startswith("- "):
            found.append({"name": block, "email": "", "phone": [], "website": "", "notes": []})
            continue
        contact = found[-1]
        lines = [" ".join(line.removeprefix("- ").split()) for line in block.splitlines()]
        label = ""
        for position, line in enumerate(lines):
            following = lines[position + 1] if position + 1 < len(lines) else ""
            if line.startswith(EMAIL):
                contact["email"] = line.removeprefix(EMAIL).strip()
            elif line.startswith(WEB):
                contact["website"] = line.removeprefix(WEB).strip().removeprefix("Website:").strip()
            elif PHONE in line:
                number = line.replace(PHONE, "").strip()
                contact["phone"].append(f"{label} {number}".strip())
                label = ""
            elif following.startswith(PHONE):
                label = line  # "Borehamwood Fire Station", then its number
            elif contact["phone"]:
                contact["phone"][-1] = f"{contact['phone'][-1]}; {line}"  # "or 999 in an emergency"
            else:
                contact["notes"].append(line)
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
    for position, item in enumerate(contacts(seed_text), start=1):
        public_services.published_item_create(
            actor=actor,
            partnership=partnership,
            model=Contact,
            name=item["name"],
            email=item["email"],
            phone="; ".join(item["phone"]),
            website=item["website"],
            notes="\n".join(item["notes"]),
            position=position,
        )
