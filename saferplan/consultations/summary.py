"""The results in sentences, as seed 002 wrote them by hand: "Over 90% of respondents
thought priorities 1, 2, 3, 5 and 6 were relevant and just under 20% of respondents didn't
think priority 4 was relevant."

Percentages are rounded in words the way a report would: to the step of five below
("over 90%"), or "just under" the step above when within two points of it.
"""

from datetime import date

from django.utils import translation

from . import rounding, summary_cy


def _welsh() -> bool:
    return translation.get_language() == "cy"


NUMBER_WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
# A priority this share of respondents found relevant goes in the sentence of the well
# supported ones; each of the others is described by the share that did not.
WELL_SUPPORTED = 90.0


def in_words(number: int) -> str:
    return NUMBER_WORDS[number] if 0 <= number < len(NUMBER_WORDS) else f"{number:,}"


def percent_phrase(value: float) -> str:
    """92.4 → "over 90%", 19.5 → "just under 20%", 15.0 → "15%", 2.0 → "under 5%"."""
    kind, number = rounding.share(value)
    return f"{number}%" if kind == "exactly" else f"{kind} {number}%"


def at_least_phrase(value: float) -> str:
    """The floor of a group: every member had at least `value`."""
    kind, number = rounding.floor_share(value)
    return f"{number}% or more" if kind == "or more" else f"over {number}%"


def number_list(numbers: list[int]) -> str:
    """[1, 2, 3, 5, 6] → "1, 2, 3, 5 and 6"."""
    words = [str(n) for n in numbers]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _capitalise(sentence: str) -> str:
    return sentence[:1].upper() + sentence[1:]


def relevance_sentence(results, noun: str, plural: str) -> str | None:
    """One sentence on how relevant respondents found the aims or priorities (`noun`)."""
    if _welsh():
        return summary_cy.relevance_sentence(results, noun, WELL_SUPPORTED)
    answered = [r for r in results if r.answered]
    if not answered:
        return None
    high = [r for r in answered if r.percent_relevant >= WELL_SUPPORTED]
    low = [r for r in answered if r.percent_relevant < WELL_SUPPORTED]
    clauses = []
    if high and not low and len(high) > 1:
        floor = at_least_phrase(min(r.percent_relevant for r in high))
        clauses.append(
            f"{floor} of respondents agreed that each of the {in_words(len(high))} {plural} was relevant"
        )
    elif high:
        floor = at_least_phrase(min(r.percent_relevant for r in high))
        several = len(high) > 1
        clauses.append(
            f"{floor} of respondents thought {plural if several else noun} "
            f"{number_list([r.number for r in high])} {'were' if several else 'was'} relevant"
        )
    for result in low:
        share = percent_phrase(result.percent_not_relevant)
        clauses.append(f"{share} of respondents didn't think {noun} {result.number} was relevant")
    sentence = clauses[0] if len(clauses) == 1 else ", ".join(clauses[:-1]) + " and " + clauses[-1]
    return _capitalise(sentence) + "."


def respondents_sentence(*, respondents: int, opens_on: date, closes_on: date, today: date) -> str:
    if _welsh():
        return summary_cy.respondents_sentence(
            respondents=respondents, opens_on=opens_on, closes_on=closes_on, today=today
        )
    weeks = rounding.weeks(opens_on, closes_on)
    duration = f"{in_words(weeks)} week{'s' if weeks != 1 else ''}"
    people = f"{respondents:,} {'person' if respondents == 1 else 'people'}"
    if today <= closes_on:
        return (
            f"So far {people} {'has' if respondents == 1 else 'have'} responded to the "
            f"consultation, which is open until {closes_on:%-d %B %Y}."
        )
    return (
        f"In total {people} responded to the consultation, which ran for {duration} "
        f"from {opens_on:%B %Y}."
    )


def comments_sentence(answered: int, about: str) -> str | None:
    if not answered:
        return None
    if _welsh():
        return summary_cy.comments_sentence(answered, about)
    people = f"{answered:,} {'person' if answered == 1 else 'people'}"
    return f"{people} {about}."
