from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "saferplan.imports"
    label = "imports"
    verbose_name = "Plan imports"
