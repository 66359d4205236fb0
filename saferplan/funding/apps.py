from django.apps import AppConfig


class FundingConfig(AppConfig):
    name = "saferplan.funding"
    label = "funding"
    verbose_name = "Funding"

    def ready(self) -> None:
        from saferplan.attachments.receivers import files_go_with

        from .models import Grant

        files_go_with(Grant, "files")
