"""Writes of crime data: police.uk imports, custom series and their values. Each write is
validated, audited and made in one transaction: an import writes every file or none."""

import csv
import hashlib
import io
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import islice
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Max, Sum

from saferplan.core import audit
from saferplan.core.models import AuditEvent
from saferplan.core.text import UploadTextError, decode_upload
from saferplan.partnerships.models import Partnership, PoliceForce
from saferplan.partnerships.services import partnership_update

from .limits import limit_setting
from .lsoa_lookup import read_lookup
from .models import (
    CrimeCount,
    CustomSeries,
    CustomValue,
    ForceMonth,
    Lsoa,
    SeriesUnit,
    StreetCount,
)
from .periods import Period
from .police_uk import OTHER_FORCES, ArchiveFile, PoliceUkFileError, Row, StreetFile, district_of

FLUSH_POINTS = 50_000  # street counts gathered before they are written: bounds the memory used
PROGRESS_ROWS = 20_000


@dataclass
class Progress:
    """Where an import has got to: the file it is on and the records written so far."""

    file_number: int
    files: int
    source: str
    records: int


@dataclass(frozen=True)
class PartnershipFigures:
    """A partnership's records in a force-month (in its districts), before and after."""

    partnership: int
    name: str
    before: int
    after: int
    crime_types_changed: int = 0  # crime types whose count changed (the total may not)

    @property
    def changed(self) -> bool:
        return self.before != self.after or self.crime_types_changed > 0

    @property
    def change_text(self) -> str:
        if not self.changed:
            return "none"
        if self.before != self.after:
            return f"{self.after - self.before:+,}".replace("-", "−")
        return f"0 ({self.crime_types_changed} crime type(s) changed)"

    def sentence(self) -> str:
        if not self.changed:
            return f"{self.name}: {self.after:,} records (no change)"
        if self.before == self.after:
            return (
                f"{self.name}: {self.after:,} records, as before, but "
                f"{self.crime_types_changed} crime type(s) changed"
            )
        return (
            f"{self.name}: {self.before:,} → {self.after:,} records ({self.after - self.before:+,})"
        )


@dataclass(frozen=True)
class MonthDifference:
    """What importing a force-month does to each partnership it covers: those of its force,
    and any other whose districts have records in it before or after."""

    label: str  # Hertfordshire Constabulary, October 2018
    held: bool  # imported before: the import replaces it
    records_before: int | None
    records_after: int
    partnerships: tuple[PartnershipFigures, ...]
    # The held month's file (its SHA-256): a confirmation holds only for the month as it was.
    held_file: str = ""

    @property
    def needs_confirming(self) -> bool:
        """A month held already whose replacement changes a partnership's figures."""
        return self.held and any(p.changed for p in self.partnerships)

    def as_json(self) -> dict:
        return {
            "label": self.label,
            "held": self.held,
            "records_before": self.records_before,
            "records_after": self.records_after,
            "held_file": self.held_file,
            "partnerships": [
                {
                    "partnership": p.partnership,
                    "name": p.name,
                    "before": p.before,
                    "after": p.after,
                    "crime_types_changed": p.crime_types_changed,
                }
                for p in self.partnerships
            ],
        }

    @classmethod
    def from_json(cls, data: dict) -> "MonthDifference":
        return cls(
            label=data["label"],
            held=data["held"],
            records_before=data["records_before"],
            records_after=data["records_after"],
            held_file=data.get("held_file", ""),
            partnerships=tuple(PartnershipFigures(**p) for p in data["partnerships"]),
        )

    def lines(self) -> list[str]:
        head = (
            f"{self.label}: {self.records_before:,} → {self.records_after:,} records"
            if self.held
            else f"{self.label}: {self.records_after:,} records (new)"
        )
        return [head, *(f"  {p.sentence()}" for p in self.partnerships)]


class ReplacementNotConfirmedError(Exception):
    """The import would replace months held already, changing partnerships' figures, and
    these are not the differences that were confirmed. Raised inside the import's
    transaction, so nothing is saved; `differences` are every force-month's."""

    def __init__(self, differences: list[MonthDifference]):
        self.differences = differences
        super().__init__(
            "Replacing "
            + ", ".join(d.label for d in differences if d.needs_confirming)
            + " changes partnerships' figures: it needs confirming."
        )

    @property
    def to_confirm(self) -> list[dict]:
        return [d.as_json() for d in self.differences if d.needs_confirming]


@dataclass
class ImportResult:
    force_months: list[ForceMonth] = field(default_factory=list)
    replaced: list[ForceMonth] = field(default_factory=list)  # imported before, now replaced
    differences: list[MonthDifference] = field(default_factory=list)  # one per force-month

    @property
    def records(self) -> int:
        return sum(fm.records for fm in self.force_months)

    @property
    def unlocated(self) -> int:
        return sum(fm.unlocated for fm in self.force_months)


class _HashingOpener:
    """Opens an archive file so that what is read through it is hashed on the way (the file
    is read once), to record which file each force-month came from."""

    def __init__(self, file: ArchiveFile):
        self.file = file
        self.stream: _Hashing | None = None

    def open(self):
        self.stream = _Hashing(self.file.open())
        return self.stream

    def hexdigest(self) -> str:
        return self.stream.sha.hexdigest() if self.stream else ""


class _Hashing:
    """Reads through a binary stream, hashing what passes (so a file is read once)."""

    def __init__(self, raw: IO[bytes]):
        self.raw: Any = raw
        self.sha = hashlib.sha256()
        # Asked for on every line read: a plain attribute costs no Python call.
        self.closed = False

    def __getattr__(self, name):
        return getattr(self.raw, name)

    def close(self) -> None:
        self.raw.close()
        self.closed = True

    def read(self, size=-1):
        data = self.raw.read(size)
        self.sha.update(data)
        return data

    def read1(self, size=-1):
        data = self.raw.read1(size) if hasattr(self.raw, "read1") else self.raw.read(size)
        self.sha.update(data)
        return data

    def readinto(self, buffer):
        count = self.raw.readinto(buffer)
        self.sha.update(memoryview(buffer)[:count])
        return count

    def readable(self):
        return True


class _StreetWriter:
    """Writes street counts in bulk: COPY on PostgreSQL, executemany on SQLite."""

    COLUMNS = (
        "batch_id", "month", "district", "lsoa_code", "category",
        "location", "longitude", "latitude", "count",
    )  # fmt: skip

    def __init__(self, cursor):
        self.cursor = cursor
        table = StreetCount._meta.db_table
        columns = ", ".join(self.COLUMNS)
        self.postgres = connection.vendor == "postgresql"
        if not self.postgres:
            cursor.execute("PRAGMA cache_size = -131072")  # 128 MB while the import runs
        if self.postgres:
            self.sql = f"COPY {table} ({columns}) FROM STDIN"
        else:
            placeholders = ", ".join(["%s"] * len(self.COLUMNS))
            self.sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608

    def write(self, rows: list[tuple]) -> None:
        if self.postgres:
            with self.cursor.copy(self.sql) as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            self.cursor.executemany(self.sql, rows)


@dataclass(frozen=True)
class RecordLimit:
    """The most records a force-month may have (docs/adr/0015): `growth` times its known
    size (the month's own count if it is held, else the force's largest month held), never
    below `floor`, and never above `most` if that is set (uploads through the web page)."""

    growth: float
    floor: int
    most: int | None

    @classmethod
    def from_settings(cls, *, web: bool) -> "RecordLimit":
        return cls(
            growth=limit_setting("SAFERPLAN_POLICE_UK_GROWTH", 2),
            floor=5_000,
            most=limit_setting("SAFERPLAN_POLICE_UK_MAX_RECORDS", 250_000) if web else None,
        )

    def for_month(self, force: str, month) -> tuple[int, str] | None:
        """(the limit, why it is that) for the force-month; None if it has none."""
        held = ForceMonth.objects.filter(force=force)
        same = held.filter(month=month).values_list("records", flat=True).first()
        largest = held.aggregate(n=Max("records"))["n"]
        limit: tuple[int, str] | None = None
        if same:
            limit = (
                max(int(self.growth * same), self.floor),
                f"{self.growth:g} times the {same:,} records of the month held",
            )
        elif largest:
            limit = (
                max(int(self.growth * largest), self.floor),
                f"{self.growth:g} times the {largest:,} records of the force's largest month held",
            )
        if self.most is not None and (limit is None or limit[0] > self.most):
            limit = (self.most, "the most a force-month uploaded through the web may have")
        return limit


def force_name(force: str) -> str:
    try:
        return PoliceForce(force).label
    except ValueError:
        return OTHER_FORCES.get(force, force)


def police_uk_import_steps(
    *,
    actor,
    files: list[ArchiveFile],
    origin: str = ForceMonth.Origin.ARCHIVE,
    partnership: Partnership | None = None,
    confirmed: list[dict] | None = None,
    limit: RecordLimit | None = None,
    note: str = "",
) -> Iterator[Progress | ImportResult]:
    """Import street-level files, yielding Progress as it goes and the ImportResult last.

    All the files are one transaction: a broken row anywhere (PoliceUkFileError, naming file,
    line and column) leaves the database as it was. A force-month imported before is
    replaced, so importing a file twice never counts its records twice. Memory stays bounded
    whatever the file's size: records are gathered into street counts, written whenever
    FLUSH_POINTS of them are held.

    For an upload through a partnership's page (docs/adr/0015): `partnership` limits the
    files to its police force's; `confirmed` are the differences (MonthDifference.as_json)
    the person confirmed, [] at first: replacing months held that changes any partnership's
    figures otherwise raises ReplacementNotConfirmedError, saving nothing. Left None (the
    administrator's commands, the police.uk API), months are replaced without asking.
    A force-month with more records than `limit` allows is refused. Each force-month's audit
    event goes into the log of every partnership it covers; `note` is added to its reason."""
    result = ImportResult()
    limit = limit or RecordLimit.from_settings(web=False)
    partnerships = list(Partnership.objects.order_by("name"))
    with transaction.atomic(), connection.cursor() as cursor:
        writer = _StreetWriter(cursor)
        overrides = dict(
            Lsoa.objects.filter(district_source=Lsoa.DistrictSource.LOOKUP).values_list(
                "code", "district"
            )
        )
        for number, file in enumerate(files, start=1):
            hashing = _HashingOpener(file)
            street = StreetFile(
                ArchiveFile(file.source, file.name, hashing.open), district_overrides=overrides
            )
            try:
                if partnership is not None and street.force != partnership.police_force:
                    raise PoliceUkFileError(
                        file.source,
                        f"this is {force_name(street.force)}'s file for {street.month:%B %Y}: "
                        f"{partnership} imports only the months of its own force, "
                        f"{force_name(partnership.police_force)}. Nothing was imported",
                    )
                most = limit.for_month(street.force, street.month)
                batch, before, counts_before, held_file = _force_month_for(street, actor)
                if before is not None:
                    result.replaced.append(batch)
                records = 0
                points: Counter[Row] = Counter()
                counts: Counter[tuple[str, str]] = Counter()
                month = street.month.isoformat()  # as the database stores it: no adapter per row
                rows = street.rows()
                while chunk := list(islice(rows, PROGRESS_ROWS)):
                    points.update(chunk)  # Counter counts an iterable in C
                    records += len(chunk)
                    if most is not None and records > most[0]:
                        raise PoliceUkFileError(
                            file.source,
                            f"{force_name(street.force)}, {street.month:%B %Y}: {records:,} "
                            f"records read and more to come, beyond the limit of {most[0]:,} "
                            f"({most[1]}). Nothing was imported",
                        )
                    if len(points) >= FLUSH_POINTS:
                        _flush(writer, batch.pk, month, points, counts)
                    yield Progress(number, len(files), file.source, records)
                _flush(writer, batch.pk, month, points, counts)
            finally:
                street.close()
            CrimeCount.objects.bulk_create(
                [
                    CrimeCount(batch=batch, month=street.month, district=d, category=c, count=n)
                    for (d, c), n in counts.items()
                    if d
                ],
                batch_size=1000,
            )
            _add_lsoas(street.lsoa_names)
            batch.records = records
            batch.unlocated = sum(n for (district, _), n in counts.items() if not district)
            batch.sha256 = hashing.hexdigest()
            batch.source = file.source[-500:]
            batch.origin = origin
            batch.save()
            difference = _month_difference(
                batch, before, held_file, counts_before, counts, partnerships
            )
            _log_force_month(batch, difference, actor, file.source, note, partnerships)
            result.differences.append(difference)
            result.force_months.append(batch)
            yield Progress(number, len(files), file.source, records)
        to_confirm = [d.as_json() for d in result.differences if d.needs_confirming]
        if confirmed is not None and to_confirm and to_confirm != confirmed:
            raise ReplacementNotConfirmedError(result.differences)
    yield result


def _month_difference(
    batch: ForceMonth,
    before: int | None,
    held_file: str,
    counts_before: Counter[tuple[str, str]],
    counts_after: Counter[tuple[str, str]],
    partnerships: list[Partnership],
) -> MonthDifference:
    """Each partnership's records (in its districts) and crime types, before and after."""
    figures = []
    for partnership in partnerships:
        districts = set(partnership.districts or [])
        old: Counter[str] = Counter()
        new: Counter[str] = Counter()
        for (district, category), n in counts_before.items():
            if district in districts:
                old[category] += n
        for (district, category), n in counts_after.items():
            if district in districts:
                new[category] += n
        if partnership.police_force == batch.force or old or new:
            types_changed = sum(1 for c in old.keys() | new.keys() if old[c] != new[c])
            figures.append(
                PartnershipFigures(
                    partnership.pk,
                    partnership.name,
                    sum(old.values()),
                    sum(new.values()),
                    types_changed,
                )
            )
    return MonthDifference(
        label=str(batch),
        held=before is not None,
        records_before=before,
        records_after=batch.records,
        partnerships=tuple(figures),
        held_file=held_file,
    )


def _log_force_month(batch, difference: MonthDifference, actor, source, note, partnerships):
    """One event in the log of each partnership the force-month covers (the installation's
    log, with no partnership, if it covers none), each saying what changed for all of them."""
    by_id = {p.pk: p for p in partnerships}
    reason = " ".join(
        [
            f"Imported from {source}.",
            *(
                ["Records in the partnerships it covers: "
                 + "; ".join(p.sentence() for p in difference.partnerships) + "."]
                if difference.partnerships
                else []
            ),
            *([note] if note else []),
        ]
    )  # fmt: skip
    action = AuditEvent.Action.UPDATE if difference.held else AuditEvent.Action.CREATE
    for figures in difference.partnerships or [None]:
        audit.log(
            instance=batch,
            action=action,
            actor=actor,
            partnership=by_id[figures.partnership] if figures else None,
            changes={
                "Records": [difference.records_before, difference.records_after],
                **(
                    {"Records in this partnership's districts": [figures.before, figures.after]}
                    if figures
                    else {}
                ),
            },
            reason=reason,
        )


def _flush(writer, batch_id: int, month: str, points: Counter[Row], counts: Counter) -> None:
    """Write the street counts gathered so far, adding them to the district counts."""
    for (district, _, category, *_), count in points.items():
        counts[district, category] += count
    writer.write([(batch_id, month, *point, count) for point, count in points.items()])
    points.clear()


def police_uk_import(*, actor, files: list[ArchiveFile], **options) -> ImportResult:
    """police_uk_import_steps, run to the end."""
    for step in police_uk_import_steps(actor=actor, files=files, **options):
        if isinstance(step, ImportResult):
            return step
    raise AssertionError("the import ended without a result")


def _force_month_for(
    street: StreetFile, actor
) -> tuple[ForceMonth, int | None, Counter[tuple[str, str]], str]:
    """The force-month to fill, emptied if it was imported before (with its old count, its
    records per district and crime type, and the SHA-256 of the file it came from)."""
    batch, created = ForceMonth.objects.select_for_update().get_or_create(
        force=street.force,
        month=street.month,
        defaults={"force_name": street.force_name, "imported_by": actor, "source": ""},
    )
    before = None if created else batch.records
    held_file = "" if created else batch.sha256
    counts_before: Counter[tuple[str, str]] = Counter()
    if not created:
        for district, category, n in CrimeCount.objects.filter(batch=batch).values_list(
            "district", "category", "count"
        ):
            counts_before[district, category] += n
        # The street counts are found through the district index: their districts are those of the
        # force-month's counts, plus "" for records with no location. One DELETE each:
        # neither model has dependants or signals, so Django deletes in bulk.
        districts = {"", *(district for district, _ in counts_before)}
        StreetCount.objects.filter(district__in=districts, month=batch.month, batch=batch).delete()
        CrimeCount.objects.filter(batch=batch).delete()
        batch.force_name = street.force_name or batch.force_name
        batch.imported_by = actor
    return batch, before, counts_before, held_file


def _add_lsoas(names: dict[str, str]) -> None:
    """Remember the LSOAs seen (for hotspot names). An LSOA known already is left as it is,
    so a district set by an ONS lookup stays. Plain SQL, as a month holds 35,000 LSOAs."""
    table = Lsoa._meta.db_table
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} (code, name, district, district_source) "  # noqa: S608
            "VALUES (%s, %s, %s, %s) ON CONFLICT (code) DO NOTHING",
            [(code, name, district_of(name), "name") for code, name in names.items()],
        )


SERIES_FIELDS = ["name", "unit", "source", "position"]
VALUE_FIELDS = ["start", "end", "value"]


@transaction.atomic
def series_create(*, actor, partnership, **fields) -> CustomSeries:
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
def series_update(*, actor, series: CustomSeries, **fields) -> CustomSeries:
    series, _changes = audit.change(
        series,
        actor=actor,
        partnership=series.partnership,
        logged_fields=SERIES_FIELDS,
        **fields,
    )
    return series


@transaction.atomic
def series_delete(*, actor, series: CustomSeries) -> None:
    measures = list(series.indicators.values_list("name", flat=True))
    if measures:
        raise ValidationError(
            f"“{series.name}” is the source of the performance measure"
            f"{'s' if len(measures) > 1 else ''} {', '.join(f'“{m}”' for m in measures)}: "
            "change or delete the measure first."
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


def period_figure_set(*, actor, owner, values, period: Period, value: Decimal, partnership):
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
    # Written out rather than audit.create(), which takes no reason: the log names the
    # figure's owner and period.
    item = values.model(
        start=period.start,
        end=period.end,
        value=value,
        created_by=actor,
        modified_by=actor,
        **{values.field.name: owner},
    )
    item.full_clean()
    item.save()
    audit.log(
        instance=item,
        action=AuditEvent.Action.CREATE,
        actor=actor,
        partnership=partnership,
        changes=audit.diff({}, audit.snapshot(item, VALUE_FIELDS)),
        reason=reason,
    )
    return item


def period_figure_delete(*, actor, figure, owner, partnership) -> None:
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
def value_set(*, actor, series: CustomSeries, period: Period, value: Decimal) -> CustomValue:
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
def value_delete(*, actor, value: CustomValue) -> None:
    period_figure_delete(
        actor=actor, figure=value, owner=value.series, partnership=value.series.partnership
    )


SERIES_CSV_COLUMNS = ("series", "period", "value")
UNIT_WORDS = {
    **{unit.value: unit.value for unit in SeriesUnit},
    **{unit.label: unit.value for unit in SeriesUnit},
    "%": SeriesUnit.PERCENT.value,
    "percent": SeriesUnit.PERCENT.value,
    "percentage": SeriesUnit.PERCENT.value,
    "": SeriesUnit.OFFENCES.value,
}


@dataclass
class SeriesImportResult:
    series_created: list[str] = field(default_factory=list)
    values_written: int = 0


@transaction.atomic
def custom_series_import(*, actor, partnership, content: bytes, file_name: str):
    """Figures from a CSV with the columns Series, Period and Value (Unit and Source are
    optional), one figure a row. Every row is checked first; a file with any bad row writes
    nothing, and the ValidationError names each bad row and column."""
    try:
        text = decode_upload(content, fallback=None)
    except UploadTextError as error:
        raise ValidationError(f"{file_name} {error}") from None
    reader = csv.reader(io.StringIO(text))
    header = [cell.strip().lower() for cell in next(reader, [])]
    missing = [name for name in SERIES_CSV_COLUMNS if name not in header]
    if missing:
        raise ValidationError(
            f"{file_name}, row 1: the header has no "
            + ", ".join(f"“{name.capitalize()}”" for name in missing)
            + " column. The columns are Series, Period, Value and, if you wish, Unit and Source."
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
        where = f"{file_name}, row {number}"
        name = cell(row, "series")
        if not name:
            errors.append(f"{where}, column “Series”: the series has no name")
            continue
        if len(name) > 150:
            errors.append(f"{where}, column “Series”: the name is longer than 150 characters")
            continue
        unit = UNIT_WORDS.get(cell(row, "unit").lower())
        if unit is None:
            errors.append(
                f"{where}, column “Unit”: “{cell(row, 'unit')}” is not a unit "
                "(offences, incidents, people, per cent or number)"
            )
            continue
        try:
            period = Period.parse(cell(row, "period"))
        except ValueError as error:
            errors.append(f"{where}, column “Period”: {error}")
            continue
        try:
            value = Decimal(cell(row, "value").replace(",", "").rstrip("%"))
            if not value.is_finite() or abs(value) >= Decimal("1e12"):
                raise ArithmeticError
        except (ArithmeticError, ValueError):
            errors.append(f"{where}, column “Value”: “{cell(row, 'value')}” is not a number")
            continue
        rows.append(
            (name, unit, cell(row, "source")[:200], period, value.quantize(Decimal("0.01")))
        )
    if errors:
        raise ValidationError(
            errors[:50] + ([f"… and {len(errors) - 50} more"] if len(errors) > 50 else [])
        )
    if not rows:
        raise ValidationError(f"{file_name}: the file has no figures below its header")
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


def area_update(*, actor, partnership, districts: list[str], population, population_source: str):
    """The districts a partnership covers (as police.uk names them) and its population:
    a change of the partnership, audited there."""
    return partnership_update(
        actor=actor,
        partnership=partnership,
        districts=districts,
        population=population,
        population_source=population_source,
    )


@dataclass
class LookupResult:
    lsoas: int = 0  # rows of the lookup
    moved: int = 0  # LSOAs whose district changed
    street_counts_moved: int = 0  # street counts (records at a point) now in another district
    districts: list[str] = field(default_factory=list)  # the districts whose figures changed


@transaction.atomic
def lsoa_lookup_import(*, actor, content: bytes, source: str) -> LookupResult:
    """Set each LSOA's district from an ONS lookup, which then wins over the LSOA's name in
    every later police.uk import, and move the records already imported to their districts.
    A broken row (PoliceUkFileError naming line and column) changes nothing."""
    rows = read_lookup(content, source)
    known = {lsoa.code: lsoa for lsoa in Lsoa.objects.filter(code__in=[r.code for r in rows])}
    result = LookupResult(lsoas=len(rows))
    moves: dict[str, list[str]] = defaultdict(list)  # new district → LSOA codes
    affected: set[str] = set()
    for row in rows:
        lsoa = known.get(row.code)
        if lsoa is not None and lsoa.district != row.district:
            moves[row.district].append(row.code)
            affected |= {lsoa.district, row.district}
            result.moved += 1
    Lsoa.objects.bulk_create(
        [
            Lsoa(
                code=row.code,
                name=row.name or (known[row.code].name if row.code in known else row.code),
                district=row.district,
                district_source=Lsoa.DistrictSource.LOOKUP,
            )
            for row in rows
        ],
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["district", "district_source"],
        batch_size=1000,
    )
    if affected:
        streets = StreetCount.objects.filter(district__in=affected)
        for district, codes in moves.items():
            for start in range(0, len(codes), 500):
                result.street_counts_moved += (
                    streets.filter(lsoa_code__in=codes[start : start + 500])
                    .exclude(district=district)
                    .update(district=district)
                )
        _recount(affected)
    result.districts = sorted(affected)
    audit.log(
        # One event for the whole lookup, recorded against the LSOAs ("*"): not one per row.
        instance=Lsoa(code="*", name=f"ONS lookup {source[-80:]}"),
        action=AuditEvent.Action.UPDATE,
        actor=actor,
        changes={"LSOAs in the lookup": [None, result.lsoas], "LSOAs moved": [None, result.moved]},
        reason=f"ONS LSOA lookup imported from {source}; districts changed: "
        + (", ".join(result.districts) or "none"),
    )
    return result


def _recount(districts: set[str]) -> None:
    """Rebuild the monthly district counts of these districts from their street counts."""
    CrimeCount.objects.filter(district__in=districts).delete()
    rows = (
        StreetCount.objects.filter(district__in=districts)
        .values_list("batch_id", "month", "district", "category")
        .annotate(n=Sum("count"))
    )
    CrimeCount.objects.bulk_create(
        [
            CrimeCount(batch_id=batch, month=month, district=district, category=category, count=n)
            for batch, month, district, category, n in rows
        ],
        batch_size=1000,
    )
