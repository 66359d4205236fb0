"""An attachment's file goes with its record, however the record goes (deleted by a service,
with its partnership, with the plan it belonged to), once the deletion is committed: a
deletion rolled back keeps its file."""

from django.db import transaction


def delete_file(sender, instance, **kwargs) -> None:
    stored, storage = instance.file.name, instance.file.storage
    if stored:
        transaction.on_commit(lambda: storage.delete(stored))


def files_go_with(model, field: str) -> None:
    """Each record of `model` deleted (by a service, or with its partnership) takes the
    attachments of its many-to-many `field` with them: nothing of it stays in the storage
    with nothing pointing to it. Called by the owner's app in its ready()."""
    from django.db.models.signals import pre_delete

    from .models import Attachment

    def take_files(sender, instance, **kwargs) -> None:
        kept = list(getattr(instance, field).values_list("pk", flat=True))
        Attachment.objects.filter(pk__in=kept).delete()

    # Connected once, however often ready() runs (dispatch_uid); kept alive (weak=False) as
    # the function is made here.
    pre_delete.connect(
        take_files,
        sender=model,
        weak=False,
        dispatch_uid=f"attachments.files_of.{model._meta.label}.{field}",
    )
