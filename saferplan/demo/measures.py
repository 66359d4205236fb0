"""The demo's performance measures: Dacorum's four headline measures (seed 001) and two of
Hertsmere's, measured by the strategic assessment figures of seed 002."""

from decimal import Decimal

from saferplan.crimedata.categories import Category
from saferplan.crimedata.models import SeriesUnit
from saferplan.crimedata.periods import Period
from saferplan.indicators import services
from saferplan.indicators.models import Direction, MeasureSource, TargetKind
from saferplan.plans.models import Objective

DEMO_BASELINE_NOTE = (
    " In the demo the baseline is October 2018, because the demo holds three months of "
    "police.uk data (October to December 2018); a real plan would take a year."
)


def _objective(partnership, title_start: str) -> list[Objective]:
    return list(
        Objective.objects.filter(
            priority__plan__partnership=partnership, title__istartswith=title_start
        )[:1]
    )


def load(*, analyst, dacorum, hertsmere) -> None:
    # Seed 001, "Headline Performance Measures".
    services.indicator_create(
        actor=analyst,
        partnership=dacorum,
        name="Reduction in violent crime and harms",
        description="Violence and sexual offences and possession of weapons recorded by police."
        + DEMO_BASELINE_NOTE,
        source=MeasureSource.POLICE_UK,
        categories=[Category.VIOLENT_CRIME, Category.POSSESSION_OF_WEAPONS],
        direction=Direction.LOWER,
        baseline=Period.parse("2018-10"),
        target_kind=TargetKind.CHANGE,
        target=Decimal(-5),
        tolerance=Decimal(5),
        objectives=_objective(dacorum, "Violent Crime"),
    )
    services.indicator_create(
        actor=analyst,
        partnership=dacorum,
        name="Reduction in the incidents of disorder and ASB",
        description="Anti-social behaviour incidents and public order offences recorded by "
        "police." + DEMO_BASELINE_NOTE,
        source=MeasureSource.POLICE_UK,
        categories=[Category.ANTI_SOCIAL_BEHAVIOUR, Category.PUBLIC_ORDER],
        direction=Direction.LOWER,
        baseline=Period.parse("2018-10"),
        target_kind=TargetKind.CHANGE,
        target=Decimal(-5),
        tolerance=Decimal(5),
        objectives=_objective(dacorum, "Antisocial Behaviour"),
    )
    services.indicator_create(
        actor=analyst,
        partnership=dacorum,
        name="Reduction in number of incidents of domestic abuse",
        description="Domestic abuse incidents from the county's monthly figures, entered here "
        "by the analyst each year.",
        source=MeasureSource.MANUAL,
        unit=SeriesUnit.INCIDENTS,
        direction=Direction.LOWER,
        baseline=Period.parse("2022"),
        target_kind=TargetKind.CHANGE,
        target=Decimal(-5),
        tolerance=Decimal(2),
        objectives=_objective(dacorum, "Reduce Domestic Abuse"),
    )
    feeling_safe = services.indicator_create(
        actor=analyst,
        partnership=dacorum,
        # The seed's measure is "Perception people feeling safe in the Local Authority Area",
        # but its figure counts people who did not feel safe: named for what it counts, so
        # that "lower is better" reads the right way round (issue 22).
        name="People not feeling safe after dark in the local authority area",
        description="The plan's measure of the perception of people feeling safe, counted by "
        "the people who told Echo, the council's community voice and feedback platform, that "
        "they did not feel safe after dark (357 in 2022, the strategic assessment's key "
        "findings). Fewer is better.",
        source=MeasureSource.MANUAL,
        unit=SeriesUnit.PEOPLE,
        direction=Direction.LOWER,
        baseline=Period.parse("2022"),
        target_kind=TargetKind.CHANGE,
        target=Decimal(-10),
        tolerance=Decimal(5),
    )
    services.indicator_value_set(
        actor=analyst, indicator=feeling_safe, period=Period.parse("2022"), value=Decimal(357)
    )
    # Hertsmere: measured by the strategic assessment figures (custom series, seed 002).
    series = {s.name: s for s in hertsmere.custom_series.all()}
    services.indicator_create(
        actor=analyst,
        partnership=hertsmere,
        name="Reduce anti-social behaviour",
        source=MeasureSource.SERIES,
        series=series["Anti-social behaviour"],
        direction=Direction.LOWER,
        baseline=Period.parse("2021"),
        target_kind=TargetKind.CHANGE,
        target=Decimal(-5),
        tolerance=Decimal(2),
        objectives=_objective(hertsmere, "Deal with those involved in ASB"),
    )
    services.indicator_create(
        actor=analyst,
        partnership=hertsmere,
        name="Increase the reporting of domestic abuse",
        description="The 2019-20 action plan's aim: more victims coming forward, so a rise in "
        "recorded domestic abuse crime is the better direction.",
        source=MeasureSource.SERIES,
        series=series["Domestic abuse (crime)"],
        direction=Direction.HIGHER,
        baseline=Period.parse("2021"),
        target_kind=TargetKind.CHANGE,
        target=Decimal(5),
        tolerance=Decimal(5),
        objectives=_objective(hertsmere, "Identify victims and deal with offenders"),
    )
