"""The partnership structure page of a county-sized installation.

10 partnerships, each with 30 member organisations and 20 groups (a board, a joint action
group and 18 sub-groups and forums, each with 5 member organisations). Measures the
server time of the structure page (in-process, through every middleware and the template)
and its SQL query count at two sizes, to show the count does not grow with the data.
"""

import statistics

from harness import Report, measure, p95, setup_django

database = setup_django()

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from saferplan.accounts.models import Membership, Role, User
from saferplan.partnerships.models import (
    Group,
    GroupKind,
    Organisation,
    OrganisationKind,
    Partnership,
)

PARTNERSHIPS, ORGANISATIONS, GROUPS = 10, 30, 20


def build_county():
    kinds = OrganisationKind.values
    for p in range(PARTNERSHIPS):
        partnership = Partnership.objects.create(
            name=f"District {p} Community Safety Partnership",
            slug=f"district-{p}",
            police_force="hertfordshire",
            districts=[f"District {p}"],
        )
        organisations = Organisation.objects.bulk_create(
            Organisation(
                name=f"District {p} organisation {o}",
                abbreviation=f"D{p}O{o}",
                kind=kinds[o % len(kinds)],
            )
            for o in range(ORGANISATIONS)
        )
        partnership.organisations.set(organisations)
        board = Group.objects.create(
            partnership=partnership, name="Community Safety Board", kind=GroupKind.BOARD
        )
        jag = Group.objects.create(
            partnership=partnership,
            name="Joint Action Group",
            kind=GroupKind.JOINT_ACTION_GROUP,
            reports_to=board,
        )
        groups = [board, jag]
        for g in range(GROUPS - 2):
            groups.append(
                Group.objects.create(
                    partnership=partnership,
                    name=f"Sub-group {g}",
                    kind=GroupKind.SUB_GROUP if g % 3 else GroupKind.FORUM,
                    reports_to=jag,
                )
            )
        for index, group in enumerate(groups):
            group.member_organisations.set(organisations[index % 25 : index % 25 + 5])
    user = User.objects.create_user(
        email="bench@example.org", password="bench-password-long", full_name="Bench Coordinator"
    )
    Membership.objects.create(
        user=user, partnership=Partnership.objects.get(slug="district-0"), role=Role.COORDINATOR
    )
    return user


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


user = build_county()
client = Client(HTTP_HOST="localhost")
client.force_login(user)
url = "/partnerships/district-0/structure/"

queries_full = queries_for(client, url)
# The same page with a tenth of the groups: the count must not change.
extra = Partnership.objects.create(
    name="Small Community Safety Partnership", slug="small", police_force="hertfordshire"
)
Membership.objects.create(user=user, partnership=extra, role=Role.COORDINATOR)
Group.objects.create(partnership=extra, name="Board", kind=GroupKind.BOARD)
queries_small = queries_for(client, "/partnerships/small/structure/")

timings = measure(lambda: client.get(url), warmup=5, repeat=100)

report = Report(
    f"Structure page, {PARTNERSHIPS} partnerships × {ORGANISATIONS} organisations × {GROUPS} groups, on {database}"
)
report.figure("SQL queries, page with 20 groups", queries_full, 15, "q")
report.figure(
    "SQL queries, page with 1 group (must equal the above)", queries_small, queries_full + 1, "q"
)
report.figure("server time, median", statistics.median(timings), 100, "ms")
report.figure("server time, 95th percentile", p95(timings), 100, "ms")
report.finish()
