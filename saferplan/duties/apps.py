from django.apps import AppConfig


class DutiesConfig(AppConfig):
    name = "saferplan.duties"
    label = "duties"
    verbose_name = "Statutory duties"

    def ready(self) -> None:
        from django.db.models.signals import post_delete

        from saferplan.accounts.models import Membership
        from saferplan.partnerships.signals import overview_drawn
        from saferplan.plans.signals import action_changing, plan_refreshed

        from .receivers import (
            on_action_changing,
            on_membership_deleted,
            on_overview_drawn,
            on_plan_refreshed,
        )

        # Connected once, however often ready() runs (dispatch_uid).
        overview_drawn.connect(on_overview_drawn, dispatch_uid="duties.overview_drawn")
        action_changing.connect(on_action_changing, dispatch_uid="duties.action_changing")
        plan_refreshed.connect(on_plan_refreshed, dispatch_uid="duties.plan_refreshed")
        post_delete.connect(
            on_membership_deleted, sender=Membership, dispatch_uid="duties.membership_deleted"
        )
