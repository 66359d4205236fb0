from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "saferplan.plans"
    label = "plans"
    verbose_name = "Plans and actions"
