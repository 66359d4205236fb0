"""A national installation for the benchmarks: every partnership of England and Wales, five
years of police.uk records for every force, and plans with their updates.

Built from real shapes: the police.uk archive's October 2018 month (358,000 records, their
LSOAs, map points and districts) is imported by saferplan's own importer. That month lacks six
forces (the Metropolitan Police, Greater Manchester, West Midlands, West Yorkshire, Lancashire
and Northumbria: about 190,000 records a month between them); each is made from the real rows
of forces of about its size, their districts renamed to its own (MISSING_FORCES). The month is
then written again in SQL as each of the 60 months before it, every map point's count varied
(seasonally, and at random by up to a quarter), so that each force-month has the size and
spread of a real one: about 550,000 records a month, 6.6 million a year, as police.uk holds.
The districts become the partnerships: one per district, every sixth taking in a neighbour as
merged partnerships do (about 300 in all). Each partnership gets plans at a county's density
(`PLANS`, `PRIORITIES`, `ACTIONS`, `UPDATES`).

The real October 2018 is then taken out again, so that a benchmark can import it as the new
month of an installation that already holds five years.
"""

import datetime
import heapq
import math
from dataclasses import dataclass
from pathlib import Path

from django.db import connection, transaction
from django.db.models import Sum

from saferplan.crimedata.models import ForceMonth, StreetCount

ROOT = Path(__file__).resolve().parent.parent
ALL_FORCES = ROOT.parent / "shared/data/police-uk/all-forces-2018-10"
TEMPLATE_MONTH = datetime.date(2018, 10, 1)
FIRST_MONTH = datetime.date(2013, 10, 1)  # 60 months before the template
MERGE_EVERY = 6  # one partnership in six covers two districts: about 300 from 340
DONOR_DISTRICT_RECORDS = 100  # a donor's districts with fewer (a neighbour's edge) are left out
NOT_PARTNERSHIP_FORCES = {"btp", "northern-ireland"}  # in the archive, but no CSP's force
# The forces whose files the archive's October 2018 lacks, with their districts (2018) and the
# forces whose real rows stand in for theirs (of about their size: the Metropolitan Police
# records about 80,000 a month). A donor's districts are shared out among the missing
# force's, each keeping its rows, so the stand-in month has a real month's shape.
MISSING_FORCES = {
    "metropolitan": (
        ["kent", "essex", "sussex", "hampshire", "thames-valley"],
        ["Barking and Dagenham", "Barnet", "Bexley", "Brent", "Bromley", "Camden", "Croydon",
         "Ealing", "Enfield", "Greenwich", "Hackney", "Hammersmith and Fulham", "Haringey",
         "Harrow", "Havering", "Hillingdon", "Hounslow", "Islington", "Kensington and Chelsea",
         "Kingston upon Thames", "Lambeth", "Lewisham", "Merton", "Newham", "Redbridge",
         "Richmond upon Thames", "Southwark", "Sutton", "Tower Hamlets", "Waltham Forest",
         "Wandsworth", "Westminster"],
    ),
    "greater-manchester": (
        ["south-yorkshire", "merseyside"],
        ["Bolton", "Bury", "Manchester", "Oldham", "Rochdale", "Salford", "Stockport",
         "Tameside", "Trafford", "Wigan"],
    ),
    "west-yorkshire": (
        ["avon-and-somerset", "nottinghamshire"],
        ["Bradford", "Calderdale", "Kirklees", "Leeds", "Wakefield"],
    ),
    "west-midlands": (
        ["devon-and-cornwall", "cheshire"],
        ["Birmingham", "Coventry", "Dudley", "Sandwell", "Solihull", "Walsall", "Wolverhampton"],
    ),
    "lancashire": (
        ["humberside", "durham"],
        ["Blackburn with Darwen", "Blackpool", "Burnley", "Chorley", "Fylde", "Hyndburn",
         "Lancaster", "Pendle", "Preston", "Ribble Valley", "Rossendale", "South Ribble",
         "West Lancashire", "Wyre"],
    ),
    "northumbria": (
        ["staffordshire"],
        ["Gateshead", "Newcastle upon Tyne", "North Tyneside", "Northumberland",
         "South Tyneside", "Sunderland"],
    ),
}  # fmt: skip
PLANS, PRIORITIES, ACTIONS, UPDATES = 2, 5, 40, 8  # per partnership; per plan; per action


@dataclass
class National:
    partnerships: int
    districts: int
    forces: int
    months: int
    street_counts: int
    crime_counts: int
    actions: int
    updates: int


def months_before(template: datetime.date, count: int) -> list[datetime.date]:
    months, year, month = [], template.year, template.month
    for _ in range(count):
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
        months.append(datetime.date(year, month, 1))
    return sorted(months)


def _variation(vendor: str, month: datetime.date) -> str:
    """SQL for a map point's count in `month`: the template's count scaled by the season (a
    summer peak, as police.uk's months show) and by a random factor of 0.75 to 1.25."""
    season = 1 + 0.1 * math.cos((month.month - 7) / 12 * 2 * math.pi)
    if vendor == "postgresql":
        factor = f"{season:.4f} * (0.75 + 0.5 * random())"
        return f"greatest(1, round(s.count * {factor}))::integer"
    factor = f"{season:.4f} * (0.75 + 0.5 * (abs(random()) % 1000) / 1000.0)"
    return f"max(1, cast(round(s.count * {factor}) as integer))"


def stand_in_for_missing_forces(template: datetime.date) -> None:
    """The template month of each force the archive month lacks (MISSING_FORCES), made from
    its donors' rows: their districts renamed to the missing force's (in turn), their LSOAs
    given codes of their own (E3n… for the nth force, so no two forces share one) and names
    in the new district, as police.uk names them ("Westminster 018A")."""
    from saferplan.partnerships.models import PoliceForce

    held = set(ForceMonth.objects.filter(month=template).values_list("force", flat=True))
    mapping = []
    for number, (force, (donors, districts)) in enumerate(sorted(MISSING_FORCES.items())):
        if force in held:
            continue
        donor_districts = (
            StreetCount.objects.filter(month=template, batch__force__in=donors)
            .exclude(district="")
            .values_list("batch__force", "district")
            .annotate(records=Sum("count"))
            .filter(records__gte=DONOR_DISTRICT_RECORDS)
            .order_by("-records", "district")
        )
        # The largest donor district first, each to the district with fewest records so far.
        shares = [(0, district) for district in districts]
        for donor, district, records in donor_districts:
            held_so_far, to = heapq.heappop(shares)
            mapping.append((force, str(number), donor, district, to))
            heapq.heappush(shares, (held_so_far + records, to))
        ForceMonth.objects.create(
            force=force,
            force_name=PoliceForce(force).label,
            month=template,
            source="generated by bench/national.py from " + ", ".join(donors),
            sha256="",
        )
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_district_map")
        cursor.execute(
            "CREATE TABLE bench_district_map (force varchar(60), number varchar(1), "
            "donor varchar(60), donor_district varchar(100), district varchar(100))"
        )
        cursor.executemany("INSERT INTO bench_district_map VALUES (%s, %s, %s, %s, %s)", mapping)
        new_code = "'E3' || m.number || substr(s.lsoa_code, 4)"
        new_name = "m.district || ' ' || substr(l.name, length(l.name) - 3)"
        cursor.execute(
            "INSERT INTO crimedata_streetcount (batch_id, month, district, lsoa_code, category, "  # noqa: S608 (our own SQL)
            "location, longitude, latitude, count) "
            f"SELECT f.id, s.month, m.district, {new_code}, s.category, s.location, s.longitude, "
            "s.latitude, s.count FROM crimedata_streetcount s "
            "JOIN crimedata_forcemonth d ON d.id = s.batch_id "
            "JOIN bench_district_map m ON m.donor = d.force AND m.donor_district = s.district "
            "JOIN crimedata_forcemonth f ON f.force = m.force AND f.month = s.month "
            "WHERE s.month = %s",
            [template],
        )
        cursor.execute(
            "INSERT INTO crimedata_lsoa (code, name, district, district_source) "  # noqa: S608 (our own SQL)
            f"SELECT {new_code}, min({new_name}), min(m.district), 'name' "
            "FROM crimedata_streetcount s "
            "JOIN crimedata_forcemonth d ON d.id = s.batch_id "
            "JOIN bench_district_map m ON m.donor = d.force AND m.donor_district = s.district "
            "JOIN crimedata_lsoa l ON l.code = s.lsoa_code "
            "WHERE s.month = %s GROUP BY 1",
            [template],
        )
        cursor.execute(
            "UPDATE crimedata_forcemonth SET records = (SELECT coalesce(sum(count), 0) "
            "FROM crimedata_streetcount s WHERE s.batch_id = crimedata_forcemonth.id "
            "AND s.month = crimedata_forcemonth.month) WHERE month = %s AND sha256 = ''",
            [template],
        )
        cursor.execute("DROP TABLE bench_district_map")


def keep_template(template: datetime.date) -> None:
    """The template month's street counts, with their force, in a table of their own: read
    60 times, they are read from there, not found again among millions."""
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_template")
        cursor.execute(
            "CREATE TABLE bench_template AS SELECT t.force, s.district, s.lsoa_code, "
            "s.category, s.location, s.longitude, s.latitude, s.count "
            "FROM crimedata_streetcount s JOIN crimedata_forcemonth t ON t.id = s.batch_id "
            "WHERE t.month = %s",
            [template],
        )


def copy_month(template: datetime.date, month: datetime.date) -> None:
    """Every force's template force-month written again as `month`, with varied counts.

    The month's rows are made once in a scratch table, from which the street counts, the
    district counts and the force-months' totals are written: the big table is never
    scanned (it has no index on the month alone, see StreetCount)."""
    vendor = connection.vendor
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO crimedata_forcemonth (force, force_name, month, records, unlocated, "
            "source, origin, sha256, imported_at) "
            "SELECT force, force_name, %s, 0, 0, 'generated by bench/national.py', origin, '', "
            "imported_at FROM crimedata_forcemonth WHERE month = %s",
            [month, template],
        )
        cursor.execute("DROP TABLE IF EXISTS bench_month")
        cursor.execute(
            "CREATE TEMPORARY TABLE bench_month AS "  # noqa: S608 (our own SQL)
            f"SELECT f.id AS batch_id, s.district, s.lsoa_code, s.category, s.location, "
            f"s.longitude, s.latitude, {_variation(vendor, month)} AS count "
            "FROM bench_template s JOIN crimedata_forcemonth f "
            "ON f.force = s.force AND f.month = %s",
            [month],
        )
        cursor.execute(
            "INSERT INTO crimedata_streetcount (batch_id, month, district, lsoa_code, category, "
            "location, longitude, latitude, count) "
            "SELECT batch_id, %s, district, lsoa_code, category, location, longitude, latitude, "
            "count FROM bench_month",
            [month],
        )
        # The district counts the comparison, trend and county view read, as the importer
        # writes them: records with no LSOA are in no district.
        cursor.execute(
            "INSERT INTO crimedata_crimecount (batch_id, month, district, category, count) "
            "SELECT batch_id, %s, district, category, sum(count) FROM bench_month "
            "WHERE district <> '' GROUP BY batch_id, district, category",
            [month],
        )
        cursor.execute(
            "UPDATE crimedata_forcemonth SET "
            "records = (SELECT coalesce(sum(count), 0) FROM bench_month b "
            "           WHERE b.batch_id = crimedata_forcemonth.id), "
            "unlocated = (SELECT coalesce(sum(count), 0) FROM bench_month b "
            "             WHERE b.batch_id = crimedata_forcemonth.id AND b.district = '') "
            "WHERE month = %s",
            [month],
        )
        cursor.execute("DROP TABLE bench_month")


def remove_month(month: datetime.date) -> None:
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM crimedata_streetcount WHERE month = %s", [month])
        cursor.execute("DELETE FROM crimedata_crimecount WHERE month = %s", [month])
        cursor.execute("DELETE FROM crimedata_forcemonth WHERE month = %s", [month])


def districts_by_force() -> dict[str, list[str]]:
    """Each district the template month names, under the force with most of its records
    (a few LSOAs on a boundary appear in a neighbouring force's file)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT s.district, f.force, sum(s.count) FROM crimedata_streetcount s "
            "JOIN crimedata_forcemonth f ON f.id = s.batch_id "
            "WHERE s.district <> '' AND s.month = %s GROUP BY s.district, f.force",
            [TEMPLATE_MONTH],
        )
        best: dict[str, tuple[int, str]] = {}
        for district, force, records in cursor.fetchall():
            if district not in best or records > best[district][0]:
                best[district] = (records, force)
    by_force: dict[str, list[str]] = {}
    for district, (_, force) in sorted(best.items()):
        if force in NOT_PARTNERSHIP_FORCES:
            continue
        by_force.setdefault(force, []).append(district)
    return by_force


def make_partnerships() -> int:
    from django.utils.text import slugify

    from saferplan.partnerships.models import Partnership

    made = []
    for force, districts in sorted(districts_by_force().items()):
        position = 0
        while position < len(districts):
            take = 2 if len(made) % MERGE_EVERY == MERGE_EVERY - 1 else 1
            group = districts[position : position + take]
            position += take
            name = " and ".join(group)
            made.append(
                Partnership(
                    name=f"{name} Community Safety Partnership",
                    slug=slugify(name)[:50],
                    police_force=force,
                    districts=group,
                    population=100_000 * len(group),
                )
            )
    Partnership.objects.bulk_create(made, batch_size=500)
    return len(made)


def make_plans() -> tuple[int, int]:
    """Each partnership's plans: PLANS action plans (this year's and last year's), with
    PRIORITIES priorities, ACTIONS actions and UPDATES dated updates each, a RAG rating each."""
    from saferplan.partnerships.models import Partnership
    from saferplan.plans.models import Action, Plan, Priority, RagChange, Update

    partnerships = list(Partnership.objects.order_by("pk"))
    plans = Plan.objects.bulk_create(
        [
            Plan(
                partnership=partnership,
                kind="action",
                title=f"{partnership.name}: action plan {2024 - year}-{25 - year}",
                period_start=datetime.date(2024 - year, 4, 1),
                period_end=datetime.date(2025 - year, 3, 31),
                status="published" if year else "approved",
            )
            for partnership in partnerships
            for year in range(PLANS)
        ],
        batch_size=1000,
    )
    priorities = Priority.objects.bulk_create(
        [
            Priority(plan=plan, number=n + 1, title=f"Priority {n + 1}")
            for plan in plans
            for n in range(PRIORITIES)
        ],
        batch_size=2000,
    )
    actions = Action.objects.bulk_create(
        [
            Action(
                priority=priorities[index * PRIORITIES + n % PRIORITIES],
                title=f"Action {n + 1}: deliver the agreed activity with partners",
                owner_text="Community Safety Team",
                status="in_progress",
                due_date=plan.period_start + datetime.timedelta(days=8 * n),
                position=n,
            )
            for index, plan in enumerate(plans)
            for n in range(ACTIONS)
        ],
        batch_size=2000,
    )
    updates = 0
    for start in range(0, len(actions), 2000):  # bounded memory
        chunk = actions[start : start + 2000]
        made = Update.objects.bulk_create(
            [
                Update(
                    action=action,
                    described_on=datetime.date(2024, 4, 1) + datetime.timedelta(days=u * 40),
                    text=f"Progress note {u + 1}: partners met and agreed the next steps.",
                )
                for action in chunk
                for u in range(UPDATES)
            ],
            batch_size=2000,
        )
        updates += len(made)
        RagChange.objects.bulk_create(
            [
                RagChange(
                    action=action,
                    rating=["red", "amber", "green", "white"][action.pk % 4],
                    reason="Reviewed at the JAG",
                )
                for action in chunk
            ],
            batch_size=2000,
        )
    return len(actions), updates


def build(import_month) -> National:
    """The national installation in the (empty) benchmark database. `import_month` imports a
    folder of police.uk files with saferplan's importer (police_data.import_in_child)."""
    import_month(ALL_FORCES)
    with transaction.atomic():
        stand_in_for_missing_forces(TEMPLATE_MONTH)
    months = months_before(TEMPLATE_MONTH, 60)
    keep_template(TEMPLATE_MONTH)
    for month in months:
        with transaction.atomic():
            copy_month(TEMPLATE_MONTH, month)
    with transaction.atomic():
        make_partnerships()
        make_plans()
        remove_month(TEMPLATE_MONTH)
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE bench_template")
        cursor.execute("ANALYZE")
    return held()


def held() -> National | None:
    """What the benchmark database holds of a national installation built before (None when
    it holds none), the template month taken out again if a benchmark imported it."""
    from saferplan.crimedata.models import CrimeCount
    from saferplan.partnerships.models import Partnership
    from saferplan.plans.models import Action, Update

    partnerships = list(Partnership.objects.values_list("districts", flat=True))
    if len(partnerships) < 250:
        return None
    if ForceMonth.objects.filter(month=TEMPLATE_MONTH).exists():
        with transaction.atomic():
            remove_month(TEMPLATE_MONTH)
    return National(
        partnerships=len(partnerships),
        districts=sum(len(districts) for districts in partnerships),
        forces=ForceMonth.objects.exclude(force__in=NOT_PARTNERSHIP_FORCES)
        .values("force")
        .distinct()
        .count(),
        months=len(ForceMonth.objects.months()),
        street_counts=StreetCount.objects.count(),
        crime_counts=CrimeCount.objects.count(),
        actions=Action.objects.count(),
        updates=Update.objects.count(),
    )
