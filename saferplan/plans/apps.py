from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "saferplan.plans"
    label = "plans"
    verbose_name = "Plans and actions"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, pre_delete

        from saferplan.partnerships.signals import names_changed, overview_drawn, structure_drawn

        from .models import Plan, Update
        from .receivers import (
            on_names_changed,
            on_overview_drawn,
            on_plan_deleted,
            on_structure_drawn,
            on_update_deleted,
        )

        # Connected once, however often ready() runs (dispatch_uid).
        names_changed.connect(on_names_changed, dispatch_uid="plans.names_changed")
        overview_drawn.connect(on_overview_drawn, dispatch_uid="plans.overview_drawn")
        structure_drawn.connect(on_structure_drawn, dispatch_uid="plans.structure_drawn")
        post_delete.connect(on_plan_deleted, sender=Plan, dispatch_uid="plans.plan_deleted")
        pre_delete.connect(on_update_deleted, sender=Update, dispatch_uid="plans.update_deleted")
