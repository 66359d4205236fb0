"""How the demo's Hertsmere governs its plans (issue 26): the Police and Crime Commissioner's
priorities its priorities serve, who leads each priority, and the Joint Agency Group's
meetings on the 2019-20 action plan, one with its minutes and the action it agreed."""

import datetime

from saferplan.accounts.models import User
from saferplan.attachments.files import attachment_from_upload
from saferplan.meetings import services as meeting_services
from saferplan.partnerships import pcc_services
from saferplan.partnerships import services as partnership_services
from saferplan.partnerships.models import Organisation, Partnership
from saferplan.plans import services as plan_services
from saferplan.plans.models import PlanKind

# The commissioner's priorities as seed 001 (Dacorum's plan) names them: "The Police and
# Crime Commissioner for Hertfordshire also have priorities that are aligned to the broader
# CSP priorities. These are: Keep Crime Low, Focus on Victims". The period is the demo's own,
# chosen to span the demo's plans; the web address is the one seed 002 lists.
PCC_PLAN = {
    "title": "Police and Crime Plan for Hertfordshire",
    "commissioner": "Police and Crime Commissioner for Hertfordshire",
    "period_start": datetime.date(2019, 4, 1),
    "period_end": datetime.date(2027, 3, 31),
    "web_address": "https://www.hertscommissioner.org",
}
PCC_PRIORITIES = ["Keep Crime Low", "Focus on Victims"]

# Priority number -> (commissioner's priorities it serves, lead's e-mail or name, organisation).
# Seed 002's partnership plan 2023-27 ...
STRATEGIC = {
    1: (["Focus on Victims"], "inspector@example.org", "Hertsmere Safer Neighbourhood Team"),
    2: (["Keep Crime Low"], "inspector@example.org", "Hertsmere Safer Neighbourhood Team"),
    3: (["Focus on Victims"], "coordinator@example.org", "Hertsmere Borough Council"),
    5: (["Keep Crime Low"], "Sgt Vaughan", "Hertfordshire Constabulary"),
    6: (["Keep Crime Low", "Focus on Victims"], "editor@example.org", "Hertsmere Borough Council"),
}
# ... and seed 003's action plan 2019-20, whose board report the demo holds.
ACTION_PLAN = {
    1: (["Keep Crime Low"], "inspector@example.org", "Hertsmere Safer Neighbourhood Team"),
    2: (["Focus on Victims"], "coordinator@example.org", "Hertsmere Borough Council"),
}


def load(*, coordinator: User, hertsmere: Partnership) -> None:
    _pcc_and_leads(coordinator=coordinator, hertsmere=hertsmere)
    _jag_meetings(coordinator=coordinator, hertsmere=hertsmere)
    _sign_off(coordinator=coordinator, hertsmere=hertsmere)


def _sign_off(*, coordinator: User, hertsmere: Partnership) -> None:
    """The board signs off the partnership plan 2023-27 ("the board signs off the Partnership
    Plan and annual action plan", seed 002), which is then sent to the commissioner. The
    dates are the demo's own."""
    board = hertsmere.groups.get(kind="board")
    plan = hertsmere.plans.get(kind=PlanKind.STRATEGIC)
    meeting = meeting_services.meeting_create(
        actor=coordinator,
        partnership=hertsmere,
        group=board,
        plan=plan,
        meets_on=datetime.date(2023, 3, 21),
        starts_at=datetime.time(14, 0),
        place="Civic Offices, Elstree Way, Borehamwood",
    )
    meeting_services.decision_add(
        actor=coordinator,
        meeting=meeting,
        text="The board signs off the Partnership Plan 2023 - 2027.",
        approves_plan=plan,
    )
    plan_services.plan_sent_to_pcc(actor=coordinator, plan=plan, sent_on=datetime.date(2023, 4, 3))


def _pcc_and_leads(*, coordinator: User, hertsmere: Partnership) -> None:
    pcc_plan = pcc_services.pcc_plan_create(actor=coordinator, partnership=hertsmere, **PCC_PLAN)
    pcc = {
        title: pcc_services.pcc_priority_create(
            actor=coordinator, pcc_plan=pcc_plan, partnership=hertsmere, title=title
        )
        for title in PCC_PRIORITIES
    }
    for plan in hertsmere.plans.all():
        leads = STRATEGIC if plan.kind == PlanKind.STRATEGIC else ACTION_PLAN
        for priority in plan.priorities.all():
            if priority.number not in leads:
                continue
            serves, lead, organisation = leads[priority.number]
            user = User.objects.filter(email=lead).first()
            plan_services.priority_update(
                actor=coordinator,
                priority=priority,
                pcc_priorities=[pcc[title] for title in serves],
                lead_user=user,
                lead_name="" if user else lead,
                lead_organisation=Organisation.objects.get(name=organisation),
            )


# Seed 003's action plan: "PREVENT to feature as a standing item at all JAG Meetings"; its
# updates of 13/08/19 were given at the JAG. The minutes and the decisions are the demo's own.
JAG_MINUTES = (
    "The group reviewed the action plan's exceptions. ASB is down 13.7% on last year across "
    "the borough; Shenley Road in Borehamwood remains the one hotspot.\n\n"
    "Prevent: no new referrals this quarter; the county's counter-terrorism local profile is "
    "due in the autumn."
)


ASB_PROFILE = (
    "ASB problem profile, Hertsmere (demonstration paper)\n\n"
    "1 January to 1 April 2019 against the same months of 2018: ASB down 19% overall.\n"
    "The one hotspot: Shenley Road, Borehamwood.\n"
)
# Seed 003's stop and search update: "Attached email shows the improvements that have been
# made regarding S&S in the CSP". The email is the demo's own; the action is OFFICIAL-SENSITIVE
# in the demo, so the file is too, whatever is chosen.
IMPROVEMENTS_EMAIL = (
    "From: chief.inspector@herts.police.example\n"
    "To: community.safety@hertsmere.example\n"
    "Date: Tue, 13 Aug 2019 09:12:00 +0100\n"
    "Subject: Stop and search in Hertsmere: the improvements\n\n"
    "The share of stops with a positive outcome has risen since April; the figures by month\n"
    "are below the county's average and improving.\n"
)


def _attach_email(*, coordinator: User, hertsmere: Partnership) -> None:
    from saferplan.plans.models import Update

    update = Update.objects.get(
        action__priority__plan__partnership=hertsmere, text__contains="Attached email"
    )
    plan_services.update_file_attach(
        actor=coordinator,
        update=update,
        name="Stop and search - the improvements.eml",
        checked=attachment_from_upload("improvements.eml", IMPROVEMENTS_EMAIL.encode()),
    )


def _jag_meetings(*, coordinator: User, hertsmere: Partnership) -> None:
    jag = hertsmere.groups.get(abbreviation="JAG")
    partnership_services.group_update(
        actor=coordinator, group=jag, quorum=2, standing_items="Prevent"
    )
    plan = hertsmere.plans.get(kind=PlanKind.ACTION)
    held = meeting_services.meeting_create(
        actor=coordinator,
        partnership=hertsmere,
        group=jag,
        plan=plan,
        meets_on=datetime.date(2019, 8, 13),
        starts_at=datetime.time(10, 0),
        place="Civic Offices, Elstree Way, Borehamwood",
    )
    meeting_services.agenda_draft(actor=coordinator, meeting=held, today=held.meets_on)
    meeting_services.attendance_record(
        actor=coordinator,
        meeting=held,
        rows=[
            (organisation, organisation.name != "Clarion Housing Group", "")
            for organisation in jag.member_organisations.order_by("name")
        ],
    )
    meeting_services.minutes_record(
        actor=coordinator, meeting=held, minutes=JAG_MINUTES, minutes_marking="official"
    )
    meeting_services.decision_add(
        actor=coordinator,
        meeting=held,
        text="Borehamwood's Shenley Road to be the focus of the next Safer Streets+ event.",
        priority=plan.priorities.get(number=3),
        action_title="Hold a Safer Streets+ event on Shenley Road, Borehamwood",
        owner_organisations=[Organisation.objects.get(name="Hertsmere Safer Neighbourhood Team")],
        owner_user=User.objects.get(email="inspector@example.org"),
        due_date=datetime.date(2019, 11, 30),
    )
    meeting_services.decision_add(
        actor=coordinator,
        meeting=held,
        text="The county's problem profile of ASB to be shared with the board.",
    )
    # Seed 003's update of 13/08/19 refers to "the County Community Safety Unit['s]
    # analysis": the demo's own short paper stands for it.
    meeting_services.paper_attach(
        actor=coordinator,
        meeting=held,
        name="ASB problem profile - Hertsmere - August 2019.txt",
        checked=attachment_from_upload("profile.txt", ASB_PROFILE.encode()),
    )
    _attach_email(coordinator=coordinator, hertsmere=hertsmere)
    coming = meeting_services.meeting_create(
        actor=coordinator,
        partnership=hertsmere,
        group=jag,
        plan=plan,
        meets_on=datetime.date(2019, 10, 8),
        starts_at=datetime.time(10, 0),
        place="Civic Offices, Elstree Way, Borehamwood",
    )
    meeting_services.agenda_draft(actor=coordinator, meeting=coming, today=coming.meets_on)
