from django.apps import AppConfig


class FundingConfig(AppConfig):
    name = "saferplan.funding"
    label = "funding"
    verbose_name = "Funding"

    def ready(self) -> None:
        from django.db.models.signals import pre_delete

        from .models import Grant
        from .receivers import on_grant_deleted

        # Connected once, however often ready() runs (dispatch_uid).
        pre_delete.connect(on_grant_deleted, sender=Grant, dispatch_uid="funding.grant_deleted")
