"""Harm weights of police.uk categories: the ONS Crime Severity Score's weights (the average
sentence, in days, of an offence), where a category's weight can be taken from them without
guessing (reference_data/harm_weights.yaml says how, for each). Shown on the matrix page with
their source, so that a board can see what "harm" means."""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.translation import gettext_lazy

from saferplan.core.reference_data import rows
from saferplan.crimedata import categories

WEIGHTS_FILE = Path(__file__).resolve().parent / "reference_data" / "harm_weights.yaml"
SOURCE = gettext_lazy(
    "Office for National Statistics, Crime Severity Score (experimental statistics): weights "
    "per Home Office offence code, the average sentence in days; a category of several codes "
    "weighted by the offences of each code recorded in England and Wales in 2017/18 (Home "
    "Office, police recorded crime open data tables). Contains public sector information "
    "licensed under the Open Government Licence v3.0."
)


@dataclass(frozen=True)
class HarmWeight:
    category: str
    label: str
    weight: float
    basis: str


@cache
def weights() -> dict[str, HarmWeight]:
    """category slug → its weight, from the reference data file (read once)."""
    found = {}
    for record in rows(WEIGHTS_FILE):
        category = categories.Category(record["category"])
        found[category.value] = HarmWeight(
            category.value, category.label, float(record["weight"]), str(record["basis"])
        )
    return found


def weight_of(category: str) -> float | None:
    found = weights().get(category)
    return found.weight if found else None
