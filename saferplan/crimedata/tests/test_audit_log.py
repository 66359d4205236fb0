"""What the audit log says of custom series and their figures, written through core.audit's
one create/change (issue 20): the same events, fields and values as before."""

from decimal import Decimal

import pytest

from saferplan.core.models import AuditEvent
from saferplan.crimedata import services
from saferplan.crimedata.periods import Period

pytestmark = pytest.mark.django_db


def _events(instance) -> list[tuple]:
    return [
        (e.action, e.actor_id, e.partnership_id, e.changes, e.reason)
        for e in AuditEvent.objects.filter(
            object_type=instance._meta.label_lower, object_id=str(instance.pk)
        ).order_by("pk")
    ]


def test_a_series_created_and_changed(member_of, partnership):
    analyst = member_of("analyst")
    series = services.series_create(
        actor=analyst, partnership=partnership, name="Fly-tipping", unit="incidents"
    )
    services.series_update(
        actor=analyst, series=series, name="Fly-tipping reports", source="Council"
    )
    assert _events(series) == [
        (
            "create",
            analyst.pk,
            partnership.pk,
            {
                "Name": [None, "Fly-tipping"],
                "Unit": [None, "incidents"],
                "Source": [None, ""],
                "Position": [None, 1],
            },
            "",
        ),
        (
            "update",
            analyst.pk,
            partnership.pk,
            {"Name": ["Fly-tipping", "Fly-tipping reports"], "Source": ["", "Council"]},
            "",
        ),
    ]
    assert series.partnership == partnership
    assert series.created_by == series.modified_by == analyst


def test_a_figure_entered_and_replaced(member_of, partnership):
    analyst = member_of("analyst")
    series = services.series_create(actor=analyst, partnership=partnership, name="Fly-tipping")
    period = Period.parse("2023-04..2023-06")
    figure = services.value_set(actor=analyst, series=series, period=period, value=Decimal("12"))
    again = services.value_set(actor=analyst, series=series, period=period, value=Decimal("12.5"))
    assert again.pk == figure.pk
    reason = f"Fly-tipping, {period.label}"
    assert _events(figure) == [
        (
            "create",
            analyst.pk,
            partnership.pk,
            {"Start": [None, "2023-04-01"], "End": [None, "2023-06-01"], "Value": [None, "12"]},
            reason,
        ),
        ("update", analyst.pk, partnership.pk, {"Value": ["12.00", "12.5"]}, reason),
    ]
    again.refresh_from_db()
    assert again.value == Decimal("12.50")
    assert again.created_by == again.modified_by == analyst
