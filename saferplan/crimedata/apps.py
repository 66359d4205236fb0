from django.apps import AppConfig


class CrimedataConfig(AppConfig):
    name = "saferplan.crimedata"
    verbose_name = "Crime and ASB data"
