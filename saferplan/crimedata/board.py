"""The crime section of a board report: the police.uk figures of the report's months
against the same months a year before, in the county's shape (all crime and ASB, then the
decreases and increases), as plain values an issued report keeps as JSON. A period with
months or a force missing has no figures, only the note saying which (coverage.py)."""

from datetime import date

from .comparisons import Comparison
from .coverage import months_held
from .periods import Period
from .selectors import police_uk_comparison


def report_months(period_start: date, period_end: date) -> Period:
    """The whole months a report's period touches: police.uk counts a month at a time."""
    return Period(period_start.replace(day=1), period_end.replace(day=1))


def crime_for_report(partnership, *, period_start: date, period_end: date) -> dict | None:
    """None when saferplan holds no police.uk month for the partnership's districts (the
    report then has no crime section)."""
    if not partnership.districts or not months_held(partnership):
        return None
    period = report_months(period_start, period_end)
    comparison = police_uk_comparison(partnership, period, period.year_before())
    return comparison_for_report(comparison)


def comparison_for_report(comparison: Comparison) -> dict:
    """As plain values, in the language of the page the report is issued from (as its
    captions and notes are)."""
    return {
        "source": str(comparison.heading),
        "place": comparison.place,
        "period": comparison.period.label,
        "against": comparison.against.label,
        "headline": comparison.headline,
        "notes": list(comparison.notes),
        "tables": [
            {
                "caption": caption,
                "rows": [
                    [
                        row.name,
                        row.previous_text,
                        row.current_text,
                        row.difference_text,
                        row.percent_text,
                    ]
                    for row in rows
                ],
            }
            for caption, rows in comparison.tables
        ],
    }
