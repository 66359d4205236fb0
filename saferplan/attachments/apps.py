from django.apps import AppConfig


class AttachmentsConfig(AppConfig):
    name = "saferplan.attachments"
    label = "attachments"
    verbose_name = "Attachments"
