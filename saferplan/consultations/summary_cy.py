"""The results in Welsh sentences (the published plan's "Beth ddywedoch chi wrthym"), written
for Welsh grammar rather than translated word by word: numbers as digits (so no mutation of a
number word is needed), a noun after a number in the singular ("6 blaenoriaeth"), "ac" before
a number said with a vowel ("1 ac 8"), clauses joined by a semicolon. Each sentence knows it is
Welsh (core.languages.Text), so the page does not mark it as another language."""

from datetime import date

from django.utils.formats import date_format

from saferplan.core.languages import Text, in_language

from . import rounding

NOUNS = {"aim": ("nod", "nodau"), "priority": ("blaenoriaeth", "blaenoriaethau")}


def _sentence(text: str) -> Text:
    return in_language(text[:1].upper() + text[1:] + ".", "cy")


def people(count: int) -> str:
    return "1 person" if count == 1 else f"{count:,} o bobl"


def number_list(numbers: list[int]) -> str:
    """[1, 2, 3, 5, 6] → "1, 2, 3, 5 a 6"; "ac" before a number said with a vowel (un, wyth:
    1, 8, 10 to 19 "un deg …", 80 to 89 "wyth deg …")."""
    words = [str(n) for n in numbers]
    if len(words) == 1:
        return words[0]
    last = words[-1]
    joiner = "ac" if last[0] in "18" else "a"
    return ", ".join(words[:-1]) + f" {joiner} {last}"


PHRASES = {
    "exactly": "{}%",
    "just under": "ychydig o dan {}%",
    "under": "llai na {}%",
    "over": "dros {}%",
}


def percent_phrase(value: float) -> str:
    """92.4 → "dros 90%", 19.5 → "ychydig o dan 20%", 15.0 → "15%", 2.0 → "llai na 5%"."""
    kind, number = rounding.share(value)
    return PHRASES[kind].format(number)


def at_least_phrase(value: float) -> str:
    kind, number = rounding.floor_share(value)
    return f"{number}% neu fwy" if kind == "or more" else f"dros {number}%"


def respondents_sentence(*, respondents: int, opens_on: date, closes_on: date, today: date) -> Text:
    weeks = rounding.weeks(opens_on, closes_on)
    if today <= closes_on:
        return _sentence(
            f"hyd yma mae {people(respondents)} wedi ymateb i'r ymgynghoriad, sydd ar agor tan "
            f"{date_format(closes_on, 'j F Y')}"
        )
    return _sentence(
        f"ymatebodd {people(respondents)} i'r ymgynghoriad, a gynhaliwyd am {weeks} wythnos o "
        f"{date_format(opens_on, 'F Y')} ymlaen"
    )


def relevance_sentence(results, noun: str, high_at: float) -> Text | None:
    """As summary.relevance_sentence, in Welsh: the well supported together, each of the
    others by the share that did not find it relevant."""
    answered = [r for r in results if r.answered]
    if not answered:
        return None
    one, many = NOUNS[noun]
    high = [r for r in answered if r.percent_relevant >= high_at]
    low = [r for r in answered if r.percent_relevant < high_at]
    clauses = []
    if high and not low and len(high) > 1:
        floor = at_least_phrase(min(r.percent_relevant for r in high))
        clauses.append(
            f"roedd {floor} o'r ymatebwyr yn cytuno bod pob un o'r {len(high)} {one} yn berthnasol"
        )
    elif high:
        floor = at_least_phrase(min(r.percent_relevant for r in high))
        named = many if len(high) > 1 else one
        numbers = number_list([r.number for r in high])
        clauses.append(f"roedd {floor} o'r ymatebwyr o'r farn bod {named} {numbers} yn berthnasol")
    for result in low:
        share = percent_phrase(result.percent_not_relevant)
        clauses.append(
            f"nid oedd {share} o'r ymatebwyr o'r farn bod {one} {result.number} yn berthnasol"
        )
    return _sentence("; ".join(clauses))


def entered_relevance_sentence(rows, noun: str) -> Text | None:
    """As selectors.entered.entered_relevance_sentence, in Welsh, from the figures as entered
    ("dros 90%")."""
    if not rows:
        return None
    one, many = NOUNS[noun]
    groups: dict = {}
    for row in rows:
        groups.setdefault((row.qualifier, row.percent), []).append(row)
    ordered = sorted(groups.values(), key=lambda g: -g[0].percent)
    if len(ordered) == 1 and len(rows) > 1:
        return _sentence(
            f"roedd {rows[0].phrase} o'r ymatebwyr yn cytuno bod pob un o'r {len(rows)} {one} "
            "yn berthnasol"
        )
    clauses = []
    for position, group in enumerate(ordered):
        named = many if len(group) > 1 else one
        numbers = number_list([r.number for r in group])
        who = "o'r ymatebwyr " if position == 0 else ""
        clauses.append(f"roedd {group[0].phrase} {who}o'r farn bod {named} {numbers} yn berthnasol")
    return _sentence("; ".join(clauses))


COMMENTS = {
    "commented on the aims": "gwnaeth {people} sylwadau ar y nodau",
    "said what more the partnership could do": "dywedodd {people} beth arall y gallai'r bartneriaeth ei wneud",
    "wrote comments or suggestions": "ysgrifennodd {people} sylwadau neu awgrymiadau",
}


def comments_sentence(answered: int, about: str) -> Text | None:
    if not answered:
        return None
    return _sentence(COMMENTS[about].format(people=people(answered)))
