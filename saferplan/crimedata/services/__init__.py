"""Writes of crime data: police.uk imports, custom series and their values, the areas
records fall in. Each write is validated, audited and made in one transaction: an import
writes every file or none.

- imports: police.uk files imported (differences: what that does to each partnership's
  figures; street_counts: reading and writing the records in bulk)
- series: custom series and their figures
- areas: a partnership's districts and population, and the ONS LSOA lookup

Callers may import from here (the names below) or from the module itself."""

from .areas import LookupResult, area_update, lsoa_lookup_import
from .differences import MonthDifference, PartnershipFigures, ReplacementNotConfirmedError
from .imports import (
    ImportResult,
    Progress,
    RecordLimit,
    force_name,
    police_uk_import,
    police_uk_import_steps,
)
from .series import (
    SERIES_FIELDS,
    VALUE_FIELDS,
    SeriesImportResult,
    comparison_table_import,
    custom_series_import,
    period_figure_delete,
    period_figure_set,
    series_create,
    series_delete,
    series_update,
    value_delete,
    value_set,
)

__all__ = [
    "SERIES_FIELDS",
    "VALUE_FIELDS",
    "ImportResult",
    "LookupResult",
    "MonthDifference",
    "PartnershipFigures",
    "Progress",
    "RecordLimit",
    "ReplacementNotConfirmedError",
    "SeriesImportResult",
    "area_update",
    "comparison_table_import",
    "custom_series_import",
    "force_name",
    "lsoa_lookup_import",
    "period_figure_delete",
    "period_figure_set",
    "police_uk_import",
    "police_uk_import_steps",
    "series_create",
    "series_delete",
    "series_update",
    "value_delete",
    "value_set",
]
