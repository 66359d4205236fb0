"""A job knows the task that does its work, how many times a worker has started it and how
many of its runs stopped with their worker, so that the job of a worker that stopped is
queued again (docs/adr/0038). Jobs recorded before
are given their task by their kind; one running now counts as started once."""

from django.db import migrations, models

TASKS = {
    "police-uk-import": "saferplan.crimedata.tasks.run_police_uk_import",
    "police-uk-fetch": "saferplan.crimedata.tasks.run_police_uk_fetch",
    "board-report-document": "saferplan.reports.tasks.run_board_report_document",
    "action-plan-document": "saferplan.reports.tasks.run_action_plan_document",
}


def forwards(apps, schema_editor):
    BackgroundJob = apps.get_model("background", "BackgroundJob")
    for kind, task_path in TASKS.items():
        BackgroundJob.objects.filter(kind=kind).update(task_path=task_path)
    BackgroundJob.objects.exclude(started_at=None).update(attempts=1)


class Migration(migrations.Migration):
    dependencies = [("background", "0005_action_plan_document")]

    operations = [
        migrations.AddField(
            model_name="backgroundjob",
            name="attempts",
            field=models.PositiveSmallIntegerField(default=0),
        ),
        migrations.AddField(
            model_name="backgroundjob",
            name="task_path",
            field=models.CharField(blank=True, max_length=200),
        ),
        migrations.AddField(
            model_name="backgroundjob",
            name="stopped_runs",
            field=models.PositiveSmallIntegerField(default=0),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
