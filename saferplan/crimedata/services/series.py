"""Custom series (a partnership's own figures: fly-tipping reports, survey results) and
their figures, entered one by one or imported from a CSV file; period_figure_set and
period_figure_delete serve performance measures' figures too (saferplan.indicators)."""

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from saferplan.core import audit
from saferplan.core.models import AuditEvent
from saferplan.core.text import UploadTextError, decode_upload
from saferplan.partnerships.models import Partnership

from ..comparison_table import read_comparison_table
from ..models import CustomSeries, CustomValue, SeriesUnit
from ..periods import Period

if TYPE_CHECKING:
    from saferplan.accounts.models import User

SERIES_FIELDS = ["name", "unit", "source", "position"]
VALUE_FIELDS = ["start", "end", "value"]


@transaction.atomic
def series_create(*, actor: "User", partnership: Partnership, **fields: Any) -> CustomSeries:
    if "position" not in fields:
        fields["position"] = partnership.custom_series.count() + 1
    return audit.create(
        CustomSeries,
        actor=actor,
        partnership=partnership,
        logged_fields=SERIES_FIELDS,
        partnership_id=partnership.pk,
        **fields,
    )


@transaction.atomic
def series_update(*, actor: "User", series: CustomSeries, **fields: Any) -> CustomSeries:
    series, _changes = audit.change(
        series,
        actor=actor,
        partnership=series.partnership,
        logged_fields=SERIES_FIELDS,
        **fields,
    )
    return series


@transaction.atomic
def series_delete(*, actor: "User", series: CustomSeries) -> None:
    measures = list(series.indicators.values_list("name", flat=True))
    if measures:
        raise ValidationError(
            ngettext(
                "“%(name)s” is the source of the performance measure %(join)s: change or delete "
                "the measure first.",
                "“%(name)s” is the source of the performance measures %(join)s: change or delete "
                "the measures first.",
                len(measures),
            )
            % {"name": series.name, "join": ", ".join(f"“{m}”" for m in measures)}
        )
    audit.log(
        instance=series,
        action=AuditEvent.Action.DELETE,
        actor=actor,
        partnership=series.partnership,
        changes={
            label: [value, None] for label, value in audit.snapshot(series, SERIES_FIELDS).items()
        },
        reason=f"With its {series.values.count()} figure(s).",
    )
    series.delete()


def period_figure_set(
    *,
    actor: "User",
    owner: models.Model,
    values: Any,
    period: Period,
    value: Decimal,
    partnership: Partnership,
) -> Any:
    """The figure of `owner` (a series, a measure) for the period, replacing the one entered
    before for it. `values` is the owner's related manager of figures."""
    reason = f"{owner}, {period.label}"
    held = values.filter(start=period.start, end=period.end).first()
    if held is not None:
        item, _changes = audit.change(
            held,
            actor=actor,
            partnership=partnership,
            logged_fields=VALUE_FIELDS,
            reason=reason,
            value=value,
        )
        return item
    owned_by: dict[str, Any] = {values.field.name: owner}
    return audit.create(
        values.model,
        actor=actor,
        partnership=partnership,
        logged_fields=VALUE_FIELDS,
        reason=reason,
        start=period.start,
        end=period.end,
        value=value,
        **owned_by,
    )


def period_figure_delete(
    *, actor: "User", figure: Any, owner: models.Model, partnership: Partnership
) -> None:
    audit.log(
        instance=figure,
        action=AuditEvent.Action.DELETE,
        actor=actor,
        partnership=partnership,
        changes={label: [old, None] for label, old in audit.snapshot(figure, VALUE_FIELDS).items()},
        reason=f"{owner}, {Period(figure.start, figure.end).label}",
    )
    figure.delete()


@transaction.atomic
def value_set(
    *, actor: "User", series: CustomSeries, period: Period, value: Decimal
) -> CustomValue:
    """The series' figure for the period, replacing the one entered before for it."""
    return period_figure_set(
        actor=actor,
        owner=series,
        values=series.values,
        period=period,
        value=value,
        partnership=series.partnership,
    )


@transaction.atomic
def value_delete(*, actor: "User", value: CustomValue) -> None:
    period_figure_delete(
        actor=actor, figure=value, owner=value.series, partnership=value.series.partnership
    )


SERIES_CSV_COLUMNS = ("series", "period", "value")
UNIT_WORDS = {
    **{unit.value: unit.value for unit in SeriesUnit},
    **{str(unit.label): unit.value for unit in SeriesUnit},
    "%": SeriesUnit.PERCENT.value,
    "percent": SeriesUnit.PERCENT.value,
    "percentage": SeriesUnit.PERCENT.value,
    "": SeriesUnit.OFFENCES.value,
}


@dataclass
class SeriesImportResult:
    series_created: list[str] = field(default_factory=list)
    values_written: int = 0
    passed_over: list[int] = field(default_factory=list)  # a pasted table's heading lines


@transaction.atomic
def custom_series_import(
    *, actor: "User", partnership: Partnership, content: bytes, file_name: str
) -> SeriesImportResult:
    """Figures from a CSV with the columns Series, Period and Value (Unit and Source are
    optional), one figure a row. Every row is checked first; a file with any bad row writes
    nothing, and the ValidationError names each bad row and column."""
    try:
        text = decode_upload(content, fallback=None)
    except UploadTextError as error:
        raise ValidationError(
            # Translators: %(problem)s is what is wrong with the file, as core/text.py says it
            # after a file's name: "figures.csv is not UTF-8 text: save it as CSV UTF-8".
            _("%(file_name)s %(problem)s") % {"file_name": file_name, "problem": error}
        ) from None
    reader = csv.reader(io.StringIO(text))
    header = [cell.strip().lower() for cell in next(reader, [])]
    missing = [name for name in SERIES_CSV_COLUMNS if name not in header]
    if missing:
        raise ValidationError(
            # Translators: %(columns)s are the missing columns' headings, in quotation marks;
            # the columns' headings (Series, Period, Value, Unit, Source) stay in English.
            _(
                "%(file_name)s, row 1: the header has no %(columns)s column. The columns are "
                "Series, Period, Value and, if you wish, Unit and Source."
            )
            % {
                "file_name": file_name,
                "columns": ", ".join(f"“{name.capitalize()}”" for name in missing),
            }
        )
    column = {
        name: header.index(name)
        for name in (*SERIES_CSV_COLUMNS, "unit", "source")
        if name in header
    }
    errors: list[str] = []
    rows: list[tuple[str, str, str, Period, Decimal]] = []

    def cell(row: list[str], name: str) -> str:
        index = column.get(name)
        return row[index].strip() if index is not None and index < len(row) else ""

    for number, row in enumerate(reader, start=2):
        if not any(c.strip() for c in row):
            continue
        where = {"file": file_name, "row": number}
        name = cell(row, "series")
        if not name:
            errors.append(
                # Translators: the file's name and row; the column's heading stays in English.
                _("%(file)s, row %(row)s, column “Series”: the series has no name") % where
            )
            continue
        if len(name) > 150:
            errors.append(
                _("%(file)s, row %(row)s, column “Series”: the name is longer than 150 characters")
                % where
            )
            continue
        unit = UNIT_WORDS.get(cell(row, "unit").lower())
        if unit is None:
            errors.append(
                # Translators: the units are the words the file may use: keep them in English.
                _(
                    "%(file)s, row %(row)s, column “Unit”: “%(text)s” is not a unit "
                    "(offences, incidents, people, per cent or number)"
                )
                % {**where, "text": cell(row, "unit")}
            )
            continue
        try:
            period = Period.parse(cell(row, "period"))
        except ValueError as error:
            errors.append(
                _("%(file)s, row %(row)s, column “Period”: %(problem)s")
                % {**where, "problem": error}
            )
            continue
        try:
            value = Decimal(cell(row, "value").replace(",", "").rstrip("%"))
            if not value.is_finite() or abs(value) >= Decimal("1e12"):
                raise ArithmeticError
        except (ArithmeticError, ValueError):
            errors.append(
                _("%(file)s, row %(row)s, column “Value”: “%(text)s” is not a number")
                % {**where, "text": cell(row, "value")}
            )
            continue
        rows.append(
            (name, unit, cell(row, "source")[:200], period, value.quantize(Decimal("0.01")))
        )
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
        raise ValidationError(
            _("%(file_name)s: the file has no figures below its header") % {"file_name": file_name}
        )
    return _figures_save(actor=actor, partnership=partnership, rows=rows)


@transaction.atomic
def comparison_table_import(
    *,
    actor: "User",
    partnership: Partnership,
    text: str,
    period: Period,
    against: Period,
    source: str,
    unit: str = SeriesUnit.OFFENCES.value,
) -> SeriesImportResult:
    """A county's comparison table as the analyst pasted it (comparison_table.py): each line's
    category a series (made when new, with `source`), with its figure for `period` and for
    `against`. A line that cannot be read, or does not add up, is named and nothing is saved."""
    if period.start <= against.end and against.start <= period.end:
        raise ValidationError(
            _("%(label)s and %(label2)s overlap: compare two periods apart")
            % {"label": period.label, "label2": against.label}
        )
    table = read_comparison_table(text, period=period, against=against, unit=unit)
    rows = [
        (row.name, row.unit, source[:200], when, Decimal(count))
        for row in table.rows
        for when, count in ((period, row.value), (against, row.against))
    ]
    result = _figures_save(actor=actor, partnership=partnership, rows=rows)
    result.passed_over = table.passed_over
    return result


def _figures_save(
    *, actor: "User", partnership: Partnership, rows: list[tuple[str, str, str, Period, Decimal]]
) -> SeriesImportResult:
    """Each (series name, unit, source, period, value): the series found by name or made."""
    result = SeriesImportResult()
    existing = {s.name.lower(): s for s in partnership.custom_series.all()}
    for name, unit, source, period, value in rows:
        series = existing.get(name.lower())
        if series is None:
            series = series_create(
                actor=actor, partnership=partnership, name=name, unit=unit, source=source
            )
            existing[name.lower()] = series
            result.series_created.append(name)
        value_set(actor=actor, series=series, period=period, value=value)
        result.values_written += 1
    return result
