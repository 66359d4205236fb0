from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "saferplan.partnerships"
    label = "partnerships"
    verbose_name = "Partnerships"
