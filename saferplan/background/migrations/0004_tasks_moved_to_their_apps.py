"""The background tasks moved to the apps whose work they do (issue 20).

- The database queue names a task by its dotted path: a task queued (or waiting to run
  again) before the move is given its new path; it would otherwise fail in the worker with
  an import error.
- A board report document's job now records its content type when it is queued (the job's
  download no longer asks saferplan.reports for it): jobs queued before are given theirs."""

from django.db import migrations

MOVED = {
    "saferplan.background.services.run_police_uk_import": "saferplan.crimedata.tasks.run_police_uk_import",
    "saferplan.background.services.run_police_uk_fetch": "saferplan.crimedata.tasks.run_police_uk_fetch",
    "saferplan.background.services.run_board_report_document": "saferplan.reports.tasks.run_board_report_document",
}
DOCUMENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _rename(apps, renames: dict[str, str]) -> None:
    DBTaskResult = apps.get_model("django_tasks_database", "DBTaskResult")
    for old, new in renames.items():
        DBTaskResult.objects.filter(task_path=old).update(task_path=new)


def forwards(apps, schema_editor):
    _rename(apps, MOVED)
    BackgroundJob = apps.get_model("background", "BackgroundJob")
    for job in BackgroundJob.objects.filter(kind="board-report-document"):
        kind = job.options.get("format")
        if kind in DOCUMENT_TYPES and "content_type" not in job.options:
            job.options = job.options | {"content_type": DOCUMENT_TYPES[kind]}
            job.save(update_fields=["options"])


def backwards(apps, schema_editor):
    _rename(apps, {new: old for old, new in MOVED.items()})


class Migration(migrations.Migration):
    dependencies = [
        ("background", "0003_import_waiting_for_confirmation"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
