"""How the demo's Hertsmere governs its plans: the Police and Crime Commissioner's
priorities its priorities serve (issue 26), and who leads each priority."""

import datetime

from saferplan.accounts.models import User
from saferplan.partnerships import pcc_services
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
