"""A Welsh partnership for the demo (issue 24): a short partnership plan, written for the demo
in English and in Welsh (no real partnership's words), published in both. Its coordinator
writes the Welsh through the same page a real one would (public.services.welsh_texts_set)."""

import datetime

from saferplan.accounts import services as account_services
from saferplan.partnerships import services as partnership_services
from saferplan.partnerships.models import OrganisationKind, PoliceForce
from saferplan.plans import services as plan_services
from saferplan.plans.models import PlanKind, PlanStatus
from saferplan.public import selectors as public_selectors
from saferplan.public import services as public_services

SLUG = "cwm-tawel"
COORDINATOR = ("cydlynydd@example.org", "Cerys Cydlynydd", "Swyddog Diogelwch Cymunedol")

# (English, Welsh), as the coordinator writes them.
TITLE = (
    "Cwm Tawel Community Safety Plan 2024 to 2027",
    "Cynllun Diogelwch Cymunedol Cwm Tawel 2024 i 2027",
)
IN_BRIEF = (
    "This plan says how the council, the police and other services in Cwm Tawel will work "
    "together to keep people safe.",
    "Mae'r cynllun hwn yn dweud sut y bydd y cyngor, yr heddlu a gwasanaethau eraill yng "
    "Nghwm Tawel yn cydweithio i gadw pobl yn ddiogel.",
)
FOREWORD = (
    "Everyone in Cwm Tawel should feel safe at home, in the street and online. This plan sets "
    "out what the partnership will do over the next three years.",
    "Dylai pawb yng Nghwm Tawel deimlo'n ddiogel gartref, ar y stryd ac ar-lein. Mae'r cynllun "
    "hwn yn nodi beth fydd y bartneriaeth yn ei wneud dros y tair blynedd nesaf.",
)
AIMS = [
    ("To reduce anti-social behaviour", "Lleihau ymddygiad gwrthgymdeithasol"),
    ("To protect people at risk of harm", "Diogelu pobl sydd mewn perygl o niwed"),
]
PRIORITIES = [
    (
        ("Anti-social behaviour in town centres", "Ymddygiad gwrthgymdeithasol yng nghanol trefi"),
        [
            (
                "Patrol the town centres on Friday and Saturday evenings",
                "Patrolio canol y trefi ar nos Wener a nos Sadwrn",
            ),
            (
                "Work with young people on activities in the evenings",
                "Gweithio gyda phobl ifanc ar weithgareddau gyda'r nos",
            ),
        ],
    ),
    (
        ("Domestic abuse", "Cam-drin domestig"),
        [
            ("Tell people where to get help", "Dweud wrth bobl ble i gael help"),
            (
                "Train staff to recognise the signs of abuse",
                "Hyfforddi staff i adnabod arwyddion cam-drin",
            ),
        ],
    ),
]


def load(*, admin, password: str) -> None:
    partnership = partnership_services.partnership_create(
        actor=admin,
        name="Cwm Tawel Community Safety Partnership",
        slug=SLUG,
        police_force=PoliceForce.DYFED_POWYS,
        districts=[],
        description="A Welsh partnership made up for the demo: its plan is published in "
        "English and in Welsh.",
    )
    council = partnership_services.organisation_create(
        actor=admin,
        partnership=partnership,
        name="Cyngor Cwm Tawel (demo)",
        abbreviation="",
        kind=OrganisationKind.LOCAL_AUTHORITY,
        aliases=[],
    )
    email, full_name, job_title = COORDINATOR
    user = account_services.user_create(
        actor=admin, email=email, full_name=full_name, job_title=job_title, password=password
    )
    account_services.membership_add(
        actor=admin,
        partnership=partnership,
        email=user.email,
        full_name=user.full_name,
        role="coordinator",
        organisation=council,
        base_url="http://127.0.0.1:8000",
    )
    plan = plan_services.plan_create(
        actor=user,
        partnership=partnership,
        kind=PlanKind.STRATEGIC,
        title=TITLE[0],
        period_start=datetime.date(2024, 4, 1),
        period_end=datetime.date(2027, 3, 31),
        plain_summary=IN_BRIEF[0],
        foreword=FOREWORD[0],
    )
    welsh = {TITLE[0]: TITLE[1], IN_BRIEF[0]: IN_BRIEF[1], FOREWORD[0]: FOREWORD[1]}
    for number, (english, cymraeg) in enumerate(AIMS, start=1):
        plan_services.aim_create(actor=user, plan=plan, text=english, number=number)
        welsh[english] = cymraeg
    for number, ((title, cymraeg), actions) in enumerate(PRIORITIES, start=1):
        priority = plan_services.priority_create(actor=user, plan=plan, number=number, title=title)
        welsh[title] = cymraeg
        for action, action_cymraeg in actions:
            plan_services.action_create(actor=user, priority=priority, title=action)
            welsh[action] = action_cymraeg
    plan_services.plan_transition(actor=user, plan=plan, status=PlanStatus.APPROVED)
    plan_services.plan_transition(actor=user, plan=plan, status=PlanStatus.PUBLISHED)
    # The installation's crime glossary is in English: this partnership leaves it out.
    published = public_selectors.published_plan(partnership=partnership)
    public_services.published_layout_set(
        actor=user,
        partnership=partnership,
        order=[anchor for anchor, _ in published.arranged],
        hidden=["glossary"],
        headings=dict(published.arranged),
    )
    sources = public_selectors.welsh_sources(partnership=partnership)
    public_services.welsh_texts_set(
        actor=user,
        partnership=partnership,
        in_welsh=True,
        texts={s.key: welsh[s.english] for s in sources if s.english in welsh},
        labels={s.key: s.label for s in sources},
        english={s.key: s.english for s in sources},
    )
