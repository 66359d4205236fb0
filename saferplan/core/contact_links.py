"""Telephone numbers and web addresses as links a reader can follow (a phone dials a tel:
link; a screen reader announces a link), written as people type them in contact details:
"Adviceline (England) 03444 111 444; Citizens Advice consumer helpline 0808 223 1133",
"Non-emergency number 101; or 999 in an emergency", "www.hertshelp.net"."""

import re

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

# A UK number (0 or +44, then 9 or 10 digits with spaces), or a short service number. The
# digits may not run on into a longer number or a word ("option3" is not a number).
PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+44\s?\(?0?\)?\s?|0)\d(?:[\s-]?\d){8,10}|10[15]|111|999|112)(?![\w])"
)
WEB_SCHEME = re.compile(r"^https?://", re.I)
# What a typed web address may hold: no spaces, quotes or angle brackets, no "javascript:".
WEB_ADDRESS = re.compile(r"^(?:https?://)?[\w.-]+\.[a-z]{2,}(?:[/?#][^\s\"'<>]*)?$", re.I)


def tel_href(number: str) -> str:
    digits = re.sub(r"[^\d+]", "", number)
    if digits.startswith("+44"):
        digits = "+44" + digits[3:].removeprefix("0")
    elif digits.startswith("0"):
        digits = "+44" + digits[1:]
    return f"tel:{digits}"


def phone_links(text: str) -> SafeString:
    """The text, escaped, with each telephone number in it a tel: link."""
    parts, end = [], 0
    for found in PHONE.finditer(text):
        parts.append(conditional_escape(text[end : found.start()]))
        number = found.group(0)
        parts.append(
            format_html('<a class="govuk-link" href="{}">{}</a>', tel_href(number), number)
        )
        end = found.end()
    parts.append(conditional_escape(text[end:]))
    return mark_safe("".join(parts))  # noqa: S308 - every part escaped above


def web_href(address: str) -> str:
    """The address to link to ("https://" added to "www.…"), or "" when it is not one."""
    address = address.strip()
    if not WEB_ADDRESS.match(address):
        return ""
    return address if WEB_SCHEME.match(address) else f"https://{address}"
