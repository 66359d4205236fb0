"""What plans does when the apps it builds on announce a change (connected in
PlansConfig.ready)."""

from .cache import partnership_plans_bump


def on_names_changed(sender, *, partnership_ids, **kwargs) -> None:
    """Plans show organisation, group and partnership names: mark the plans that may show
    these partnerships' names as changed, so no cached page keeps an old name."""
    partnership_plans_bump(partnership_ids)
