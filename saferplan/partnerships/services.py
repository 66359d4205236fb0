"""Writes to partnerships, organisations and groups. Every write is audited."""

from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from saferplan.core import audit
from saferplan.core.models import AuditEvent

from .models import Group, Organisation, Partnership
from .signals import names_changed

if TYPE_CHECKING:
    from saferplan.accounts.models import User


def plans_show_new_names(*, partnership_ids: Iterable[int]) -> None:
    """Plans show organisation, group and partnership names: mark the plans that may show
    these partnerships' names as changed, so no cached page keeps an old name."""
    names_changed.send(sender=Partnership, partnership_ids=list(partnership_ids))


PARTNERSHIP_FIELDS = [
    "name",
    "slug",
    "police_force",
    "districts",
    "description",
    "population",
    "population_source",
    "area_sq_km",
    "area_source",
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
    "quorum",
    "standing_items",
]


@transaction.atomic
def partnership_create(
    *,
    actor: "User",
    name: str,
    slug: str,
    police_force: str,
    districts: list[str],
    description: str = "",
    population: int | None = None,
    population_source: str = "",
    area_sq_km: Decimal | None = None,
    area_source: str = "",
) -> Partnership:
    return audit.create(
        Partnership,
        actor=actor,
        partnership=lambda created: created,  # in its own log
        logged_fields=PARTNERSHIP_FIELDS,
        name=name,
        slug=slug,
        police_force=police_force,
        districts=districts,
        description=description,
        population=population,
        population_source=population_source,
        area_sq_km=area_sq_km,
        area_source=area_source,
    )


@transaction.atomic
def partnership_update(*, actor: "User", partnership: Partnership, **fields: Any) -> Partnership:
    partnership, changes = audit.change(
        partnership,
        actor=actor,
        partnership=partnership,
        logged_fields=PARTNERSHIP_FIELDS,
        **fields,
    )
    if changes:
        plans_show_new_names(partnership_ids=[partnership.pk])
    return partnership


@transaction.atomic
def organisation_create(
    *,
    actor: "User",
    partnership: Partnership,
    name: str,
    kind: str,
    abbreviation: str = "",
    website: str = "",
    aliases: list[str] | None = None,
) -> Organisation:
    """Create an organisation as a member of `partnership`."""
    return audit.create(
        Organisation,
        actor=actor,
        partnership=partnership,
        logged_fields=[*ORGANISATION_FIELDS, "partnerships"],
        name=name,
        kind=kind,
        abbreviation=abbreviation,
        website=website,
        aliases=aliases or [],
        partnerships=[partnership],
    )


@transaction.atomic
def organisation_update(
    *, actor: "User", organisation: Organisation, partnership: Partnership | None, **fields: Any
) -> Organisation:
    """Change an organisation's details. `partnership` is the one whose coordinator made
    the change (None for an administrator); the change shows in the audit log of every
    partnership the organisation belongs to, since their documents show it."""
    organisation, changes = audit.change(
        organisation,
        actor=actor,
        partnership=partnership,
        logged_fields=ORGANISATION_FIELDS,
        shared_with=lambda changed: changed.partnerships.all(),
        **fields,
    )
    if changes:
        plans_show_new_names(partnership_ids=organisation.partnerships.values_list("pk", flat=True))
    return organisation


def _membership_log(
    *, actor: "User", organisation: Organisation, partnership: Partnership, joins: bool
) -> None:
    """Add the organisation to the partnership (or take it out), logged as a change of its
    partnerships: a link, not a change of the organisation's own record."""
    before = audit.snapshot(organisation, ["partnerships"])
    if joins:
        organisation.partnerships.add(partnership)
    else:
        organisation.partnerships.remove(partnership)
    audit.log(
        instance=organisation,
        action=AuditEvent.Action.UPDATE,
        actor=actor,
        partnership=partnership,
        changes=audit.diff(before, audit.snapshot(organisation, ["partnerships"])),
    )


@transaction.atomic
def organisation_join(
    *, actor: "User", organisation: Organisation, partnership: Partnership
) -> None:
    """Make an existing organisation a member of `partnership`."""
    if organisation.partnerships.filter(pk=partnership.pk).exists():
        raise ValidationError(
            _("%(organisation)s is already a member of %(partnership)s.")
            % {"organisation": organisation, "partnership": partnership}
        )
    _membership_log(actor=actor, organisation=organisation, partnership=partnership, joins=True)


@transaction.atomic
def organisation_leave(
    *, actor: "User", organisation: Organisation, partnership: Partnership
) -> None:
    """Take an organisation out of `partnership`. Refused while it sits on one of the
    partnership's groups, so that no group silently loses a member."""
    groups = list(
        organisation.groups.filter(partnership=partnership).values_list("name", flat=True)
    )
    if groups:
        raise ValidationError(
            _("%(organisation)s is a member of %(join)s. Remove it from those groups first.")
            % {"organisation": organisation, "join": ", ".join(sorted(groups))}
        )
    _membership_log(actor=actor, organisation=organisation, partnership=partnership, joins=False)


def _check_members_belong(
    partnership: Partnership, member_organisations: Iterable[Organisation]
) -> None:
    member_ids = set(partnership.organisations.values_list("pk", flat=True))
    outsiders = [o.name for o in member_organisations if o.pk not in member_ids]
    if outsiders:
        raise ValidationError(
            {
                "member_organisations": _("Not a member of %(partnership)s: %(join)s.")
                % {"partnership": partnership, "join": ", ".join(outsiders)}
            }
        )


@transaction.atomic
def group_create(
    *,
    actor: "User",
    partnership: Partnership,
    name: str,
    kind: str,
    abbreviation: str = "",
    reports_to: Group | None = None,
    purpose: str = "",
    member_organisations: Iterable[Organisation] = (),
    aliases: list[str] | None = None,
    quorum: int | None = None,
    standing_items: str = "",
) -> Group:
    member_organisations = list(member_organisations)
    _check_members_belong(partnership, member_organisations)
    return audit.create(
        Group,
        actor=actor,
        partnership=partnership,
        logged_fields=GROUP_FIELDS,
        partnership_id=partnership.pk,
        name=name,
        kind=kind,
        abbreviation=abbreviation,
        reports_to=reports_to,
        purpose=purpose,
        aliases=aliases or [],
        member_organisations=member_organisations,
        quorum=quorum,
        standing_items=standing_items,
    )


@transaction.atomic
def group_update(
    *,
    actor: "User",
    group: Group,
    member_organisations: Iterable[Organisation] | None = None,
    **fields: Any,
) -> Group:
    if member_organisations is not None:
        members = list(member_organisations)
        fields["member_organisations"] = members
        _check_members_belong(group.partnership, members)
    group, changes = audit.change(
        group, actor=actor, partnership=group.partnership, logged_fields=GROUP_FIELDS, **fields
    )
    if changes:
        plans_show_new_names(partnership_ids=[group.partnership_id])
    return group


@transaction.atomic
def group_delete(*, actor: "User", group: Group) -> None:
    reporting = sorted(group.reporting_groups.values_list("name", flat=True))
    if reporting:
        raise ValidationError(
            ngettext(
                "%(join)s reports to %(name)s. Change who it reports to before deleting it.",
                "%(join)s report to %(name)s. Change who they report to before deleting it.",
                len(reporting),
            )
            % {"join": ", ".join(reporting), "name": group.name}
        )
    if group.meetings.exists():
        raise ValidationError(
            _("%(name)s has meetings, which keep its minutes: it cannot be deleted.")
            % {"name": group.name}
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
