"""Loads the demo's partnerships, people and structure through the services, so that the
demo's audit log tells how it was set up, as a real installation's would."""

from django.db import transaction

from saferplan.accounts import services as account_services
from saferplan.accounts.models import Membership, User
from saferplan.partnerships import services as partnership_services
from saferplan.partnerships.models import Organisation, PoliceForce

from . import structure


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
        first, *others = slugs
        organisation = partnership_services.organisation_create(
            actor=admin,
            partnership=partnerships[first],
            name=name,
            abbreviation=abbreviation,
            kind=kind,
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
    return {
        "partnerships": len(partnerships),
        "organisations": Organisation.objects.count(),
        "groups": sum(len(g) for g in structure.GROUPS.values()),
        "users": User.objects.count(),
        "memberships": Membership.objects.count(),
    }
