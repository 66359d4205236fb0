from django.apps import AppConfig


class DutiesConfig(AppConfig):
    name = "saferplan.duties"
    label = "duties"
    verbose_name = "Statutory duties"
