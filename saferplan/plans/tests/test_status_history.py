"""An action's status history (ActionStatusChange): begun for the actions there were before it
from what the audit log recorded, so a board report of a past period shows their status then."""

import datetime

import pytest
from django.utils import timezone

from saferplan.core.models import AuditEvent
from saferplan.plans.models import ActionStatusChange

from .factories import ActionFactory


@pytest.mark.django_db(transaction=True)
def test_the_upgrade_begins_each_history_from_the_audit_log():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    # Made with today's models, then the database taken back to before the history began
    # (the factories know only today's columns).
    action = ActionFactory(status="complete")
    executor = MigrationExecutor(connection)
    executor.migrate([("plans", "0009_action_status_history")])
    ActionStatusChange.objects.all().delete()  # as before the upgrade: no history
    added = timezone.make_aware(datetime.datetime(2019, 4, 1, 12))
    type(action).objects.filter(pk=action.pk).update(created_at=added)
    event = AuditEvent.objects.create(
        action=AuditEvent.Action.UPDATE,
        object_type="plans.action",
        object_id=str(action.pk),
        changes={"Status": ["In progress", "Complete"]},
    )
    completed = timezone.make_aware(datetime.datetime(2019, 9, 1, 12))
    AuditEvent.objects.filter(pk=event.pk).update(occurred_at=completed)
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    history = ActionStatusChange.objects.filter(action=action)
    assert list(history.order_by("id").values_list("status", "changed_on")) == [
        ("in_progress", datetime.date(2019, 4, 1)),
        ("complete", datetime.date(2019, 9, 1)),
    ]
    assert history.in_force_on(datetime.date(2019, 8, 31)).get().status == "in_progress"
