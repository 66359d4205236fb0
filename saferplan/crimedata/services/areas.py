"""Where records fall: the districts a partnership covers, and the ONS lookup that puts each
LSOA in its district."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Sum

from saferplan.core import audit
from saferplan.core.models import AuditEvent
from saferplan.partnerships.models import Partnership
from saferplan.partnerships.services import partnership_update

from ..lsoa_lookup import read_lookup
from ..models import CrimeCount, Lsoa, StreetCount

if TYPE_CHECKING:
    from saferplan.accounts.models import User


def area_update(
    *,
    actor: "User",
    partnership: Partnership,
    districts: list[str],
    population: int | None,
    population_source: str,
    area_sq_km: Decimal | None = None,
    area_source: str = "",
) -> Partnership:
    """The districts a partnership covers (as police.uk names them), its population and its
    area: a change of the partnership, audited there."""
    return partnership_update(
        actor=actor,
        partnership=partnership,
        districts=districts,
        population=population,
        population_source=population_source,
        area_sq_km=area_sq_km,
        area_source=area_source,
    )


@dataclass
class LookupResult:
    lsoas: int = 0  # rows of the lookup
    moved: int = 0  # LSOAs whose district changed
    street_counts_moved: int = 0  # street counts (records at a point) now in another district
    districts: list[str] = field(default_factory=list)  # the districts whose figures changed


@transaction.atomic
def lsoa_lookup_import(*, actor: "User | None", content: bytes, source: str) -> LookupResult:
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
