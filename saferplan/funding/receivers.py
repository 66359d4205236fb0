"""What funding does when other records change."""


def on_grant_deleted(sender, instance, **kwargs) -> None:
    """A grant deleted takes its files with it: nothing of it stays unreachable in storage."""
    from saferplan.attachments.models import Attachment

    Attachment.objects.filter(pk__in=list(instance.files.values_list("pk", flat=True))).delete()
