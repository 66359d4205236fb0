from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "saferplan.reports"
    label = "reports"
    verbose_name = "Reports and exports"

    def ready(self) -> None:
        from saferplan.partnerships.signals import overview_drawn

        from .receivers import on_overview_drawn

        # Connected once, however often ready() runs (dispatch_uid).
        overview_drawn.connect(on_overview_drawn, dispatch_uid="reports.overview_drawn")
