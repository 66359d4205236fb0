"""Begin each action's status history (plans.ActionStatusChange) from what is known: the
status changes the audit log recorded ("Status": [old label, new label], as of the day they
were saved), the status before the first of them as of the day the action was added, and the
current status (the last word, should the log and the field disagree) as of today."""

from django.db import migrations
from django.utils import timezone


def seed(apps, schema_editor):
    Action = apps.get_model("plans", "Action")
    ActionStatusChange = apps.get_model("plans", "ActionStatusChange")
    AuditEvent = apps.get_model("core", "AuditEvent")
    value_of = {str(label): value for value, label in Action._meta.get_field("status").choices}
    logged: dict[str, list] = {}
    for object_id, occurred_at, changes in (
        AuditEvent.objects.filter(object_type="plans.action", changes__has_key="Status")
        .order_by("occurred_at", "id")
        .values_list("object_id", "occurred_at", "changes")
    ):
        logged.setdefault(object_id, []).append((timezone.localdate(occurred_at), changes))
    rows = []
    for action in Action.objects.exclude(status_changes__isnull=False).iterator():
        added_on = timezone.localdate(action.created_at)
        history = []
        for day, changes in logged.get(str(action.pk), []):
            old, new = (changes["Status"] + [None, None])[:2]
            if not history and value_of.get(old):
                history.append((added_on, value_of[old]))
            if value_of.get(new):
                history.append((max(day, added_on), value_of[new]))
        if not history or history[-1][1] != action.status:
            history.append((history[-1][0] if history else added_on, action.status))
        rows += [
            ActionStatusChange(action_id=action.pk, status=status, changed_on=day)
            for day, status in history
        ]
    ActionStatusChange.objects.bulk_create(rows, batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_form_submission"),
        ("plans", "0009_action_status_history"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
