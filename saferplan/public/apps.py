from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "saferplan.public"
    label = "public"
    verbose_name = "Published plan"

    def ready(self) -> None:
        from saferplan.core.languages import register_own_welsh
        from saferplan.imports.signals import plan_imported

        from .receivers import on_plan_imported
        from .welsh import own_welsh

        register_own_welsh(own_welsh)
        # Connected once, however often ready() runs (dispatch_uid).
        plan_imported.connect(on_plan_imported, dispatch_uid="public.plan_imported")
