from django.apps import AppConfig


class AttachmentsConfig(AppConfig):
    name = "saferplan.attachments"
    label = "attachments"
    verbose_name = "Attachments"

    def ready(self) -> None:
        from django.db.models.signals import post_delete

        from .models import Attachment
        from .receivers import delete_file

        post_delete.connect(delete_file, sender=Attachment, dispatch_uid="attachments.file")
