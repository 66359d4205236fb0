"""Imports of police.uk street-level files: every file of an import in one transaction,
a force-month imported before replaced, its size limited (docs/adr/0015), and an audit event
in the log of each partnership it covers."""

from collections import Counter
from collections.abc import Generator
from contextlib import closing
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import connection, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from saferplan.core import audit
from saferplan.core.models import AuditEvent
from saferplan.partnerships.models import Partnership, PoliceForce

from ..limits import limit_setting
from ..models import CrimeCount, ForceMonth, Lsoa, StreetCount
from ..periods import month_label
from ..police_uk import OTHER_FORCES, ArchiveFile, PoliceUkFileError
from .differences import MonthDifference, ReplacementNotConfirmedError, month_difference
from .reading import End, Head, Points, Read, read_files
from .street_counts import StreetWriter, lsoas_add, lsoas_known

if TYPE_CHECKING:
    from saferplan.accounts.models import User


@dataclass
class Progress:
    """Where an import has got to: the file it is on and the records written so far."""

    file_number: int
    files: int
    source: str
    records: int


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
                # Translators: why a force-month may have at most so many records.
                _("%(growth)s times the %(records)s records of the month held")
                % {"growth": f"{self.growth:g}", "records": f"{same:,}"},
            )
        elif largest:
            limit = (
                max(int(self.growth * largest), self.floor),
                _("%(growth)s times the %(records)s records of the force's largest month held")
                % {"growth": f"{self.growth:g}", "records": f"{largest:,}"},
            )
        if self.most is not None and (limit is None or limit[0] > self.most):
            limit = (self.most, _("the most a force-month uploaded through the web may have"))
        return limit


def force_name(force: str) -> str:
    try:
        return PoliceForce(force).label
    except ValueError:
        return OTHER_FORCES.get(force, force)


def police_uk_import_steps(
    *,
    actor: "User | None",
    files: list[ArchiveFile],
    origin: str = ForceMonth.Origin.ARCHIVE,
    partnership: Partnership | None = None,
    confirmed: list[dict] | None = None,
    limit: RecordLimit | None = None,
    note: str = "",
) -> Generator[Progress | ImportResult, None, None]:
    """Import street-level files, yielding Progress as it goes and the ImportResult last.

    All the files are one transaction: a broken row anywhere (PoliceUkFileError, naming file,
    line and column) leaves the database as it was. A force-month imported before is
    replaced, so importing a file twice never counts its records twice. The files are read
    beside the writing, in a child process where there is a processor for it (reading.py);
    memory stays bounded whatever the files' size, as records are gathered into street
    counts, sent to be written whenever FLUSH_POINTS of them are held.

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
    overrides = dict(
        Lsoa.objects.filter(district_source=Lsoa.DistrictSource.LOOKUP).values_list(
            "code", "district"
        )
    )
    with (
        transaction.atomic(),
        connection.cursor() as cursor,
        closing(read_files(files, overrides)) as messages,  # closed, the reading stops
    ):
        writer = StreetWriter(cursor)
        known_lsoas = lsoas_known()
        for number, file in enumerate(files, start=1):
            head = next(messages)
            assert isinstance(head, Head)  # noqa: S101 - each file's messages start with it
            if partnership is not None and head.force != partnership.police_force:
                raise PoliceUkFileError(
                    file.source,
                    # Translators: "this is Thames Valley Police's file for October 2018:
                    # Hertsmere CSP imports only the months of its own force, …"
                    _(
                        "this is %(force)s's file for %(month)s: %(partnership)s imports only "
                        "the months of its own force, %(own_force)s. Nothing was imported"
                    )
                    % {
                        "force": force_name(head.force),
                        "month": month_label(head.month),
                        "partnership": partnership,
                        "own_force": force_name(partnership.police_force),
                    },
                )
            most = limit.for_month(head.force, head.month)
            batch, before, counts_before, held_file = _force_month_for(head, actor)
            if before is not None:
                result.replaced.append(batch)
            for read in messages:
                assert isinstance(read, Read)  # noqa: S101 - a file's Head comes once, first
                if isinstance(read, End):
                    break
                if most is not None and read.records > most[0]:
                    raise PoliceUkFileError(
                        file.source,
                        # Translators: %(why)s says why that is the limit: "2 times the
                        # 4,312 records of the month held".
                        _(
                            "%(force)s, %(month)s: %(records)s records read and more to come, "
                            "beyond the limit of %(limit)s (%(why)s). Nothing was imported"
                        )
                        % {
                            "force": force_name(head.force),
                            "month": month_label(head.month),
                            "records": f"{read.records:,}",
                            "limit": f"{most[0]:,}",
                            "why": most[1],
                        },
                    )
                if isinstance(read, Points):
                    writer.write(batch.pk, head.month, read.rows)
                yield Progress(number, len(files), file.source, read.records)
            end = read
            assert isinstance(end, End)  # noqa: S101 - a file's messages end with it
            counts = end.counts
            CrimeCount.objects.bulk_create(
                [
                    CrimeCount(batch=batch, month=head.month, district=d, category=c, count=n)
                    for (d, c), n in counts.items()
                    if d
                ],
                batch_size=1000,
            )
            lsoas_add(end.lsoa_names, known_lsoas)
            batch.records = end.records
            batch.unlocated = sum(n for (district, _), n in counts.items() if not district)
            batch.sha256 = end.sha256
            batch.source = file.source[-500:]
            batch.origin = origin
            batch.save()
            difference = month_difference(
                batch, before, held_file, counts_before, counts, partnerships
            )
            _log_force_month(batch, difference, actor, file.source, note, partnerships)
            result.differences.append(difference)
            result.force_months.append(batch)
            yield Progress(number, len(files), file.source, end.records)
        to_confirm = [d.as_json() for d in result.differences if d.needs_confirming]
        if confirmed is not None and to_confirm and to_confirm != confirmed:
            raise ReplacementNotConfirmedError(result.differences)
    yield result


def _log_force_month(
    batch: ForceMonth,
    difference: MonthDifference,
    actor: "User | None",
    source: str,
    note: str,
    partnerships: list[Partnership],
) -> None:
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
    audit.log_in_each(
        instance=batch,
        action=action,
        actor=actor,
        changes_by_partnership=[
            (
                by_id[figures.partnership] if figures else None,
                {
                    "Records": [difference.records_before, difference.records_after],
                    **(
                        {"Records in this partnership's districts": [figures.before, figures.after]}
                        if figures
                        else {}
                    ),
                },
            )
            for figures in difference.partnerships or [None]
        ],
        reason=reason,
    )


def police_uk_import(
    *, actor: "User | None", files: list[ArchiveFile], **options: Any
) -> ImportResult:
    """police_uk_import_steps, run to the end."""
    for step in police_uk_import_steps(actor=actor, files=files, **options):
        if isinstance(step, ImportResult):
            return step
    raise AssertionError("the import ended without a result")


def _force_month_for(
    head: Head, actor: "User | None"
) -> tuple[ForceMonth, int | None, Counter[tuple[str, str]], str]:
    """The force-month to fill, emptied if it was imported before (with its old count, its
    records per district and crime type, and the SHA-256 of the file it came from)."""
    batch, created = ForceMonth.objects.select_for_update().get_or_create(
        force=head.force,
        month=head.month,
        defaults={"force_name": head.force_name, "imported_by": actor, "source": ""},
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
        batch.force_name = head.force_name or batch.force_name
        batch.imported_by = actor
    return batch, before, counts_before, held_file
