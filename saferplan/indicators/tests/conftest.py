"""Fixtures and helpers shared by the measures' tests."""

from decimal import Decimal

import pytest

from saferplan.crimedata.periods import Period
from saferplan.indicators import services
from saferplan.indicators.models import Indicator, MeasureSource


@pytest.fixture
def analyst(member_of):
    return member_of("analyst")


def manual_measure(partnership, actor, figures: dict[str, int], **fields) -> Indicator:
    fields = {
        "name": "Domestic abuse incidents",
        "source": MeasureSource.MANUAL,
        "unit": "incidents",
        "direction": "lower",
        "baseline": Period.parse("2022"),
        "target_kind": "change",
        "target": Decimal(-5),
        "tolerance": Decimal(2),
        **fields,
    }
    indicator = services.indicator_create(actor=actor, partnership=partnership, **fields)
    for period, value in figures.items():
        services.indicator_value_set(
            actor=actor, indicator=indicator, period=Period.parse(period), value=Decimal(value)
        )
    return indicator
