"""Two periods side by side, category by category, in the shape of the county strategic
assessment's table (seed 002): all crime and ASB on top, then "Crime decrease" and "Crime
increase" lists, each line reading "Robbery 67 offences, 16 more 31.4%"."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext, gettext_noop

from .coverage import Coverage
from .periods import Period
from .wording import Sentence

Number = int | Decimal


def format_number(value: Number) -> str:
    """7002, 12.5: no thousands separator, as the county's tables write counts."""
    if isinstance(value, Decimal):
        value = value.normalize()
        if value == value.to_integral_value():
            return str(int(value))
        return f"{value:f}"
    return str(value)


def format_optional(value: Number | None) -> str:
    """A figure for a CSV cell: empty when there is none."""
    return "" if value is None else format_number(value)


def format_percent(value: Decimal) -> str:
    """-0.8%, -2%, 22%: one decimal place, none when it is .0 (as the county writes it)."""
    return f"{format_number(value)}%"


@dataclass(frozen=True)
class ComparisonRow:
    key: str  # the category's slug, or "series-<id>"
    name: str
    unit: str  # offences, incidents, per cent …
    current: Number | None
    previous: Number | None
    top: bool = False  # all crime and ASB lead the table

    @property
    def complete(self) -> bool:
        return self.current is not None and self.previous is not None

    @property
    def difference(self) -> Number | None:
        if self.current is None or self.previous is None:
            return None
        return self.current - self.previous

    @property
    def percent_change(self) -> Decimal | None:
        """Rounded half up to one decimal place; None when there was nothing to change from."""
        if self.difference is None or not self.previous or self.unit == "per cent":
            return None
        change = Decimal(self.difference) * 100 / Decimal(self.previous)
        return change.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def direction(self) -> str:
        """increase, decrease or same ("" when a period has no figure)."""
        if self.difference is None:
            return ""
        if self.difference > 0:
            return "increase"
        return "decrease" if self.difference < 0 else "same"

    # As the page and the documents show them: 7002, not 7002.00.
    @property
    def previous_text(self) -> str:
        return "–" if self.previous is None else format_number(self.previous)

    @property
    def current_text(self) -> str:
        return "–" if self.current is None else format_number(self.current)

    @property
    def difference_size(self) -> str:
        """The size of the change, without its sign (the page says "more" or "less")."""
        difference = self.difference
        if difference is None:
            return ""
        return format_number(-difference if difference < 0 else difference)

    @property
    def difference_text(self) -> str:
        """+94, -54, 0."""
        difference = self.difference
        if difference is None:
            return ""
        return ("+" if difference > 0 else "") + format_number(difference)

    @property
    def unit_text(self) -> str:
        """Its unit in the page's language ("" for offences, the tables' usual unit)."""
        return "" if self.unit in ("", "offences") else gettext(self.unit)

    @property
    def percent_text(self) -> str:
        return "–" if self.percent_change is None else format_percent(self.percent_change)

    def sentence(self, *, year_apart: bool = True) -> Sentence:
        """ "Assault with injury 646 offences, 13 less -2%", as the county writes it, in the
        page's language (the row's name as it is)."""
        own = {"name": self.name}
        if self.current is None:
            return Sentence(gettext("%(name)s: no figure"), own=own)
        current = format_number(self.current)
        if self.unit == "per cent":
            figure = Sentence(gettext("%(name)s %(current)s%%"), own=own, current=current)
        elif self.unit:
            # Translators: a category's figure, as in "Robbery 67 offences"; %(unit)s is
            # "offences", "incidents" or "people", translated.
            figure = Sentence(
                gettext("%(name)s %(current)s %(unit)s"),
                own=own,
                current=current,
                unit=gettext(self.unit),
            )
        else:
            figure = Sentence(gettext("%(name)s %(current)s"), own=own, current=current)
        difference = self.difference
        if difference is None:
            return figure
        if difference == 0:
            same = (
                gettext("%(figure)s, same as last year")
                if year_apart
                else gettext("%(figure)s, same as before")
            )
            return Sentence(same, figure=figure)
        size = format_number(-difference if difference < 0 else difference)
        if self.unit == "per cent":
            change = (
                gettext("%(figure)s, %(size)s percentage points more")
                if difference > 0
                else gettext("%(figure)s, %(size)s percentage points less")
            )
            return Sentence(change, figure=figure, size=size)
        if self.percent_change is None:
            change = (
                gettext("%(figure)s, %(size)s more")
                if difference > 0
                else gettext("%(figure)s, %(size)s less")
            )
            return Sentence(change, figure=figure, size=size)
        # Translators: "Robbery 67 offences, 16 more 31.4%", as the county writes it.
        change = (
            gettext("%(figure)s, %(size)s more %(percent)s")
            if difference > 0
            else gettext("%(figure)s, %(size)s less %(percent)s")
        )
        return Sentence(
            change, figure=figure, size=size, percent=format_percent(self.percent_change)
        )


TOP_CAPTION = gettext_noop("All crime and anti-social behaviour")
POLICE_UK = gettext_noop("Recorded crime and anti-social behaviour (police.uk)")
# The units a row may have, for the translators (the tables show them in the page's language).
UNITS = [gettext_noop("offences"), gettext_noop("incidents"), gettext_noop("per cent")]


@dataclass
class Comparison:
    """What a partnership's figures were in `period` against `against`, from one source."""

    place: str
    source: str
    period: Period
    against: Period
    rows: list[ComparisonRow]
    notes: list[str] = field(default_factory=list)  # warnings: a figure refused, and why
    # What police.uk figures rest on, period then `against` (none for other sources).
    coverage: tuple[Coverage, ...] = ()
    # The sources a partnership gave its own figures; None for police.uk's figures.
    other_sources: tuple[str, ...] | None = None

    @property
    def heading(self) -> str:
        """Where the figures come from, in the page's language (`source` stays as the CSV,
        the API and the issued board report keep it)."""
        if self.other_sources is None:
            return gettext(POLICE_UK)
        if not self.other_sources:
            return gettext("Other sources")
        return Sentence(
            gettext("Other sources: %(sources)s"),
            own={"sources": ", ".join(self.other_sources)},
        )

    @property
    def year_apart(self) -> bool:
        return self.against == self.period.year_before()

    @property
    def has_figures(self) -> bool:
        return any(row.current is not None or row.previous is not None for row in self.rows)

    @property
    def worth_showing(self) -> bool:
        """Figures, or records that are refused as figures (a note says why)."""
        return self.has_figures or any(cover.anything for cover in self.coverage)

    @property
    def top(self) -> list[ComparisonRow]:
        return [row for row in self.rows if row.top and row.complete]

    @property
    def decreases(self) -> list[ComparisonRow]:
        """Lower or the same: the county lists "same as last year" among the decreases."""
        return [r for r in self.rows if not r.top and r.direction in ("decrease", "same")]

    @property
    def increases(self) -> list[ComparisonRow]:
        return [r for r in self.rows if not r.top and r.direction == "increase"]

    @property
    def tables(self) -> list[tuple[str, list[ComparisonRow]]]:
        """(caption, rows) of the county's three lists, those with rows, as documents and
        pages show them one table each."""
        lists = [
            (gettext(TOP_CAPTION), self.top),
            (gettext("Crime decrease"), self.decreases),
            (gettext("Crime increase"), self.increases),
        ]
        return [(caption, rows) for caption, rows in lists if rows]

    @property
    def incomplete(self) -> list[ComparisonRow]:
        return [row for row in self.rows if not row.complete]

    def sentences(self) -> list[str]:
        """Every line in the county's order: top, decreases, increases."""
        return [
            row.sentence(year_apart=self.year_apart)
            for row in [*self.top, *self.decreases, *self.increases]
        ]

    @property
    def headline(self) -> str:
        """ "Hertsmere had an all crime reduction of 0.8% in 2022", in the page's language, as
        text (headline_marked: the place marked with its language in a template)."""
        return str(self.headline_marked)

    @property
    def headline_marked(self) -> str:
        """The headline, the place (the partnership's words) marked as theirs in a template."""
        all_crime = next(
            (row for row in self.top if row.name.lower() == "all crime" and row.complete), None
        )
        if all_crime is None or all_crime.percent_change is None:
            return ""
        change = all_crime.percent_change
        words = {
            "period": self.period.short_label,
            "percent": format_percent(abs(change)),
        }
        if change == 0:
            message = gettext("%(place)s had the same amount of crime in %(period)s")
        elif change < 0:
            message = gettext("%(place)s had an all crime reduction of %(percent)s in %(period)s")
        else:
            message = gettext("%(place)s had an all crime increase of %(percent)s in %(period)s")
        return Sentence(message, own={"place": self.place}, **words)


def comparison_rows(comparisons: Iterable[Comparison]) -> tuple[list[str], list[list]]:
    """The comparisons as a table (header, rows): a row per category with the list it is in
    (top, decrease, increase, or "no figure" when a period has none) and the comparison's
    warnings, on every row, so that a row copied elsewhere keeps them. The page's download
    and `saferplan compare --format csv` both write this, through core.csv_download, which
    makes every cell formula-safe."""
    comparisons = list(comparisons)
    first = comparisons[0] if comparisons else None
    header = [
        "Source", "Category", "Unit",
        first.against.label if first else "Before", first.period.label if first else "After",
        "Difference", "% change", "List", "Warning",
    ]  # fmt: skip
    rows = [
        [
            comparison.source,
            row.name,
            row.unit,
            format_optional(row.previous),
            format_optional(row.current),
            format_optional(row.difference),
            format_optional(row.percent_change),
            list_name,
            " ".join(comparison.notes),
        ]
        for comparison in comparisons
        for list_name, listed in (
            ("top", comparison.top),
            ("decrease", comparison.decreases),
            ("increase", comparison.increases),
            ("no figure", comparison.incomplete),
        )
        for row in listed
    ]
    return header, rows
