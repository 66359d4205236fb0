"""Fetching a force's latest months from the police.uk API and importing them as the archive's
street-level files would be imported (one transaction, replacing a month fetched before).

The API gives a crime's map point but not its LSOA, which districts are read from. police.uk
moves every crime to one of a fixed set of anonymous map points, and the same points recur
month after month, so a crime is placed in the LSOA that the archive files already imported
give for its map point. A point no archive file has held is placed in the LSOA of the
nearest point one has, if that is within NEAREST_METRES; otherwise it is counted as a record
with no location. The analyst is told how many records were placed each way.

A month already imported from an archive file is kept: the archive names every record's
LSOA, so it is better than anything rebuilt from the API."""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from scipy.spatial import cKDTree

from saferplan.partnerships.models import PoliceForce

from .categories import Category
from .models import ForceMonth, Lsoa, StreetCount
from .periods import month_label
from .police_api import FetchedMonth, PoliceApiClient, PoliceApiError
from .police_uk import ArchiveFile
from .services.differences import MonthDifference
from .services.imports import police_uk_import

if TYPE_CHECKING:
    from saferplan.accounts.models import User

NEAREST_METRES = 500
ARCHIVE_COLUMNS = (
    "Crime ID", "Month", "Reported by", "Falls within", "Longitude", "Latitude", "Location",
    "LSOA code", "LSOA name", "Crime type", "Last outcome category", "Context",
)  # fmt: skip


@dataclass
class Placement:
    """How a month's records found their LSOAs."""

    exact: int = 0  # at a map point an archive file placed
    nearest: int = 0  # at the nearest such point, within NEAREST_METRES
    unplaced: int = 0  # too far from any: counted as records with no location
    no_location: int = 0  # police.uk gave no location

    @property
    def records(self) -> int:
        return self.exact + self.nearest + self.unplaced + self.no_location


@dataclass
class MonthOutcome:
    month: date
    kept_archive: bool = False  # imported from an archive file before: left as it was
    placement: Placement = field(default_factory=Placement)

    @property
    def records(self) -> int:
        return self.placement.records

    def sentence(self) -> str:
        month = month_label(self.month)
        if self.kept_archive:
            return _(
                "%(month)s: kept as imported from the police.uk archive file, which places every "
                "record exactly."
            ) % {"month": month}
        p = self.placement
        words = {
            "month": month,
            "records": f"{self.records:,}",
            "exact": f"{p.exact:,}",
            "nearest": f"{p.nearest:,}",
            "metres": NEAREST_METRES,
            "none": f"{p.unplaced + p.no_location:,}",
            "far": f"{p.unplaced:,}",
        }
        if p.unplaced:
            return (
                ngettext(
                    "%(month)s: %(records)s record — %(exact)s placed at map points of archive "
                    "files, %(nearest)s at the nearest such point (within %(metres)s m), %(none)s "
                    "with no location (%(far)s too far from any known point).",
                    "%(month)s: %(records)s records — %(exact)s placed at map points of archive "
                    "files, %(nearest)s at the nearest such point (within %(metres)s m), %(none)s "
                    "with no location (%(far)s too far from any known point).",
                    self.records,
                )
                % words
            )
        return (
            ngettext(
                "%(month)s: %(records)s record — %(exact)s placed at map points of archive files, "
                "%(nearest)s at the nearest such point (within %(metres)s m), %(none)s with no "
                "location.",
                "%(month)s: %(records)s records — %(exact)s placed at map points of archive files, "
                "%(nearest)s at the nearest such point (within %(metres)s m), %(none)s with no "
                "location.",
                self.records,
            )
            % words
        )


@dataclass
class FetchResult:
    force: str
    months: list[MonthOutcome] = field(default_factory=list)
    requests: int = 0
    # What the import did to each partnership's records, month by month (docs/adr/0015).
    differences: list[MonthDifference] = field(default_factory=list)

    @property
    def records(self) -> int:
        return sum(m.records for m in self.months)

    def summary(self) -> str:
        fetched = [m for m in self.months if not m.kept_archive]
        head = ngettext(
            "Fetched %(count)s month of %(force)s from the police.uk API (%(records)s records, "
            "%(requests)s requests).",
            "Fetched %(count)s months of %(force)s from the police.uk API (%(records)s records, "
            "%(requests)s requests).",
            len(fetched),
        ) % {
            "count": len(fetched),
            "force": _force_name(self.force),
            "records": f"{self.records:,}",
            "requests": f"{self.requests:,}",
        }
        return "\n".join(
            [
                head,
                *(m.sentence() for m in self.months),
                *(line for d in self.differences for line in d.lines()),
            ]
        )


class MapPoints:
    """The LSOA of each map point that the force's archive imports hold, and a tree of them
    to find the nearest."""

    def __init__(self, force: str):
        rows = (
            StreetCount.objects.filter(
                batch__force=force, batch__origin=ForceMonth.Origin.ARCHIVE, latitude__isnull=False
            )
            .exclude(lsoa_code="")
            .values_list("longitude", "latitude", "lsoa_code")
            .distinct()
        )
        self.lsoa: dict[tuple[float, float], str] = {
            (round(lon, 6), round(lat, 6)): code
            for lon, lat, code in rows.iterator()
            if lon is not None and lat is not None
        }
        self.points = list(self.lsoa)
        self.tree = cKDTree([self._metres(*p) for p in self.points]) if self.points else None

    @staticmethod
    def _metres(lon: float, lat: float) -> tuple[float, float]:
        # Near enough flat over a county: metres east and north of 0°, 0°.
        return lon * 111_320 * math.cos(math.radians(lat)), lat * 110_540

    def place(self, lon: float, lat: float) -> tuple[str, bool]:
        """(LSOA code or "", whether the point itself was known)."""
        code = self.lsoa.get((round(lon, 6), round(lat, 6)))
        if code:
            return code, True
        if self.tree is None:
            return "", False
        distance, index = self.tree.query(self._metres(lon, lat))
        if distance <= NEAREST_METRES:
            return self.lsoa[self.points[index]], False
        return "", False


def street_csv(fetched: FetchedMonth, points: MapPoints, placement: Placement) -> bytes:
    """The fetched month as the archive's street-level CSV, each record placed in its LSOA."""
    force_name = _force_name(fetched.force)
    month = f"{fetched.month:%Y-%m}"
    located: list[tuple[dict, str]] = []
    for crime in fetched.crimes:
        location = crime["location"]
        lon, lat = float(location["longitude"]), float(location["latitude"])
        code, exact = points.place(lon, lat)
        if not code:
            placement.unplaced += 1
        elif exact:
            placement.exact += 1
        else:
            placement.nearest += 1
        located.append((crime, code))
    names = dict(
        Lsoa.objects.filter(code__in={code for _, code in located if code}).values_list(
            "code", "name"
        )
    )
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(ARCHIVE_COLUMNS)
    for crime, code in located:
        location = crime["location"]
        name = names.get(code, "")
        if not name:  # an LSOA without a name cannot be read: count the record unlocated
            code = ""
        writer.writerow(
            _row(crime, month, force_name, location["longitude"], location["latitude"],
                 location.get("street", {}).get("name", ""), code, name)
        )  # fmt: skip
    placement.no_location = len(fetched.no_location)
    for crime in fetched.no_location:
        writer.writerow(_row(crime, month, force_name, "", "", "No location", "", ""))
    return out.getvalue().encode("utf-8")


def _row(crime, month, force_name, lon, lat, location, code, name) -> list[str]:
    try:
        crime_type = Category(crime["category"]).label
    except ValueError:
        raise PoliceApiError(
            _(
                "police.uk gave crime %(id)s the category “%(category)s”, which saferplan does "
                "not know; nothing was saved."
            )
            % {"id": crime.get("id"), "category": crime["category"]}
        ) from None
    outcome = crime.get("outcome_status") or {}
    return [
        crime.get("persistent_id") or "", month, force_name, force_name, lon, lat,
        location,
        code, name, crime_type, outcome.get("category", ""), crime.get("context") or "",
    ]  # fmt: skip


def _force_name(force: str) -> str:
    try:
        return PoliceForce(force).label
    except ValueError:
        return force


def months_to_fetch(client: PoliceApiClient, *, latest: int = 1, months=()) -> list[date]:
    """The newest `latest` months police.uk has, or the `months` asked for if it has them."""
    available = client.available_months()
    if not available:
        raise PoliceApiError(_("police.uk lists no months of street-level crime just now."))
    if not months:
        return sorted(available[:latest])
    missing = [m for m in months if m not in available]
    if missing:
        raise PoliceApiError(
            # Translators: %(missing)s are months, as in "October 2018, November 2018".
            _("police.uk has no street-level crime for %(missing)s: it has %(first)s to %(last)s.")
            % {
                "missing": ", ".join(month_label(m) for m in missing),
                "first": month_label(available[-1]),
                "last": month_label(available[0]),
            }
        )
    return sorted(set(months))


def fetch(
    *,
    actor: User | None,
    force: str,
    latest: int = 1,
    months=(),
    client: PoliceApiClient | None = None,
    progress: Callable[[str], None] = lambda line: None,
) -> FetchResult:
    """Fetch the months from police.uk and import them, telling `progress` how it goes.

    Everything is fetched before anything is written, and the months are written in one
    transaction: a failure anywhere (PoliceApiError, offline included) saves nothing."""
    client = client or PoliceApiClient()
    result = FetchResult(force=force)
    wanted = months_to_fetch(client, latest=latest, months=months)
    progress(
        _("police.uk has %(months)s to fetch.")
        % {"months": ", ".join(month_label(m) for m in wanted)}
    )
    from_archive = set(
        ForceMonth.objects.filter(
            force=force, month__in=wanted, origin=ForceMonth.Origin.ARCHIVE
        ).values_list("month", flat=True)
    )
    points: MapPoints | None = None  # read only if a month is to be placed
    files: list[ArchiveFile] = []
    for month in wanted:
        outcome = MonthOutcome(month=month, kept_archive=month in from_archive)
        result.months.append(outcome)
        if not outcome.kept_archive:
            fetched = client.fetch_force_month(force, month, progress=progress)
            points = points or MapPoints(force)
            content = street_csv(fetched, points, outcome.placement)
            name = f"{month:%Y-%m}-{force}-street.csv"
            files.append(ArchiveFile(f"police.uk API › {name}", name, partial(io.BytesIO, content)))
        progress(outcome.sentence())
    result.requests = client.stats.requests
    if files:
        # From police.uk itself, not from a person's file: months fetched before are
        # replaced without asking (docs/adr/0015); the differences are in the summary and
        # in each partnership's audit log.
        imported = police_uk_import(actor=actor, files=files, origin=ForceMonth.Origin.API)
        result.differences = imported.differences
    return result
