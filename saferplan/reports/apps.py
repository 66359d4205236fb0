from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "saferplan.reports"
    label = "reports"
    verbose_name = "Reports and exports"
