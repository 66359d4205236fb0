from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "saferplan.demo"
    label = "demo"
    verbose_name = "Demo"
