"""A county's comparison table, as an analyst copies it from the county's strategic
assessment (issue 23, deliverable 7): each category's figure for a period beside the period
before, read into the two figures of a custom series.

Two shapes are read, line by line, both as they come out of a Word or PDF report:

- the county's sentences (seed 002, Hertfordshire): "Robbery 67 offences, 16 more 31.4%",
  "Assault with injury 646 offences, 13 less -2%", "Drug trafficking 24 offences, same as last
  year": the figure, its unit, and the difference from which the year before is worked back;
- a table's rows, cells separated by tabs or spaces: "Burglary 412 389 -23 -5.6%", after a
  header that names the two periods ("Crime type 2021/22 2022/23 Change % change"), which
  says which count is which.

A line without figures is a heading and is passed over ("Crime increase"). A percentage or a
difference given in the table is checked against the two counts, so a row pasted into the
wrong line, or a count mistyped, is refused rather than saved: every line that cannot be
read, or does not add up, is named with its number, and nothing is saved."""

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .periods import Period

UNITS = {
    "offences": "offences",
    "offence": "offences",
    "crimes": "offences",
    "crime": "offences",
    "incidents": "incidents",
    "incident": "incidents",
    "people": "people",
    "victims": "people",
}
SENTENCE = re.compile(
    r"(?P<name>.+?)\s+(?P<count>\d[\d,]*)\s+(?P<unit>[a-z]+),?\s+"
    r"(?:(?P<difference>\d[\d,]*)\s+(?P<word>less|fewer|lower|more|higher)"
    r"(?:\s+(?P<percent>[-+−]?\d+(?:\.\d+)?)%)?"
    r"|(?P<same>same as last year|no change))",
    re.IGNORECASE,
)
# A cell that is a figure: 1,234 / -23 / +5.6% / (−4%)
FIGURE = re.compile(r"\(?(?P<sign>[-+−]?)(?P<number>\d[\d,]*(?:\.\d+)?)(?P<percent>%?)\)?")
MINUS = "-−"


@dataclass(frozen=True)
class TableRow:
    line: int
    name: str
    unit: str  # a SeriesUnit value
    value: int  # the figure of the period
    against: int  # of the period before


def _number(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def period_names(period: Period) -> list[str]:
    """How a header may name the period, longest first (2022/23 is found before 2022): 2022
    for a calendar year; 2022/23, 2022-23, 2022/2023 for a financial year or months of one
    (Stockton's "April - May 2014/15"); else as typed or in words."""
    names = []
    # the financial year (April to March) the period starts in, if it ends in it too
    first = period.start.year if period.start.month >= 4 else period.start.year - 1
    if period.end <= date(first + 1, 3, 1):
        start, end = first, first + 1
        names += [
            f"{start}/{end}",
            f"{start}-{end}",
            f"{start}/{end % 100:02d}",
            f"{start}-{end % 100:02d}",
        ]
    if period.start.month == 1 and period.length == 12:
        names.append(str(period.start.year))
    return [*names, str(period), period.label]


def _position(header: str, period: Period) -> int | None:
    for name in period_names(period):
        found = header.find(name)
        if found >= 0:
            return found
    return None


def _percent_agrees(stated: Decimal, value: int, against: int) -> bool:
    """The percentage as the table gives it, to as many decimal places as it gives, equals the
    change worked out from the two counts; a fall given without its minus sign is a fall."""
    if against == 0:
        return True  # a rise from nothing has no percentage to check
    places = max(0, -stated.as_tuple().exponent)  # type: ignore[operator]
    exact = Decimal(value - against) * 100 / Decimal(against)
    rounded = exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return rounded == stated if stated < 0 else abs(rounded) == stated


def _signed(text: str) -> Decimal:
    """-2, −2 or +2 as a number."""
    sign = -1 if text[0] in MINUS else 1
    return sign * _number(text.lstrip("+" + MINUS))


EMPTY_CELLS = {"/", "|", "-", "–", "—", "n/a", "*"}  # a separator, or a cell with no figure


def _figures(line: str) -> tuple[str, list[tuple[Decimal, bool]]]:
    """The name, and the figures at the end of the line (value, is a percentage), passing
    over separators and empty cells ("Homicide / 0 / 0 / 0 / -")."""
    tokens = line.split()
    figures: list[tuple[Decimal, bool]] = []
    while tokens:
        if tokens[-1].lower() in EMPTY_CELLS:
            tokens.pop()
        elif match := FIGURE.fullmatch(tokens[-1]):
            figures.insert(0, (_signed(match["sign"] + match["number"]), bool(match["percent"])))
            tokens.pop()
        else:
            break
    return " ".join(tokens).strip(" :–-/|"), figures


@dataclass
class Table:
    rows: list[TableRow] = field(default_factory=list)
    passed_over: list[int] = field(default_factory=list)  # the lines read as headings


def read_comparison_table(
    text: str, *, period: Period, against: Period, unit: str = "offences"
) -> Table:
    """The rows of the table, and the lines passed over as headings; a ValidationError naming
    every line that cannot be read."""
    table = Table()
    rows = table.rows
    errors: list[str] = []
    seen: dict[str, int] = {}
    order: tuple[str, str] | None = None  # the header's order of the two counts
    header = ""  # the heading lines since the last row: a header may run over two lines
    years = {period.start.year, period.end.year, against.start.year, against.end.year}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.replace("\u00a0", " ").strip()
        if not line:
            continue
        # Every message names the line: "Line 4 (“Robbery 67 offences, 16 more 31.4%”): …".
        where = {"line": number, "text": line[:60] + ("…" if len(line) > 60 else "")}
        row = None
        sentence = SENTENCE.fullmatch(line)
        if sentence and sentence["unit"].lower() in UNITS:
            value = int(_number(sentence["count"]))
            difference = 0 if sentence["same"] else int(_number(sentence["difference"]))
            fewer = (sentence["word"] or "").lower() in ("less", "fewer", "lower")
            before = value + difference if fewer else value - difference
            if before < 0:
                errors.append(
                    _(
                        "Line %(line)s (“%(text)s”): %(difference)s more than a year before is "
                        "more than %(value)s"
                    )
                    % (where | {"difference": difference, "value": value})
                )
                continue
            stated = sentence["percent"]
            if stated and not _percent_agrees(_signed(stated), value, before):
                errors.append(
                    _(
                        "Line %(line)s (“%(text)s”): %(value)s against %(before)s is not a "
                        "change of %(percent)s%%"
                    )
                    % (where | {"value": value, "before": before, "percent": sentence["percent"]})
                )
                continue
            row = TableRow(
                number, sentence["name"].strip(), UNITS[sentence["unit"].lower()], value, before
            )
        else:
            name, figures = _figures(line)
            counts = [n for n, is_percent in figures if not is_percent]
            percents = [n for n, is_percent in figures if is_percent]
            # A line whose only figures are the periods' years is a heading ("Hertsmere crime
            # figures for January – December 2022 compared to the same period in 2021").
            years_only = all(not is_percent and n in years for n, is_percent in figures)
            if not figures or not re.search(r"[A-Za-z]", name) or years_only:
                # A heading: with the one before it, it may name both periods, and so say
                # which count is which in the rows below.
                header = f"{header} {line}"
                here, before_here = _position(header, period), _position(header, against)
                if here is not None and before_here is not None:
                    order = ("period", "against") if here < before_here else ("against", "period")
                table.passed_over.append(number)
                continue
            if len(counts) < 2:
                errors.append(
                    (
                        _(
                            "Line %(line)s (“%(text)s”): the figure for %(against)s cannot be "
                            "worked out from one count and a percentage: give both counts, or "
                            "the count and the difference"
                        )
                        if percents
                        else _(
                            "Line %(line)s (“%(text)s”): the figure for %(against)s cannot be "
                            "worked out from one count: give both counts, or the count and the "
                            "difference"
                        )
                    )
                    % (where | {"against": against.label})
                )
                continue
            if order is None:
                errors.append(
                    _(
                        "Line %(line)s (“%(text)s”): which of %(first)s and %(second)s is "
                        "%(period)s? Start the table with a header line naming both periods, "
                        "for example “Category %(against_name)s %(period_name)s”"
                    )
                    % (
                        where
                        | {
                            "first": f"{counts[0]:,}",
                            "second": f"{counts[1]:,}",
                            "period": period.label,
                            "against_name": period_names(against)[0],
                            "period_name": period_names(period)[0],
                        }
                    )
                )
                continue
            first, second = int(counts[0]), int(counts[1])
            if min(first, second) < 0:
                errors.append(_("Line %(line)s (“%(text)s”): a count cannot be negative") % where)
                continue
            value, before = (first, second) if order[0] == "period" else (second, first)
            change = counts[2] if len(counts) > 2 else None
            if change is not None and change != (
                value - before if change < 0 else abs(value - before)
            ):
                errors.append(
                    _(
                        "Line %(line)s (“%(text)s”): %(value)s against %(before)s is a "
                        "difference of %(difference)s, not %(stated)s"
                    )
                    % (
                        where
                        | {
                            "value": f"{value:,}",
                            "before": f"{before:,}",
                            "difference": f"{value - before:,}",
                            "stated": f"{counts[2]:,}",
                        }
                    )
                )
                continue
            if percents and not _percent_agrees(percents[0], value, before):
                errors.append(
                    _(
                        "Line %(line)s (“%(text)s”): %(value)s against %(before)s is not a "
                        "change of %(percent)s%%"
                    )
                    % (
                        where
                        | {"value": f"{value:,}", "before": f"{before:,}", "percent": percents[0]}
                    )
                )
                continue
            row = TableRow(number, name, unit, value, before)
        if row.name.lower() in seen:
            errors.append(
                _("Line %(line)s (“%(text)s”): %(name)s is already on line %(first)s")
                % (where | {"name": row.name, "first": seen[row.name.lower()]})
            )
            continue
        if len(row.name) > 150:
            errors.append(
                _("Line %(line)s (“%(text)s”): the category's name is longer than 150 characters")
                % where
            )
            continue
        seen[row.name.lower()] = number
        rows.append(row)
        header = ""
    if errors:
        raise ValidationError(
            errors[:50]
            + (
                [_("… and %(count)s more") % {"count": len(errors) - 50}]
                if len(errors) > 50
                else []
            )
        )
    if not rows:
        raise ValidationError(_("The table has no line with a category and its figures"))
    return table
