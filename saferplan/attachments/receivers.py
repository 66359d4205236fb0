"""An attachment's file goes with its record, however the record goes (deleted by a service,
with its partnership, with the plan it belonged to), once the deletion is committed: a
deletion rolled back keeps its file."""

from django.db import transaction


def delete_file(sender, instance, **kwargs) -> None:
    stored, storage = instance.file.name, instance.file.storage
    if stored:
        transaction.on_commit(lambda: storage.delete(stored))
