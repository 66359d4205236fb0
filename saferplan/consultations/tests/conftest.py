import datetime
from pathlib import Path

import pytest

from saferplan.consultations import services
from saferplan.core import clock
from saferplan.imports import services as import_services

SEEDS = Path(__file__).resolve().parents[2] / "demo" / "seeds"
DATA = Path(__file__).resolve().parents[2] / "demo" / "survey"
SURVEY_CSV = DATA / "hertsmere-survey-microsoft-forms.csv"
AREAS = ["Borehamwood", "Bushey", "Potters Bar", "Radlett", "Shenley", "Elstree"]


@pytest.fixture
def analyst(member_of):
    return member_of("analyst")


@pytest.fixture
def hertsmere_plan(partnership, coordinator):
    """Seed 002, Hertsmere's Partnership Plan 2023-27: three aims and six priorities."""
    name = next(SEEDS.glob("002_*.txt")).name
    return import_services.plan_import(
        actor=coordinator,
        partnership=partnership,
        file_name=name,
        content=(SEEDS / name).read_bytes(),
    )


@pytest.fixture
def consultation(partnership, coordinator, hertsmere_plan):
    today = clock.today()
    return services.consultation_create(
        actor=coordinator,
        partnership=partnership,
        plan=hertsmere_plan,
        title="Partnership Plan 2023 to 2027 survey",
        privacy_notice="Hertsmere CSP holds your answers to agree its priorities.",
        opens_on=today - datetime.timedelta(days=7),
        closes_on=today + datetime.timedelta(days=35),
        about_you=["area", "age-band"],
        areas=AREAS,
    )


@pytest.fixture
def on_the_public_site(partnership):
    """The partnership has published a plan, so its open consultations are public."""
    from saferplan.plans.models import PlanStatus
    from saferplan.plans.tests.factories import PlanFactory

    return PlanFactory(partnership=partnership, status=PlanStatus.PUBLISHED)
