"""Loads the demo's partnerships, people and structure through the services, so that the
demo's audit log tells how it was set up, as a real installation's would."""

import datetime
from pathlib import Path

from django.db import transaction

from saferplan.accounts import services as account_services
from saferplan.accounts.models import Membership, User
from saferplan.imports import services as import_services
from saferplan.partnerships import services as partnership_services
from saferplan.partnerships.models import Group, Organisation, PoliceForce
from saferplan.plans import services as plan_services
from saferplan.plans.models import Action, Plan, PlanKind, PlanStatus

from . import (
    assessment,
    consultation,
    crime,
    funding,
    governance,
    measures,
    published,
    structure,
    welsh,
)


@transaction.atomic
def demo_load() -> dict[str, int]:
    admin_email, admin_name, admin_title, _, _ = next(u for u in structure.USERS if u[4])
    admin = User.objects.create_superuser(
        email=admin_email,
        password=structure.DEMO_PASSWORD,
        full_name=admin_name,
        job_title=admin_title,
    )
    partnerships = {
        spec["slug"]: partnership_services.partnership_create(
            actor=admin, police_force=PoliceForce.HERTFORDSHIRE, **spec
        )
        for spec in structure.PARTNERSHIPS
    }
    organisations = {}
    for name, abbreviation, kind, slugs in structure.ORGANISATIONS:
        aliases = structure.ALIASES.get(name, [])
        first, *others = slugs
        organisation = partnership_services.organisation_create(
            actor=admin,
            partnership=partnerships[first],
            name=name,
            abbreviation=abbreviation,
            kind=kind,
            aliases=aliases,
        )
        for slug in others:
            partnership_services.organisation_join(
                actor=admin, organisation=organisation, partnership=partnerships[slug]
            )
        organisations[name] = organisation
    for slug, groups in structure.GROUPS.items():
        created = {}
        for name, abbreviation, kind, reports_to, purpose, members in groups:
            created[name] = partnership_services.group_create(
                actor=admin,
                partnership=partnerships[slug],
                name=name,
                abbreviation=abbreviation,
                kind=kind,
                reports_to=created[reports_to] if reports_to else None,
                purpose=purpose,
                member_organisations=[organisations[m] for m in members],
                aliases=structure.GROUP_ALIASES.get((slug, name), []),
            )
    for email, full_name, job_title, roles, is_superuser in structure.USERS:
        if is_superuser:
            continue
        user = account_services.user_create(
            actor=admin,
            email=email,
            full_name=full_name,
            job_title=job_title,
            password=structure.DEMO_PASSWORD,
        )
        for slug, (role, organisation) in roles.items():
            account_services.membership_add(
                actor=admin,
                partnership=partnerships[slug],
                email=user.email,
                full_name=user.full_name,
                role=role,
                organisation=organisations[organisation],
                base_url="http://127.0.0.1:8000",
            )
    coordinators = {
        slug: next(
            u
            for u in User.objects.filter(
                memberships__partnership=p, memberships__role="coordinator"
            )
        )
        for slug, p in partnerships.items()
    }
    for file_name, slug in structure.ACTION_PLANS:
        import_services.plan_import(
            actor=coordinators[slug],
            partnership=partnerships[slug],
            file_name=file_name,
            content=(SEEDS / file_name).read_bytes(),
            status=PlanStatus.APPROVED,
        )
    _rate_hertsmere(coordinators["hertsmere"])
    governance.load(coordinator=coordinators["hertsmere"], hertsmere=partnerships["hertsmere"])
    funding.load(coordinator=coordinators["hertsmere"], hertsmere=partnerships["hertsmere"])
    _publish_hertsmere(coordinators["hertsmere"], partnerships["hertsmere"])
    _board_report(coordinators["hertsmere"])
    crime.load(
        analyst=User.objects.get(email="analyst@example.org"),
        hertsmere=partnerships["hertsmere"],
        seed_002_text=(SEEDS / structure.HERTSMERE_PUBLISHED_PLAN).read_text(encoding="utf-8"),
    )
    measures.load(
        analyst=User.objects.get(email="analyst@example.org"),
        dacorum=partnerships["dacorum"],
        hertsmere=partnerships["hertsmere"],
    )
    consultation.load(
        coordinator=coordinators["hertsmere"],
        analyst=User.objects.get(email="analyst@example.org"),
        hertsmere=partnerships["hertsmere"],
    )
    assessment.load(
        analyst=User.objects.get(email="analyst@example.org"),
        coordinator=coordinators["hertsmere"],
        hertsmere=partnerships["hertsmere"],
        dacorum=partnerships["dacorum"],
        seed_002_text=(SEEDS / structure.HERTSMERE_PUBLISHED_PLAN).read_text(encoding="utf-8"),
        seed_003_text=(SEEDS / "003_beef6faf28b908d0.txt").read_text(encoding="utf-8"),
    )
    welsh.load(admin=admin, password=structure.DEMO_PASSWORD)
    return {
        "partnerships": len(partnerships) + 1,  # and the Welsh one
        "organisations": Organisation.objects.count(),
        "users": User.objects.count(),
        "memberships": Membership.objects.count(),
        "groups": Group.objects.count(),
        "actions": Action.objects.count(),
    }


SEEDS = Path(__file__).resolve().parent / "seeds"


def _rate_hertsmere(coordinator) -> None:
    actions = Action.objects.filter(priority__plan__partnership__slug="hertsmere")

    def find(start: str) -> Action:
        return actions.get(title__startswith=start)

    for start, rating, reason in structure.HERTSMERE_RATINGS:
        action = find(start)
        latest = action.updates.order_by("-described_on").first()
        plan_services.update_add(
            actor=coordinator,
            action=action,
            described_on=latest.described_on if latest else action.priority.plan.period_start,
            text=f"RAG review at the Joint Agency Group: {reason.lower()}.",
            rag=rating,
            rag_reason=reason,
        )
    for start, status, reason in structure.HERTSMERE_STATUSES:
        action = find(start)
        latest = action.updates.order_by("-described_on").first()
        plan_services.update_add(
            actor=coordinator,
            action=action,
            described_on=latest.described_on if latest else action.priority.plan.period_start,
            text=reason,
            status=status,
            status_reason=reason,
        )


def _publish_hertsmere(coordinator, partnership) -> None:
    """Hertsmere's partnership plan 2023-27 (seed 002) and its 2019-20 action plan are
    published, with the achievements and contacts of seed 002's last pages."""
    for plan in partnership.plans.all():
        if plan.kind == PlanKind.STRATEGIC:
            published.write_in_brief(actor=coordinator, plan=plan)
        plan_services.plan_transition(actor=coordinator, plan=plan, status=PlanStatus.PUBLISHED)
    published.load(
        actor=coordinator,
        partnership=partnership,
        seed_text=(SEEDS / structure.HERTSMERE_PUBLISHED_PLAN).read_text(encoding="utf-8"),
    )


def _board_report(coordinator) -> None:
    """A draft report on the 2019-20 action plan, for the board member to read."""
    from saferplan.reports.services import board_report_create

    plan = Plan.objects.get(partnership__slug="hertsmere", kind="action")
    board_report_create(
        actor=coordinator,
        plan=plan,
        title="Report to the Community Safety Board – October 2019",
        period_start=datetime.date(2019, 7, 1),
        period_end=datetime.date(2019, 10, 31),
        introduction=(
            "The Joint Agency Group met twice this quarter. Knife crime awareness events are "
            "well attended; the exploitation workshops at Mount Grace were cancelled and are "
            "being rebooked.\n\nThe board is asked to note the red and amber actions below."
        ),
    )
