from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "saferplan.public"
    label = "public"
    verbose_name = "Published plan"
