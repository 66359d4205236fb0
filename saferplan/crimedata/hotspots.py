"""Hotspots: the small areas and map points with the most records in a period, against the
period of the same length before, when that period is fully held (coverage.py)."""

from dataclasses import dataclass, field

from django.db.models import Sum
from django.utils.translation import gettext

from . import categories
from .coverage import Coverage, coverage, months_held
from .models import Lsoa, StreetCount
from .periods import Period
from .selectors import category_filter, place_name
from .wording import Sentence


@dataclass
class Hotspot:
    key: str
    name: str
    count: int
    previous: int | None  # None when no data is held for the period before
    longitude: float | None = None
    latitude: float | None = None

    @property
    def change(self) -> int | None:
        return None if self.previous is None else self.count - self.previous


@dataclass
class MapPoint:
    longitude: float
    latitude: float
    location: str
    count: int


@dataclass
class Hotspots:
    place: str
    category: str
    label: str
    period: Period
    against: Period
    lsoas: list[Hotspot]
    streets: list[Hotspot]
    points: list[MapPoint]
    total: int
    coverage: tuple[Coverage, Coverage] | None = None  # of the period, and of `against`
    warnings: list[str] = field(default_factory=list)

    @property
    def compared(self) -> bool:
        """Change is given only against a period fully held."""
        return self.coverage is not None and self.coverage[1].complete

    @property
    def against_text(self) -> str:
        if self.compared:
            return gettext("Change is against %(label)s.") % {"label": self.against.label}
        if self.coverage is not None and self.coverage[1].anything:
            return ""  # a warning says why
        return gettext("No police.uk data is held for %(label)s to compare with.") % {
            "label": self.against.label
        }


def hotspots(partnership, category: str, period: Period, *, limit: int = 10) -> Hotspots:
    """The LSOAs and streets ("On or near …") with the most records, against the period of
    the same length before, and the map points of the period."""
    districts = list(partnership.districts or [])
    against = period.previous()
    base = StreetCount.objects.filter(district__in=districts, **category_filter(category))
    held = months_held(partnership)
    covers = (coverage(partnership, period, held=held), coverage(partnership, against, held=held))

    def grouped(which: Period, *fields: str):
        return (
            base.filter(month__gte=which.start, month__lte=which.end)
            .values_list(*fields)
            .annotate(n=Sum("count"))
        )

    against_held = covers[1].complete

    def ranked(fields: tuple[str, ...], name) -> list[Hotspot]:
        now = {tuple(key): n for *key, n in grouped(period, *fields)}
        before = {tuple(key): n for *key, n in grouped(against, *fields)}
        top = sorted(now.items(), key=lambda item: (-item[1], str(item[0])))[:limit]
        return [
            Hotspot(
                "|".join(map(str, key)),
                name(key),
                n,
                before.get(key, 0) if against_held else None,
                *key[2:4],
            )
            for key, n in top
        ]

    names = dict(Lsoa.objects.filter(district__in=districts).values_list("code", "name"))
    lsoas = [
        spot for spot in ranked(("lsoa_code",), lambda key: names.get(key[0], key[0])) if spot.key
    ]
    # A "street" is one of police.uk's map points: many points share a name such as
    # "On or near Supermarket", so the point's small area is named beside it.
    streets = ranked(
        ("location", "lsoa_code", "longitude", "latitude"),
        lambda key: f"{key[0]}, {names.get(key[1], key[1])}" if key[1] else key[0],
    )
    points = [
        MapPoint(lon, lat, location, n)
        for lon, lat, location, n in grouped(period, "longitude", "latitude", "location")
        if lon is not None and lat is not None
    ]
    return Hotspots(
        place_name(partnership),
        category,
        categories.label(category),
        period,
        against,
        lsoas,
        streets,
        points,
        sum(p.count for p in points),
        covers,
        _warnings(*covers),
    )


def _warnings(now: Coverage, before: Coverage) -> list[str]:
    warnings = []
    if now.warning:
        warnings.append(
            Sentence.joined(now.warning, gettext("The records shown are those of the months held."))
        )
    if before.warning and before.anything:
        warnings.append(Sentence.joined(before.warning, gettext("No change is given against it.")))
    return warnings


def district_extent(partnership) -> list[tuple[float, float]]:
    """Every map point police.uk has recorded in the partnership's districts: what the
    hotspot map draws its outline round (charts.outline). Read only for the map."""
    extent = (
        StreetCount.objects.filter(
            district__in=list(partnership.districts or []),
            longitude__isnull=False,
            latitude__isnull=False,
        )
        .values_list("longitude", "latitude")
        .distinct()
    )
    return [(lon, lat) for lon, lat in extent if lon is not None and lat is not None]
