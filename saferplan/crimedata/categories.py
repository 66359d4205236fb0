"""police.uk's crime types, keyed by the slugs its API uses (so that records from the archive
and from the API, issue 9, meet under the same key)."""

from django.db import models


class Category(models.TextChoices):
    ANTI_SOCIAL_BEHAVIOUR = "anti-social-behaviour", "Anti-social behaviour"
    BICYCLE_THEFT = "bicycle-theft", "Bicycle theft"
    BURGLARY = "burglary", "Burglary"
    CRIMINAL_DAMAGE_ARSON = "criminal-damage-arson", "Criminal damage and arson"
    DRUGS = "drugs", "Drugs"
    OTHER_CRIME = "other-crime", "Other crime"
    OTHER_THEFT = "other-theft", "Other theft"
    POSSESSION_OF_WEAPONS = "possession-of-weapons", "Possession of weapons"
    PUBLIC_ORDER = "public-order", "Public order"
    ROBBERY = "robbery", "Robbery"
    SHOPLIFTING = "shoplifting", "Shoplifting"
    THEFT_FROM_THE_PERSON = "theft-from-the-person", "Theft from the person"
    VEHICLE_CRIME = "vehicle-crime", "Vehicle crime"
    VIOLENT_CRIME = "violent-crime", "Violence and sexual offences"
    # Used by the archive before May 2013, when it was split into public order and
    # possession of weapons.
    PUBLIC_DISORDER_WEAPONS = "public-disorder-weapons", "Public disorder and weapons"


# "All crime" is every category but anti-social behaviour, which police.uk records as
# incidents, not offences.
ALL_CRIME = "all-crime"
ALL_CRIME_LABEL = "All crime"
ASB = Category.ANTI_SOCIAL_BEHAVIOUR.value

# The archive's own spelling, for the lookup made on every row.
CATEGORY_BY_LABEL = {label: value for value, label in Category.choices}
# Every name a crime type has had in the archive's "Crime type" column, lower-cased.
_BY_NAME = {label.lower(): value for value, label in Category.choices}
_BY_NAME["violent crime"] = Category.VIOLENT_CRIME.value  # its name before May 2013


def category_for(crime_type: str) -> str | None:
    """The category slug for a "Crime type" cell, or None when police.uk has no such type."""
    return _BY_NAME.get(crime_type.strip().lower())


def label(category: str) -> str:
    if category == ALL_CRIME:
        return ALL_CRIME_LABEL
    try:
        return Category(category).label
    except ValueError:
        return category


def unit(category: str) -> str:
    """What one of the category is counted as, in the words of the county's tables."""
    return "incidents" if category == ASB else "offences"


def choices_with_all_crime() -> list[tuple[str, str]]:
    return [(ALL_CRIME, ALL_CRIME_LABEL), *Category.choices]
