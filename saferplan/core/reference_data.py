"""Reference data: wording an installation starts with and may change (the default crime
glossary, say), kept as YAML beside the app that owns it and loaded by a data migration,
never by `loaddata` (docs/adr/0023-reference-data.md).

In the app's data migration:

    from saferplan.core.reference_data import loader

    operations = [
        migrations.RunPython(
            loader("public", "DefaultGlossaryTerm", DATA / "default_glossary.yaml", key="term"),
            migrations.RunPython.noop,
        )
    ]

Rows are matched on `key`: a row already there (changed by an administrator, say) is left
as it is, so running a later migration never undoes an installation's own wording.
"""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml


def rows(path: Path) -> list[dict[str, Any]]:
    """The records of a reference data file: a YAML list of mappings, field → value; each
    record's place in the list is its `position` where the model has one."""
    records = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise ValueError(f"{path} is not a list of records")
    return records


def loader(app_label: str, model_name: str, path: Path, *, key: str) -> Callable[[Any, Any], None]:
    """A RunPython function that adds the file's records the table lacks (matched on `key`),
    through the migration's historical model."""

    def load(apps, schema_editor) -> None:
        model = apps.get_model(app_label, model_name)
        has_position = any(field.name == "position" for field in model._meta.get_fields())
        existing = set(model.objects.values_list(key, flat=True))
        model.objects.bulk_create(
            model(**({"position": number} if has_position else {}) | record)
            for number, record in enumerate(rows(path), start=1)
            if record[key] not in existing
        )

    return load
