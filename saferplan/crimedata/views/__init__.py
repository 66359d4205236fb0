"""Crime and ASB pages of a partnership: comparisons, trends, hotspots, the county view
(figures), its most similar partnerships (peers), custom series (series), its area (area)
and police.uk data in (police_uk).
Figures are read through selectors; writes go through services. urls.py takes the views
from here."""

from .area import area
from .figures import (
    county,
    hotspot_map,
    hotspot_points,
    hotspots,
    hotspots_document,
    overview,
    trend,
    trend_chart,
)
from .peers import peers
from .police_uk import police_uk_fetch, police_uk_replace, police_uk_upload
from .series import (
    comparison_table_import,
    series_add,
    series_delete,
    series_detail,
    series_edit,
    series_import,
    series_list,
    value_delete,
)

__all__ = [
    "area",
    "comparison_table_import",
    "county",
    "hotspot_map",
    "hotspot_points",
    "hotspots",
    "hotspots_document",
    "overview",
    "peers",
    "police_uk_fetch",
    "police_uk_replace",
    "police_uk_upload",
    "series_add",
    "series_delete",
    "series_detail",
    "series_edit",
    "series_import",
    "series_list",
    "trend",
    "trend_chart",
    "value_delete",
]
