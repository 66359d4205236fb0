from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "saferplan.plans"
    label = "plans"
    verbose_name = "Plans and actions"

    def ready(self) -> None:
        from saferplan.partnerships.signals import names_changed, overview_drawn

        from .receivers import on_names_changed, on_overview_drawn

        # Connected once, however often ready() runs (dispatch_uid).
        names_changed.connect(on_names_changed, dispatch_uid="plans.names_changed")
        overview_drawn.connect(on_overview_drawn, dispatch_uid="plans.overview_drawn")
