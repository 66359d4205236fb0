"""What a reader must know about police.uk figures: shown wherever they are (pages and
documents), in one place so that every output says the same, in the page's language."""

from django.utils.translation import gettext_lazy as _

CAVEATS = [
    _(
        "Figures are the street-level records police forces publish on police.uk: crimes and "
        "anti-social behaviour incidents as first recorded, not the Home Office's final recorded "
        "crime statistics."
    ),
    _(
        "Locations are moved to the nearest of a set of anonymous map points, each named “On or "
        "near …” a street, to protect victims' privacy. A hotspot is a map point, not an address."
    ),
    _(
        "A month is published about two months after it ends, and forces revise months later. "
        "Importing a month again replaces what was there, so figures can change."
    ),
    _(
        "Records are assigned to a partnership through the district of their LSOA (small area). "
        "Records with no location are in no district and are not counted."
    ),
    _("“All crime” is every category except anti-social behaviour, which is counted in incidents."),
]
LICENCE = _(
    "Contains public sector information licensed under the Open Government Licence v3.0 "
    "(data.police.uk)."
)
