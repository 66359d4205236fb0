"""Writes to partnerships, organisations and groups. Every write is audited."""

from django.core.exceptions import ValidationError
from django.db import transaction

from saferplan.core import audit
from saferplan.core.models import AuditEvent

from .models import Group, Organisation, Partnership


def plans_show_new_names(*, partnership_ids) -> None:
    """Plans show organisation, group and partnership names: mark the plans that may show
    these partnerships' names as changed, so no cached page keeps an old name."""
    from saferplan.plans.cache import partnership_plans_bump  # plans build on partnerships

    partnership_plans_bump(partnership_ids)


PARTNERSHIP_FIELDS = [
    "name",
    "slug",
    "police_force",
    "districts",
    "description",
    "population",
    "population_source",
]
ORGANISATION_FIELDS = ["name", "abbreviation", "kind", "website", "aliases"]
GROUP_FIELDS = [
    "name",
    "abbreviation",
    "kind",
    "reports_to",
    "purpose",
    "member_organisations",
    "aliases",
]


def _apply(instance, fields: dict) -> None:
    for name, value in fields.items():
        setattr(instance, name, value)


@transaction.atomic
def partnership_create(
    *,
    actor,
    name: str,
    slug: str,
    police_force: str,
    districts: list[str],
    description: str = "",
    population: int | None = None,
    population_source: str = "",
) -> Partnership:
    partnership = Partnership(
        name=name,
        slug=slug,
        police_force=police_force,
        districts=districts,
        description=description,
        population=population,
        population_source=population_source,
        created_by=actor,
        modified_by=actor,
    )
    partnership.full_clean()
    partnership.save()
    audit.log(
        instance=partnership,
        action=AuditEvent.Action.CREATE,
        actor=actor,
        partnership=partnership,
        changes=audit.diff({}, audit.snapshot(partnership, PARTNERSHIP_FIELDS)),
    )
    return partnership


@transaction.atomic
def partnership_update(*, actor, partnership: Partnership, **fields) -> Partnership:
    before = audit.snapshot(partnership, PARTNERSHIP_FIELDS)
    _apply(partnership, fields)
    partnership.modified_by = actor
    partnership.full_clean()
    partnership.save()
    changes = audit.diff(before, audit.snapshot(partnership, PARTNERSHIP_FIELDS))
    if changes:
        plans_show_new_names(partnership_ids=[partnership.pk])
        audit.log(
            instance=partnership,
            action=AuditEvent.Action.UPDATE,
            actor=actor,
            partnership=partnership,
            changes=changes,
        )
    return partnership


@transaction.atomic
def organisation_create(
    *,
    actor,
    partnership: Partnership,
    name: str,
    kind: str,
    abbreviation: str = "",
    website: str = "",
    aliases: list[str] | None = None,
) -> Organisation:
    """Create an organisation as a member of `partnership`."""
    organisation = Organisation(
        name=name,
        kind=kind,
        abbreviation=abbreviation,
        website=website,
        aliases=aliases or [],
        created_by=actor,
        modified_by=actor,
    )
    organisation.full_clean()
    organisation.save()
    organisation.partnerships.add(partnership)
    audit.log(
        instance=organisation,
        action=AuditEvent.Action.CREATE,
        actor=actor,
        partnership=partnership,
        changes=audit.diff(
            {}, audit.snapshot(organisation, [*ORGANISATION_FIELDS, "partnerships"])
        ),
    )
    return organisation


@transaction.atomic
def organisation_update(
    *, actor, organisation: Organisation, partnership: Partnership | None, **fields
) -> Organisation:
    """Change an organisation's details. `partnership` is the one whose coordinator made
    the change (None for an administrator); the change shows in the audit log of every
    partnership the organisation belongs to, since their documents show it."""
    before = audit.snapshot(organisation, ORGANISATION_FIELDS)
    _apply(organisation, fields)
    organisation.modified_by = actor
    organisation.full_clean()
    organisation.save()
    changes = audit.diff(before, audit.snapshot(organisation, ORGANISATION_FIELDS))
    if changes:
        plans_show_new_names(partnership_ids=organisation.partnerships.values_list("pk", flat=True))
        audit.log(
            instance=organisation,
            action=AuditEvent.Action.UPDATE,
            actor=actor,
            partnership=partnership,
            changes=changes,
            shared_with=organisation.partnerships.all(),
        )
    return organisation


@transaction.atomic
def organisation_join(*, actor, organisation: Organisation, partnership: Partnership) -> None:
    """Make an existing organisation a member of `partnership`."""
    if organisation.partnerships.filter(pk=partnership.pk).exists():
        raise ValidationError(f"{organisation} is already a member of {partnership}.")
    before = audit.snapshot(organisation, ["partnerships"])
    organisation.partnerships.add(partnership)
    audit.log(
        instance=organisation,
        action=AuditEvent.Action.UPDATE,
        actor=actor,
        partnership=partnership,
        changes=audit.diff(before, audit.snapshot(organisation, ["partnerships"])),
    )


@transaction.atomic
def organisation_leave(*, actor, organisation: Organisation, partnership: Partnership) -> None:
    """Take an organisation out of `partnership`. Refused while it sits on one of the
    partnership's groups, so that no group silently loses a member."""
    groups = list(
        organisation.groups.filter(partnership=partnership).values_list("name", flat=True)
    )
    if groups:
        raise ValidationError(
            f"{organisation} is a member of {', '.join(sorted(groups))}. "
            "Remove it from those groups first."
        )
    before = audit.snapshot(organisation, ["partnerships"])
    organisation.partnerships.remove(partnership)
    audit.log(
        instance=organisation,
        action=AuditEvent.Action.UPDATE,
        actor=actor,
        partnership=partnership,
        changes=audit.diff(before, audit.snapshot(organisation, ["partnerships"])),
    )


def _check_members_belong(partnership: Partnership, member_organisations) -> None:
    member_ids = set(partnership.organisations.values_list("pk", flat=True))
    outsiders = [o.name for o in member_organisations if o.pk not in member_ids]
    if outsiders:
        raise ValidationError(
            {"member_organisations": f"Not a member of {partnership}: {', '.join(outsiders)}."}
        )


@transaction.atomic
def group_create(
    *,
    actor,
    partnership: Partnership,
    name: str,
    kind: str,
    abbreviation: str = "",
    reports_to: Group | None = None,
    purpose: str = "",
    member_organisations=(),
    aliases: list[str] | None = None,
) -> Group:
    group = Group(
        partnership=partnership,
        name=name,
        kind=kind,
        abbreviation=abbreviation,
        reports_to=reports_to,
        purpose=purpose,
        aliases=aliases or [],
        created_by=actor,
        modified_by=actor,
    )
    group.full_clean()
    _check_members_belong(partnership, member_organisations)
    group.save()
    group.member_organisations.set(member_organisations)
    audit.log(
        instance=group,
        action=AuditEvent.Action.CREATE,
        actor=actor,
        partnership=partnership,
        changes=audit.diff({}, audit.snapshot(group, GROUP_FIELDS)),
    )
    return group


@transaction.atomic
def group_update(*, actor, group: Group, member_organisations=None, **fields) -> Group:
    before = audit.snapshot(group, GROUP_FIELDS)
    _apply(group, fields)
    group.modified_by = actor
    group.full_clean()
    group.save()
    if member_organisations is not None:
        _check_members_belong(group.partnership, member_organisations)
        group.member_organisations.set(member_organisations)
    changes = audit.diff(before, audit.snapshot(group, GROUP_FIELDS))
    if changes:
        plans_show_new_names(partnership_ids=[group.partnership_id])
        audit.log(
            instance=group,
            action=AuditEvent.Action.UPDATE,
            actor=actor,
            partnership=group.partnership,
            changes=changes,
        )
    return group


@transaction.atomic
def group_delete(*, actor, group: Group) -> None:
    reporting = sorted(group.reporting_groups.values_list("name", flat=True))
    if reporting:
        raise ValidationError(
            f"{', '.join(reporting)} report{'s' if len(reporting) == 1 else ''} to {group.name}. "
            "Change who they report to before deleting it."
        )
    before = audit.snapshot(group, GROUP_FIELDS)
    audit.log(
        instance=group,
        action=AuditEvent.Action.DELETE,
        actor=actor,
        partnership=group.partnership,
        changes=audit.diff(before, dict.fromkeys(before)),
    )
    plans_show_new_names(partnership_ids=[group.partnership_id])
    group.delete()
