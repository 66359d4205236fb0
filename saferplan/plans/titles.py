"""Next year's title for a plan made by the annual refresh: the years in it moved on by one."""

import re

# The last year or pair of years in a title: "2019 - 2020", "2024-25", "2024/25", "2024 to
# 2025", "2019–20" or a lone "2024". The second year may be written in two digits.
YEARS = re.compile(
    r"(?<!\d)(?P<first>(?:19|20)\d\d)"
    r"(?:(?P<between>\s*(?:[-/–—]|to)\s*)(?P<second>(?:19|20)\d\d|\d\d))?(?!\d)"
)


def title_for_next_year(title: str) -> str | None:
    """The title with its (last) years moved on by one year, or None when it names no year:
    "… Action Plan 2019 - 2020" → "… Action Plan 2020 - 2021", "2024-25" → "2025-26",
    "2024/25" → "2025/26"."""
    found = list(YEARS.finditer(title))
    if not found:
        return None
    years = found[-1]
    moved = str(int(years["first"]) + 1)
    if years["second"]:
        second = int(years["second"]) + 1
        width = len(years["second"])
        moved += years["between"] + (f"{second % 100:02d}" if width == 2 else str(second))
    return title[: years.start()] + moved + title[years.end() :]
