"""An action as a list of actions shows it: the model, and what the page worked out for it.

Stale and overdue depend on the day, the updates shown on the reader and the page, the
owners' names on what a list fetches: none of them belongs to the action, so they are kept
beside it here rather than set on the model instance (a model that declared them would
depend on the pages that fill them)."""

from dataclasses import dataclass, field

from .flags import ActionFlags
from .models import Action, Update


@dataclass(frozen=True)
class OwnerNames:
    """Who owns an action, by name: its owner organisations and groups and the
    partnerships it is joint with, each alphabetical."""

    organisations: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    joint_partnerships: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, action: Action) -> "OwnerNames":
        """From the action's own relations (prefetched where the page prefetched them)."""
        return cls(
            organisations=[o.name for o in action.owner_organisation_items],
            groups=[g.name for g in action.owner_group_items],
            joint_partnerships=[p.name for p in action.joint_partnership_items],
        )


@dataclass
class ListedAction:
    action: Action
    flags: ActionFlags
    owners: OwnerNames
    shown_updates: list[Update] = field(default_factory=list)
    # The quarter view's columns: the shown updates by financial quarter of the plan.
    quarter_columns: list[list[Update]] = field(default_factory=list)

    @property
    def owner_line(self) -> str:
        """The owner as the plan wrote it, else the owners by name (empty when there is none,
        as in the seeds); joint partnerships after. The exports' Owner and Lead agency."""
        action, owners = self.action, self.owners
        owner = (
            action.owner_text
            or "; ".join(owners.organisations + owners.groups)
            or action.owner_name
        )
        joint = owners.joint_partnerships
        if joint and not action.owner_text:
            return f"{owner} (joint with {', '.join(joint)})"
        return owner
