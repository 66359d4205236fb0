"""The measures' pages: the suggestion beside an objective's RAG rating, the measure form and
who may use it, the demo's measures, and a page's queries."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from saferplan.core.models import AuditEvent
from saferplan.crimedata import services as crime_services
from saferplan.crimedata.models import CustomSeries
from saferplan.crimedata.periods import Period
from saferplan.crimedata.police_uk import archive_files
from saferplan.crimedata.sample import SAMPLE_ZIP
from saferplan.indicators import services
from saferplan.indicators.assessment import Status
from saferplan.indicators.models import Indicator, MeasureSource
from saferplan.indicators.selectors import partnership_measures
from saferplan.plans.models import RagChange
from saferplan.plans.tests.factories import (
    ActionFactory,
    ObjectiveFactory,
    PlanFactory,
    PriorityFactory,
    RagChangeFactory,
)

from .conftest import manual_measure

pytestmark = pytest.mark.django_db


def test_the_priority_page_shows_the_suggestion_beside_the_rating_it_leaves_alone(
    signed_in, partnership, analyst, coordinator
):
    plan = PlanFactory(partnership=partnership)
    priority = PriorityFactory(plan=plan, number=1)
    objective = ObjectiveFactory(priority=priority, ref="3.1", title="Reduce domestic abuse")
    RagChangeFactory(action=ActionFactory(priority=priority, objective=objective), rating="green")
    on_target = manual_measure(
        partnership, analyst, {"2022": 1000, "2023": 900}, objectives=[objective]
    )
    off_target = manual_measure(
        partnership,
        analyst,
        {"2022": 1000, "2023": 1100},
        name="Repeat victims",
        objectives=[objective],
    )
    ratings_before = RagChange.objects.count()

    page = signed_in(coordinator).get(
        reverse("plans:priority", args=[partnership.slug, plan.pk, 1])
    )

    html = page.content.decode()
    assert "RAG rating: </span>Green" in html  # the rating given, from its action
    suggestion = html[html.index("Suggested by its 2 measures") :][:900]
    assert "RAG rating: </span>Red" in suggestion  # the worse of the two
    assert f"{on_target.name}</a>: on target" in suggestion
    assert f"{off_target.name}</a>: off target" in suggestion
    assert RagChange.objects.count() == ratings_before
    override = signed_in(coordinator).get(
        reverse("plans:objective-rag", args=[partnership.slug, objective.pk])
    )
    assert "Suggested by its 2 measures" in override.content.decode()


def test_an_analyst_adds_a_measure_through_the_form_and_enters_its_figures(
    signed_in, partnership, analyst
):
    client = signed_in(analyst)
    response = client.post(
        reverse("indicators:add", args=[partnership.slug]),
        {
            "name": "People not feeling safe after dark",
            "source": "manual",
            "unit": "people",
            "direction": "lower",
            "baseline": "2022",
            "target_kind": "change",
            "target": "-10",
            "tolerance": "5",
        },
    )
    indicator = Indicator.objects.get()
    assert response.status_code == 302
    detail = reverse("indicators:detail", args=[partnership.slug, indicator.pk])
    for period, value in (("2022", "357"), ("2023", "330")):
        assert client.post(detail, {"period": period, "value": value}).status_code == 302

    page = client.get(detail).content.decode()
    list_page = client.get(reverse("indicators:list", args=[partnership.slug])).content.decode()

    assert "Within tolerance: 330 in January – December 2023, 7.6% less than the baseline" in page
    assert "People not feeling safe after dark" in list_page
    assert "Within tolerance" in list_page
    assert AuditEvent.objects.filter(object_type="indicators.indicatorvalue").count() == 2


def test_a_bad_measure_form_names_the_field_and_keeps_what_was_typed(
    signed_in, partnership, analyst
):
    response = signed_in(analyst).post(
        reverse("indicators:add", args=[partnership.slug]),
        {
            "name": "Violent crime and harms",
            "source": "police-uk",
            "direction": "lower",
            "baseline": "2022/24",
            "target_kind": "change",
            "target": "-5",
            "tolerance": "0",
        },
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "is not a financial year" in html
    assert 'value="Violent crime and harms"' in html
    assert not Indicator.objects.exists()

    response = signed_in(analyst).post(
        reverse("indicators:add", args=[partnership.slug]),
        {
            "name": "Violent crime and harms",
            "source": "police-uk",
            "direction": "lower",
            "baseline": "2022",
            "target_kind": "change",
            "target": "-5",
            "tolerance": "0",
        },
    )
    assert "Choose at least one police.uk category" in response.content.decode()
    assert not Indicator.objects.exists()


def test_a_viewer_reads_the_measures_but_may_not_change_them(
    signed_in, partnership, analyst, member_of
):
    indicator = manual_measure(partnership, analyst, {"2022": 1000})
    client = signed_in(member_of("viewer"))

    assert client.get(reverse("indicators:list", args=[partnership.slug])).status_code == 200
    assert client.get(reverse("indicators:add", args=[partnership.slug])).status_code == 403
    assert (
        client.post(
            reverse("indicators:detail", args=[partnership.slug, indicator.pk]),
            {"period": "2023", "value": "1"},
        ).status_code
        == 403
    )
    assert indicator.values.count() == 1


def test_a_measure_cannot_use_another_partnerships_series_or_objectives(
    partnership, other_partnership, analyst
):
    series = CustomSeries.objects.create(partnership=other_partnership, name="ASB")
    objective = ObjectiveFactory(priority__plan__partnership=other_partnership)

    with pytest.raises(ValidationError) as error:
        services.indicator_create(
            actor=analyst,
            partnership=partnership,
            name="ASB",
            source=MeasureSource.SERIES,
            series=series,
            baseline=Period.parse("2021"),
            target=Decimal(-5),
            objectives=[objective],
        )

    assert set(error.value.error_dict) == {"series", "objectives"}


def test_a_series_that_a_measure_uses_is_not_deleted(signed_in, partnership, analyst):
    series = CustomSeries.objects.create(partnership=partnership, name="Anti-social behaviour")
    services.indicator_create(
        actor=analyst,
        partnership=partnership,
        name="Reduce ASB",
        source=MeasureSource.SERIES,
        series=series,
        baseline=Period.parse("2021"),
        target=Decimal(-5),
    )

    response = signed_in(analyst).post(
        reverse("crimedata:series-delete", args=[partnership.slug, series.pk])
    )

    assert response.status_code == 409
    assert "source of the performance measure “Reduce ASB”" in response.content.decode()
    assert CustomSeries.objects.filter(pk=series.pk).exists()


def test_the_demo_has_dacorums_four_headline_measures_and_hertsmeres_from_seed_002(demo):
    from saferplan.partnerships.models import Partnership

    dacorum = partnership_measures(Partnership.objects.get(slug="dacorum"))
    hertsmere = partnership_measures(Partnership.objects.get(slug="hertsmere"))

    assert [m.indicator.name for m in dacorum] == [
        "Reduction in violent crime and harms",
        "Reduction in the incidents of disorder and ASB",
        "Reduction in number of incidents of domestic abuse",
        "People not feeling safe after dark in the local authority area",
    ]
    # Named for what its figure counts: lower is better reads the right way round.
    feeling_safe = dacorum[3].assessment
    assert (feeling_safe.unit, feeling_safe.direction) == ("people", "lower")
    assert feeling_safe.baseline.value == 357
    assert all(m.indicator.objectives.exists() for m in dacorum[:3])
    asb = hertsmere[0].assessment
    assert (asb.baseline.value, asb.latest.value, asb.change) == (2581, 2262, Decimal("-12.4"))
    assert asb.status == Status.ON_TARGET
    assert hertsmere[1].assessment.status == Status.OFF_TARGET  # reporting fell, not rose


def test_the_measures_page_reads_the_same_number_of_queries_however_many_measures(
    signed_in, partnership, analyst
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    crime_services.police_uk_import(actor=None, files=archive_files([SAMPLE_ZIP]))
    client = signed_in(analyst)
    page = reverse("indicators:list", args=[partnership.slug])

    def police_uk_measure(name, categories):
        services.indicator_create(
            actor=analyst,
            partnership=partnership,
            name=name,
            source=MeasureSource.POLICE_UK,
            categories=categories,
            baseline=Period.parse("2018-10"),
            target=Decimal(-5),
        )

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(page).status_code == 200
        return len(captured)

    police_uk_measure("Burglary", ["burglary"])
    manual_measure(partnership, analyst, {"2022": 10, "2023": 9})
    few = queries()
    police_uk_measure("Violence", ["violent-crime", "possession-of-weapons"])
    police_uk_measure("All crime", ["all-crime"])
    manual_measure(partnership, analyst, {"2022": 10, "2023": 12}, name="Repeat victims")

    assert queries() == few
