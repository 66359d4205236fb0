"""The money behind the demo's Hertsmere action plan 2019-20 (issue 26): the Police and
Crime Commissioner's community safety fund, which seed 003 records paying towards the
Modern Slavery Partnership co-ordinator post ("Funding from PCC secured for contribution
towards post"), here also paying for the Fearless awareness sessions and the knife
amnesties. The amounts, reference and conditions are the demo's own. Two quarters of
spend are recorded (Q1 and Q2 2019-20): the board report of October 2019 shows the grant
behind an even spend and paying for an amber action; later quarters show as not recorded."""

import datetime
from decimal import Decimal

from saferplan.accounts.models import User
from saferplan.funding import services
from saferplan.funding.models import GrantKind
from saferplan.funding.selectors import Quarter
from saferplan.partnerships.models import Partnership
from saferplan.plans.models import Action, PlanKind

# Action title's start -> (allocated, spent in Q1 2019-20, spent in Q2 2019-20).
ALLOCATIONS = {
    "Funding from PCC secured for contribution": (
        Decimal("6000"),
        Decimal("1500"),
        Decimal("1500"),
    ),
    "Raise awareness of the Fearless worker": (Decimal("3500"), Decimal("0"), Decimal("350")),
    "Arrange regular knife amnesties": (Decimal("2500"), Decimal("640"), Decimal("310.50")),
}


def load(*, coordinator: User, hertsmere: Partnership) -> None:
    plan = hertsmere.plans.get(kind=PlanKind.ACTION)
    grant = services.grant_create(
        actor=coordinator,
        partnership=hertsmere,
        name="PCC Community Safety Fund 2019-20",
        kind=GrantKind.PCC_FUND,
        funder="Office of the Police and Crime Commissioner for Hertfordshire",
        reference="CSF/2019/HBC",
        amount=Decimal("12000"),
        starts_on=datetime.date(2019, 4, 1),
        ends_on=datetime.date(2020, 3, 31),
        conditions=(
            "A monitoring return is due within 15 working days of the end of each quarter.\n\n"
            "The fund pays for the co-ordinator post agreed with the Commissioner and for "
            "activity in the action plan; any underspend at 31 March 2020 is returned."
        ),
        underspend_tolerance=20,
    )
    allocations = {}
    for start, (allocated, *_spent) in ALLOCATIONS.items():
        action = Action.objects.get(priority__plan=plan, title__startswith=start)
        allocations[start] = services.allocation_set(
            actor=coordinator, grant=grant, action=action, amount=allocated
        )
    for number in (1, 2):
        services.spend_record(
            actor=coordinator,
            grant=grant,
            quarter=Quarter(2019, number),
            amounts={
                allocations[start].pk: spent[number - 1]
                for start, (_a, *spent) in ALLOCATIONS.items()
            },
            # The first quarter's return as sent: why it is behind, and who certified it.
            report=(
                {
                    "variance": (
                        "Q1 spend is behind the profile because the Fearless sessions in "
                        "secondary schools start in the autumn term; the sum is committed to them."
                    ),
                    "forecast": Decimal("12000"),
                    "signed_off_by": "Chris Taylor",
                    "signed_off_role": "Head of Finance, Hertsmere Borough Council",
                    "signed_off_on": datetime.date(2019, 7, 19),
                }
                if number == 1
                else None
            ),
        )
