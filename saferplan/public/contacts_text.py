"""The "Useful contact details" of a plan document, read into contacts: each organisation's
name on a line of its own, then its email, telephone numbers and website, found by what they
are (an address with @, a number, a web address) whether or not the council marked them
with ✉ ☎ 🌐 or "Tel:" and "Website:" as seed 002 does. A line that is none of these is a
label for the number after it ("Borehamwood Fire Station"), or a note."""

import re
from dataclasses import dataclass, field

from saferplan.core.contact_links import PHONE

# Bounded (a label is 63 characters at most, a local part 64) and only tried on lines of at
# most LINE characters: unbounded, these took seconds on one long hostile line.
EMAIL = re.compile(r"[\w.+'-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}")
WEB = re.compile(
    r"(?:https?://|www\.)\S{1,300}|\b[\w-]{1,63}(?:\.[\w-]{1,63}){0,8}\.(?:uk|org|com|net|gov)"
    r"(?:/\S{0,300})?\b"
)
LINE = 300
MARKERS = re.compile(r"^(?:[-•*]\s*)?(?:[✉☎🌐📞📧]\uFE0F?\s*)?", re.UNICODE)
LABEL = re.compile(r"^(?:e-?mail|tel(?:ephone)?|phone|website|web)\s*:\s*", re.I)


@dataclass
class ContactRead:
    name: str
    email: str = ""
    phone: list[str] = field(default_factory=list)
    website: str = ""
    notes: list[str] = field(default_factory=list)


def read_contacts(text: str) -> list[ContactRead]:
    found: list[tuple[ContactRead, list[str]]] = []
    for block in (b.strip() for b in re.split(r"\n\s*\n", text) if b.strip()):
        lines = [" ".join(line.split())[:LINE] for line in block.splitlines() if line.strip()]
        if not _detail(lines[0]) and not lines[0].startswith("- "):
            found.append((ContactRead(name=lines[0][:200]), []))
            lines = lines[1:]
        if found:  # (details before any name have nobody to belong to)
            found[-1][1].extend(lines)
    for contact, lines in found:
        _details(contact, lines)
    return [contact for contact, _ in found]


def _detail(line: str) -> bool:
    return bool(EMAIL.search(line) or PHONE.search(line) or WEB.search(line))


def _details(contact: ContactRead, lines: list[str]) -> None:
    label = ""
    for position, raw in enumerate(lines):
        line = LABEL.sub("", MARKERS.sub("", raw)).strip()
        following = lines[position + 1] if position + 1 < len(lines) else ""
        if (email := EMAIL.search(line)) and not contact.email:
            contact.email = email.group(0)
        elif PHONE.search(line):
            contact.phone.append(f"{label} {line}".strip())
            label = ""
        elif (web := WEB.search(line)) and not contact.website:
            contact.website = LABEL.sub("", web.group(0))
        elif PHONE.search(following) and not EMAIL.search(following):
            label = line  # "Borehamwood Fire Station", then its number
        elif contact.phone:
            contact.phone[-1] = f"{contact.phone[-1]}; {line}"  # "or 999 in an emergency"
        elif line:
            contact.notes.append(line)
