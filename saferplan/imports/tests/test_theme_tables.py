"""Dacorum's theme tables (seed 001) give one action a bullet, and the outcomes a line a bullet,
though the conversion to text ran each cell's bullets together (theme_tables.py)."""

from pathlib import Path

import pytest

from saferplan.imports.readers import parse_plan
from saferplan.imports.theme_tables import split_run_on

SEEDS = Path(__file__).resolve().parents[2] / "demo" / "seeds"

# Counted by hand from the seed (saferplan/demo/seeds/001_6a53fb9f5d3cd175.txt, lines 97-110),
# reading each cell for where the Dacorum plan's bullets start: a theme's actions, in order.
HAND_ACTIONS = {
    "Antisocial Behaviour": [
        "Identify the antisocial behaviour issues affecting local communities",
        "Raise awareness of antisocial behaviour in education establishments",
        "Develop diversionary and early intervention activities",
        "Embody the new Anti-Social Behaviour Action Plan into the work that the partnership "
        "already carries out.",
        "Map crimes, antisocial behaviour, locations, and times to identify hotspots and direct "
        "partnership activity and resources (Intelligence-led approach)",
        "Promote close working relationships with local CCTV operations teams, ensuring the "
        "proactive prevention of crime and ASB",
    ],
    "Violent Crime and Harm Prevention": [
        "Reduce violence on the streets",
        "Raise awareness of violent crime",
        "Work with victims and perpetrators of violent crime",
        "Reduce youth violence utilising models based on prevention, early intervention, "
        "education, enforcement and reassurance.",
        "Increase the numbers of mentoring programmes for young people.",
        "Understand the motive for committing violent crime e.g. ACEs, community, inequalities, "
        "relationships with the police, health and areas of deprivation.",
        "Collaborate with local colleges and schools to form a student panel.",
    ],
    "Hate Crime": [
        "Ensure services for victims and perpetrators of hate crime is accessible and available "
        "for all",
        "Network of reporting organisations, work to consistent standards",
        "Engaging with the community, listening to their concerns",
        "Mandatory Prevent training for staff",
        "Raise awareness hate crime in education establishments",
        "Collaboration on projects e.g. Op Ideogram.",
    ],
    "Reduce Domestic Abuse": [
        "Preventing perpetrators offending and reoffending",
        "Educating children and young people about healthy relationships.",
        "Improve our responses and share the responsibility with all our services, partners, "
        "stakeholders and community.",
        "Stop the progression of abuse through early detection, intervention, support and "
        "enforcement for both victims and perpetrators",
        "We will continue to drive the long term changes required through domestic abuse "
        "legislation.",
        "Identify the impact and trends that VAWG (Violence Against Women and Girls) has on our "
        "local communities.",
    ],
    "Prevent Extremist Activity": [
        "Dacorum Community Safety Partnership will continue working alongside community groups "
        "and organisations throughout Dacorum.",
        "Concerns relating to extremist activity to be reported at the earliest opportunity.",
        "Monitor the prevent action plan – CSP strategy group/JAG",
        "Op Ideogram (graffiti project) – The Council's Safeguarding Lead has organised training "
        "for 100 DBC staff covering the signs of extremist graffiti tagging and how to report "
        "incidents.",
    ],
    "Exploitation of vulnerable people": [
        "Improve our understanding of who is being targeted and how.",
        "Collaborate with partners to raise awareness and signs of abuse",
        "Engage with the public, business and the voluntary & community sector agencies to "
        "increase the network of support and minimise the opportunities for abuse and "
        "exploitation of vulnerable people.",
        "Improve our understanding of cuckooing and map the locality concerns within Dacorum",
        "Promotion of the St Albans and Dacorum Youth Action Panel (SAD YAP)",
    ],
    "Modern Slavery Sexual Exploitation Criminal Exploitation (Including County Lines) Human "
    "Trafficking": [
        "Dacorum Community Safety Partnership will work with all its partners to tackle "
        "persistent criminal behaviour.",
        "We will continue to raise awareness within our communities in order to reduce the risk "
        "of exploitation, neglect and/or criminal activities.",
        "Working with the voluntary and community sector (VCS), we will minimise serious "
        "organised crime and all forms of exploitation.",
        "We will provide appropriate and effective support for victims and people at risk",
    ],
}

# Counted by hand the same way: each theme's desired outcomes and measures of success.
HAND_OUTCOMES = {
    "Antisocial Behaviour": [
        "Reduction in reports of Antisocial Behaviour Incidents",
        "Increase in Public Confidence",
        "ASB enforcement",
        "Reduction in ASB Case Reviews that are referred to the partnership for review and "
        "consideration",
        "Increased taskings provided to the council's CCTV team.",
    ],
    "Violent Crime and Harm Prevention": [
        "A developed and embedded partnership response to violent crime and harm prevention in "
        "Dacorum",
        "Reduction in Violent Crime",
        "Increased feelings of safety in Dacorum",
        "Reduction in serious violence and harm (including Knife Crime)",
    ],
    "Hate Crime": [
        "Increased hate crime awareness",
        "Improved access to services",
        "Community cohesion activities",
        "Fewer victims of hate crimev",
    ],
    "Reduce Domestic Abuse": [
        "Reduction in the number of victims and repeat victims",
        "Implement Domestic Abuse Workplace Champions",
        "Ensure access to safe accommodation",
        "Increased awareness of Domestic Abuse and the early signs of coercive control",
        "Creation of Domestic Abuse Strategy, refreshed annually",
        "Annual Domestic Abuse Needs Assessment to ensure fit for purpose commissioning and "
        "service provision",
    ],
    "Prevent Extremist Activity": [
        "Identify potential vulnerabilities related to extremism or radicalisation",
        "Secure support mechanisms to prevent individuals from being drawn into terrorism",
        "Reduce 'hate crime' through Prevent and integration related activity in our schools and "
        "communities.",
        "Increase the understanding of partners of the local threats and vulnerabilities in "
        "relation to extremism and terrorism",
        "Identify third sector capacity to increase the range of support available.",
        "Increased awareness in all employees, of the actions of potential extremist or "
        "terrorist and how to respond",
        "Support partners to embed the prevent duty across all relevant organisations",
    ],
    "Exploitation of vulnerable people": [
        "Fewer victims of Financial Abuse/ exploitation",
        "Increased awareness of abuse and how to prevent it",
        "Improved support and aessibility of services for victims",
        "Increased number of referrals put forward to the SAD YAP.",
    ],
    "Modern Slavery Sexual Exploitation Criminal Exploitation (Including County Lines) Human "
    "Trafficking": [
        "Develop and implement an Exploitation strategy and supporting delivery plans",
        "Reduction in serious and organised crime",
        "Reduction in the exploitation of vulnerable people",
        "Reduction in serious crime involving weapons.",
        "Increased awareness of organised crime including perpetrators and the locations used to "
        "commit crime",
        "Increased awareness, across all agencies and in the community of how to identify and "
        "report organised crime",
        "Clear understanding of the increase number of children, young people and adults with "
        "vulnerabilities being exploited and at risk of being exploited",
        "Clear multi-agency Pathways for all cases of exploitation",
        "Intregated Exploitation hub",
        "Progress multi-agency interventions to rehabilitate perpetrators and improve "
        "partnership working",
        "Increased access to safe accommodation",
        "Increased awareness of Domestic Abuse and the early signs of coercive control",
    ],
}

# The tolerance, stated: a bullet that starts straight after a capitalised or all-capitals word
# ("…group/JAG Op Ideogram…", "…within Dacorum Promotion of…", "…Incidents Increase in…") cannot
# be told from a name going on ("the new Anti-Social Behaviour Action Plan into", "ASB Case
# Reviews", "Domestic Abuse Strategy") by case alone, so it stays joined to the bullet before.
# (theme, the hand bullet read joined to the one before it.)
JOINED_ACTIONS = {
    ("Prevent Extremist Activity", "Op Ideogram (graffiti project)"),
    ("Exploitation of vulnerable people", "Promotion of the St Albans"),
}  # 2 of the 38 actions' 31 boundaries
JOINED_OUTCOMES = {
    ("Antisocial Behaviour", "Increase in Public Confidence"),  # after "Incidents"
    ("Antisocial Behaviour", "ASB enforcement"),  # after "Confidence"; all capitals besides
    ("Violent Crime and Harm Prevention", "Reduction in Violent Crime"),  # after "Dacorum"
    ("Violent Crime and Harm Prevention", "Increased feelings"),  # after "Crime"
    ("Violent Crime and Harm Prevention", "Reduction in serious"),  # after "Dacorum"
    ("Reduce Domestic Abuse", "Ensure access"),  # after "Champions"
}  # 6 of the 42 outcomes' 35 boundaries


def _joined(theme: str, bullets: list[str], joined: set[tuple[str, str]]) -> list[str]:
    """The hand list with the tolerated bullets read onto the one before them."""
    result: list[str] = []
    for bullet in bullets:
        if result and any(t == theme and bullet.startswith(s) for t, s in joined):
            result[-1] = f"{result[-1]} {bullet}"
        else:
            result.append(bullet)
    return result


@pytest.fixture(scope="module")
def themes():
    name = "001_6a53fb9f5d3cd175.txt"
    plan = parse_plan((SEEDS / name).read_bytes(), name)
    return {o.title: o for p in plan.priorities for o in p.objectives}, plan


def test_the_hand_lists_name_every_theme_and_every_tolerance_is_a_bullet_of_them(themes):
    by_title, _ = themes
    assert list(by_title) == list(HAND_ACTIONS) == list(HAND_OUTCOMES)
    assert sum(len(b) for b in HAND_ACTIONS.values()) == 38
    assert sum(len(b) for b in HAND_OUTCOMES.values()) == 42
    for hand, joined in ((HAND_ACTIONS, JOINED_ACTIONS), (HAND_OUTCOMES, JOINED_OUTCOMES)):
        for theme, start in joined:
            assert [b for b in hand[theme][1:] if b.startswith(start)], (theme, start)


@pytest.mark.parametrize("theme", list(HAND_ACTIONS))
def test_seed_001s_theme_tables_give_one_action_a_bullet(themes, theme):
    by_title, _ = themes
    actions = [a.title for a in by_title[theme].actions]
    assert actions == _joined(theme, HAND_ACTIONS[theme], JOINED_ACTIONS)


@pytest.mark.parametrize("theme", list(HAND_OUTCOMES))
def test_seed_001s_desired_outcomes_are_a_line_a_bullet(themes, theme):
    by_title, _ = themes
    outcomes = _joined(theme, HAND_OUTCOMES[theme], JOINED_OUTCOMES)
    expected = "\n".join(f"- {o}" for o in outcomes) if len(outcomes) > 1 else outcomes[0]
    assert by_title[theme].desired_outcomes == expected


def test_the_plan_says_its_theme_tables_bullets_were_guessed(themes):
    _, plan = themes
    kinds = [w.kind for w in plan.warnings]
    assert kinds.count("bullets_guessed") == 6  # three Actions rows, three Outcomes rows
    assert "one_action_per_theme" not in kinds


@pytest.mark.parametrize(
    "cell",
    [
        # Short: a bullet, whatever its capitals.
        "Reduce violence on the streets Raise awareness of violent crime",
        # One sentence with names in it: the phrase goes on through them.
        "Work with the new Anti-Social Behaviour Action Plan and through Prevent and Channel, "
        "with Hertfordshire Constabulary and the Council's Safeguarding Lead, e.g. Op Ideogram.",
        # One place where a new bullet could start is not a run-on list.
        "Promote close working relationships with local CCTV operations teams to prevent crime. "
        "Map crimes, antisocial behaviour, locations, and times to identify hotspots.",
    ],
)
def test_a_cell_that_is_not_a_run_on_list_stays_as_written(cell):
    assert split_run_on(f" {cell} ") == [cell]


def test_an_empty_cell_gives_no_bullet():
    assert split_run_on("  ") == []
