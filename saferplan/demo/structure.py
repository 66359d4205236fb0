"""The demo's partnerships, organisations and groups, as the seed documents name them
(shared/seeds 000 Three Rivers, 001 Dacorum, 002/003 Hertsmere, 004 East Herts)."""

from decimal import Decimal

from saferplan.partnerships.models import GroupKind as G
from saferplan.partnerships.models import OrganisationKind as K

PARTNERSHIPS = [
    {
        "slug": "three-rivers",
        "name": "Three Rivers Community Safety Partnership",
        "districts": ["Three Rivers"],
        "population": 93300,
        "population_source": "ONS Census 2021, usual residents",
        "area_sq_km": Decimal("88.8"),
        "area_source": "Three Rivers District, 88.8 km² (Wikipedia infobox, from ONS area measurements)",
        "description": "Safeguarding and Managing Crime Plan 2021-24: six priorities monitored as a live document.",
    },
    {
        "slug": "dacorum",
        "name": "Dacorum Community Safety Partnership",
        "districts": ["Dacorum"],
        "population": 155100,
        "population_source": "ONS Census 2021, usual residents",
        "area_sq_km": Decimal("212.5"),
        "area_source": "Dacorum, 212.5 km² (Wikipedia infobox; Census 2021 density 730 per km²)",
        "description": "A Safer Dacorum: three strategic priorities for 2023-26.",
    },
    {
        "slug": "hertsmere",
        "name": "Hertsmere Community Safety Partnership",
        "districts": ["Hertsmere"],
        "population": 107500,
        "population_source": "ONS Census 2021, usual residents",
        "area_sq_km": Decimal("101.2"),
        "area_source": "Hertsmere Borough Profile, September 2017: 10,116 hectares",
        "description": "Community Safety Partnership Plan 2023-27: three aims and six annual priorities.",
    },
    {
        "slug": "east-herts",
        "name": "East Herts Community Safety Partnership",
        "districts": ["East Hertfordshire"],
        "population": 151100,
        "population_source": "ONS Census 2021, usual residents",
        "area_sq_km": Decimal("475.7"),
        "area_source": "East Hertfordshire, 475.69 km² (Wikipedia infobox, from ONS area measurements)",
        "description": "Action plan 2008-09, organised by the Joint Action Group.",
    },
]

ALL = [p["slug"] for p in PARTNERSHIPS]

# (name, abbreviation, kind, partnerships)
ORGANISATIONS = [
    ("Hertfordshire Constabulary", "Herts Police", K.POLICE, ALL),
    ("Hertfordshire Fire and Rescue Service", "HFRS", K.FIRE_AND_RESCUE, ALL),
    ("The Probation Service", "Probation", K.PROBATION, ALL),
    ("Hertfordshire County Council", "HCC", K.LOCAL_AUTHORITY, ALL),
    ("Hertfordshire and West Essex Integrated Care Board", "ICB", K.HEALTH, ALL),
    (
        "Office of the Police and Crime Commissioner for Hertfordshire",
        "OPCC",
        K.CO_OPERATING_BODY,
        ALL,
    ),
    ("Three Rivers District Council", "TRDC", K.LOCAL_AUTHORITY, ["three-rivers"]),
    ("Dacorum Borough Council", "DBC", K.LOCAL_AUTHORITY, ["dacorum"]),
    ("Hertsmere Borough Council", "HBC", K.LOCAL_AUTHORITY, ["hertsmere"]),
    ("East Herts Council", "EHC", K.LOCAL_AUTHORITY, ["east-herts"]),
    ("Integrated Youth Support Service", "IYSS", K.LOCAL_AUTHORITY, ["east-herts"]),
    ("Hertsmere Safer Neighbourhood Team", "Hertsmere SNT", K.POLICE, ["hertsmere"]),
    ("St Giles Trust", "", K.VOLUNTARY_SECTOR, ["hertsmere", "three-rivers"]),
    ("Josh Hanson Trust", "", K.VOLUNTARY_SECTOR, ["hertsmere"]),
    ("Clarion Housing Group", "", K.CO_OPERATING_BODY, ["hertsmere"]),
]

RESPONSIBLE = [
    "Hertfordshire Constabulary",
    "Hertfordshire Fire and Rescue Service",
    "The Probation Service",
    "Hertfordshire County Council",
    "Hertfordshire and West Essex Integrated Care Board",
]

# partnership slug -> [(name, abbreviation, kind, reports to, purpose, member organisations)]
GROUPS = {
    "three-rivers": [
        (
            "Community Safety Board",
            "",
            G.BOARD,
            None,
            "Strategic management of the partnership plan.",
            [*RESPONSIBLE, "Three Rivers District Council"],
        ),
        (
            "Community Safety Coordinating Group",
            "",
            G.JOINT_ACTION_GROUP,
            "Community Safety Board",
            "Monitors and updates the live action plan and reports progress and challenges to the board.",
            [
                "Hertfordshire Constabulary",
                "Three Rivers District Council",
                "Hertfordshire County Council",
            ],
        ),
        (
            "Anti-Social Behaviour Action Group",
            "ASBAG",
            G.SUB_GROUP,
            "Community Safety Coordinating Group",
            "",
            ["Hertfordshire Constabulary", "Three Rivers District Council"],
        ),
        (
            "Domestic Abuse Safeguarding Group",
            "",
            G.SUB_GROUP,
            "Community Safety Coordinating Group",
            "",
            ["Hertfordshire Constabulary", "Hertfordshire County Council", "The Probation Service"],
        ),
        (
            "South West Herts Youth Action Panel",
            "YAP",
            G.SUB_GROUP,
            "Community Safety Coordinating Group",
            "Joint panel of Hertsmere, Three Rivers and Watford for young people at risk of exploitation.",
            ["Hertfordshire Constabulary", "Hertfordshire County Council", "St Giles Trust"],
        ),
    ],
    "dacorum": [
        (
            "Dacorum Community Safety Partnership Strategy Board",
            "",
            G.BOARD,
            None,
            "Directs exceptional reporting and strategic needs.",
            [*RESPONSIBLE, "Dacorum Borough Council"],
        ),
        (
            "Joint Action Group",
            "JAG",
            G.JOINT_ACTION_GROUP,
            "Dacorum Community Safety Partnership Strategy Board",
            "Partners report performance against the priorities, supported by the priority leads.",
            [
                "Hertfordshire Constabulary",
                "Dacorum Borough Council",
                "Hertfordshire Fire and Rescue Service",
            ],
        ),
    ],
    "hertsmere": [
        (
            "Hertsmere Community Safety Board",
            "",
            G.BOARD,
            None,
            "Representatives of the responsible authorities; sets the partnership plan.",
            [*RESPONSIBLE, "Hertsmere Borough Council"],
        ),
        (
            "Joint Agency Group",
            "JAG",
            G.JOINT_ACTION_GROUP,
            "Hertsmere Community Safety Board",
            "Tackles emerging issues and vulnerable people and places.",
            [
                "Hertsmere Safer Neighbourhood Team",
                "Hertsmere Borough Council",
                "Clarion Housing Group",
            ],
        ),
        (
            "Anti-Social Behaviour Forum",
            "",
            G.FORUM,
            "Joint Agency Group",
            "",
            [
                "Hertsmere Safer Neighbourhood Team",
                "Hertsmere Borough Council",
                "Clarion Housing Group",
            ],
        ),
        (
            "Multi-Agency Risk Reduction Group",
            "MARRG",
            G.SUB_GROUP,
            "Joint Agency Group",
            "",
            ["Hertsmere Safer Neighbourhood Team", "Hertsmere Borough Council"],
        ),
        (
            "Multi-Agency Child Exploitation Panel",
            "MACE",
            G.SUB_GROUP,
            "Joint Agency Group",
            "",
            ["Hertfordshire Constabulary", "Hertfordshire County Council"],
        ),
        (
            "South West Herts Youth Action Panel",
            "YAP",
            G.SUB_GROUP,
            "Joint Agency Group",
            "Tri-CSP panel of Hertsmere, Three Rivers and Watford.",
            [
                "Hertfordshire Constabulary",
                "Hertfordshire County Council",
                "St Giles Trust",
                "Josh Hanson Trust",
            ],
        ),
        (
            "St Albans and Hertsmere Domestic Abuse Forum",
            "DA Forum",
            G.FORUM,
            "Hertsmere Community Safety Board",
            "",
            ["Hertsmere Borough Council", "Hertfordshire Constabulary"],
        ),
        (
            "Borehamwood Action Group",
            "",
            G.SUB_GROUP,
            "Joint Agency Group",
            "",
            ["Hertsmere Safer Neighbourhood Team", "Hertsmere Borough Council"],
        ),
    ],
    "east-herts": [
        (
            "East Herts Community Safety Partnership Board",
            "",
            G.BOARD,
            None,
            "",
            [*RESPONSIBLE, "East Herts Council"],
        ),
        (
            "Joint Action Group",
            "JAG",
            G.JOINT_ACTION_GROUP,
            "East Herts Community Safety Partnership Board",
            "Monitors and targets crime trends; assigns actions.",
            [
                "Hertfordshire Constabulary",
                "East Herts Council",
                "Integrated Youth Support Service",
            ],
        ),
        (
            "Anti-Social Behaviour Group",
            "ASB",
            G.SUB_GROUP,
            "Joint Action Group",
            "",
            ["Hertfordshire Constabulary", "East Herts Council"],
        ),
        (
            "Night Time Economy Group",
            "NTE",
            G.SUB_GROUP,
            "Joint Action Group",
            "",
            ["Hertfordshire Constabulary", "East Herts Council"],
        ),
        (
            "Alcohol and Drugs Working Group",
            "",
            G.SUB_GROUP,
            "Joint Action Group",
            "",
            [
                "Hertfordshire Constabulary",
                "East Herts Council",
                "Integrated Youth Support Service",
            ],
        ),
        (
            "Prolific and Priority Offenders Group",
            "PPO Group",
            G.SUB_GROUP,
            "Joint Action Group",
            "",
            ["The Probation Service", "Hertfordshire Constabulary"],
        ),
        (
            "Partnership Communications Group",
            "Comms",
            G.SUB_GROUP,
            "Joint Action Group",
            "",
            ["East Herts Council", "Hertfordshire Constabulary"],
        ),
        (
            "East Herts and Broxbourne Domestic Violence Forum",
            "EH and Brox DV Forum",
            G.FORUM,
            "East Herts Community Safety Partnership Board",
            "",
            ["East Herts Council", "Hertfordshire Constabulary"],
        ),
    ],
}

# Other names the seed plans use for organisations and groups, as a coordinator records them
# when the import preview lists an owner it could not match.
ALIASES = {
    "Hertsmere Borough Council": [
        "Hertsmere Community Safety Team",
        "Hertsmere Community Safety",
        "Community Safety Team",
        "CST",
    ],
    "Hertfordshire Constabulary": [
        "Herts Constabulary",
        "Hertsmere Police",
        "Hertsmere policing teams",
        "Police",
    ],
    "Hertsmere Safer Neighbourhood Team": ["SNT"],
}
GROUP_ALIASES = {
    ("hertsmere", "St Albans and Hertsmere Domestic Abuse Forum"): [
        "St Albans and Hertsmere DA Forum",
        "Welwyn Hatfield, St Albans and Hertsmere DA Fora",
        "Welwyn Hatfield, St Albans and Hertsmere DA Fora's",
    ],
}

# The seed plans to import, all five: (file in saferplan/demo/seeds, partnership).
# The published plan whose last pages give the demo's achievements and contacts.
HERTSMERE_PUBLISHED_PLAN = "002_21a7333a4ab4cb87.txt"

ACTION_PLANS = [
    ("000_37891d1c771535bb.txt", "three-rivers"),
    ("001_6a53fb9f5d3cd175.txt", "dacorum"),
    ("002_21a7333a4ab4cb87.txt", "hertsmere"),
    ("003_beef6faf28b908d0.txt", "hertsmere"),
    ("004_5db9fcdabedcd926.txt", "east-herts"),
]

# The seed has an empty RAG column; these are the ratings its coordinator gives in the demo,
# so that the board report and My actions have red, amber, green and white to show.
# (start of the action's text, rating, reason)
HERTSMERE_RATINGS = [
    (
        "Arrange events in the community",
        "green",
        "Seven events delivered with good attendance; more booked",
    ),
    (
        "Arrange regular knife amnesties",
        "green",
        "Knife bins in place and Op Sceptre weeks delivered",
    ),
    ("Launch the Tri-CSP Youth Action Panel", "green", "Panel launched and meeting monthly"),
    ("Deliver Mini Police Cadets", "green", "Running in five primary schools"),
    (
        "Raise awareness of the Fearless worker",
        "amber",
        "Mount Grace workshops cancelled; to be rebooked",
    ),
    (
        "Produce a Hertsmere process and response to cuckooing",
        "amber",
        "Waiting for the new MARRG to agree the route",
    ),
    (
        "Review the multi-agency process",
        "amber",
        "Review started late; MARRG terms of reference in draft",
    ),
    (
        "Deliver training to professionals to raise awareness of exploitation",
        "amber",
        "No trainer booked yet",
    ),
    ("Actively promote the Hertfordshire DA helpline", "red", "No promotion recorded this year"),
    (
        "Firmly embed the Counter Terrorism Local Plan",
        "red",
        "Compliance not monitored since the plan was issued",
    ),
    ("Utilise CGL data", "white", "Not started: needs a data-sharing agreement with CGL"),
]
# Actions the seed itself says are finished with: (start of text, status, reason)
HERTSMERE_STATUSES = [
    (
        "Ensure messages re use of stop search",
        "discharged",
        "Monitored in force performance regimes, so discharged from the action plan (update of 2019)",
    ),
    ("Launch the Tri-CSP Youth Action Panel", "complete", "Panel launched on 29/03/2019"),
]

DEMO_PASSWORD = "saferplan-demo-2026"  # noqa: S105 - printed by `saferplan demo`, demo database only

# (email, full name, job title, {partnership slug: (role, organisation)}, is_superuser)
USERS = [
    (
        "coordinator@example.org",
        "Carol Coordinator",
        "Community Safety Manager",
        {
            "hertsmere": ("coordinator", "Hertsmere Borough Council"),
            "three-rivers": ("coordinator", "Three Rivers District Council"),
        },
        False,
    ),
    (
        "editor@example.org",
        "Ed Owner",
        "Community Safety Officer",
        {"hertsmere": ("editor", "Hertsmere Borough Council")},
        False,
    ),
    (
        "inspector@example.org",
        "Inspector Priya Shah",
        "Neighbourhood Inspector",
        {"hertsmere": ("editor", "Hertsmere Safer Neighbourhood Team")},
        False,
    ),
    (
        "viewer@example.org",
        "Val Board-Member",
        "Director of Community Services",
        {"hertsmere": ("viewer", "Hertsmere Borough Council")},
        False,
    ),
    (
        "analyst@example.org",
        "Ana Analyst",
        "County Community Safety Analyst",
        dict.fromkeys(ALL, ("analyst", "Hertfordshire County Council")),
        False,
    ),
    (
        "dacorum.coordinator@example.org",
        "Dan Dacorum",
        "Community Safety Lead",
        {"dacorum": ("coordinator", "Dacorum Borough Council")},
        False,
    ),
    (
        "eastherts.coordinator@example.org",
        "Erin East",
        "Community Safety Coordinator",
        {"east-herts": ("coordinator", "East Herts Council")},
        False,
    ),
    ("admin@example.org", "Sam Administrator", "saferplan administrator", {}, True),
]
