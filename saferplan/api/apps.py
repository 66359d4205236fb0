from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "saferplan.api"
    label = "api"
    verbose_name = "API"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from saferplan.accounts.signals import access_withdrawn

        from . import schema  # noqa: F401 - registers the token scheme with drf-spectacular
        from .receivers import on_access_withdrawn

        # Connected once, however often ready() runs (dispatch_uid).
        access_withdrawn.connect(on_access_withdrawn, dispatch_uid="api.access_withdrawn")
