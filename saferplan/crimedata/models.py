"""Crime and ASB figures: police.uk street-level records and their monthly counts, and
custom series of figures from other sources (the county strategic assessment, surveys)."""

from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from saferplan.core.models import TimeStampedModel

from .categories import Category


class ForceMonthQuerySet(models.QuerySet):
    def of_force(self, force: str) -> "ForceMonthQuerySet":
        return self.filter(force=force)

    def months(self) -> list[date]:
        """The months held, oldest first: what every figure's coverage is read from
        (crimedata/coverage.py)."""
        return sorted(set(self.values_list("month", flat=True)))

    def months_by_force(self, forces, start: date, end: date) -> dict[str, list[date]]:
        """Each of `forces` with its months held from `start` to `end`, oldest first (as
        months() gives one force's), in one query however many forces."""
        held: dict[str, set[date]] = {force: set() for force in forces}
        rows = self.filter(force__in=list(held), month__gte=start, month__lte=end)
        for force, month in rows.values_list("force", "month"):
            held[force].add(month)
        return {force: sorted(months) for force, months in held.items()}


class ForceMonth(models.Model):
    """One month of one force's street-level file from the police.uk archive, as imported.

    Importing the same force-month again replaces its records: police.uk revises months
    after it first publishes them, so the newest file is the truth."""

    class Origin(models.TextChoices):
        ARCHIVE = "archive", _("police.uk archive file")
        # Fetched from the police.uk API: its crimes have no LSOA, so each was placed in one by
        # the map points of archive files (see crimedata/police_api_fetch.py).
        API = "api", _("police.uk API")

    force = models.CharField(max_length=60, help_text=_("police.uk's id, e.g. hertfordshire"))
    force_name = models.CharField(max_length=120, blank=True)
    month = models.DateField(help_text=_("The first day of the month."))
    records = models.PositiveIntegerField(default=0)
    unlocated = models.PositiveIntegerField(
        default=0, help_text=_("Records with no LSOA, so in no district.")
    )
    source = models.CharField(max_length=500, help_text=_("The file it came from."))
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.ARCHIVE)
    sha256 = models.CharField(max_length=64)
    imported_at = models.DateTimeField(auto_now=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ForceMonthQuerySet.as_manager()

    class Meta:
        ordering = ["-month", "force"]
        constraints = [
            models.UniqueConstraint(fields=["force", "month"], name="force_month_once"),
        ]

    def __str__(self) -> str:
        return f"{self.force_name or self.force}, {self.month:%B %Y}"


class Lsoa(models.Model):
    """A lower layer super output area and the district (local authority) it lies in.

    The district is read from the LSOA's name ("Hertsmere 005A" → Hertsmere) unless an
    ONS lookup has set it, which wins: names change when councils merge."""

    class DistrictSource(models.TextChoices):
        NAME = "name", _("LSOA name")
        LOOKUP = "lookup", _("ONS lookup")

    code = models.CharField(max_length=9, primary_key=True)
    name = models.CharField(max_length=120)
    district = models.CharField(max_length=100, db_index=True)
    district_source = models.CharField(
        max_length=10, choices=DistrictSource.choices, default=DistrictSource.NAME
    )

    class Meta:
        verbose_name = "LSOA"
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class RowidField(models.BigAutoField):
    """An id without SQLite's AUTOINCREMENT, which keeps a counter row up to date on every
    insert (a tenth of a national import's time). Ids of deleted rows may be used again,
    which is harmless where nothing refers to the rows. Other databases are unchanged."""

    def db_type_suffix(self, connection):
        if connection.vendor == "sqlite":
            return None
        return connection.data_types_suffix.get(self.get_internal_type())  # Django's own rule


class StreetCount(models.Model):
    """How many records of a category police.uk put at one map point in a month.

    police.uk moves every location to the nearest of a set of anonymous map points and names
    the point "On or near <street>", so records at one point are alike in all the product
    reads (where, when, what): they are kept as one row with a count. That makes a month of
    the national archive 250,000 rows, not 358,000. A point may have more than one row for a
    month (a very large file is written in parts), so readers always SUM(count)."""

    id = RowidField(primary_key=True)
    # Neither an index nor a database constraint of its own: inserts are the hot path (a
    # constraint costs a lookup per row, on PostgreSQL a trigger). A force-month's rows are
    # found for deletion through the district index, and only the importer writes or deletes
    # them, in the transaction that writes the force-month (see services/imports.py, _force_month_for).
    batch = models.ForeignKey(
        ForceMonth,
        on_delete=models.DO_NOTHING,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )
    month = models.DateField()
    district = models.CharField(max_length=100, blank=True)
    lsoa_code = models.CharField(max_length=9, blank=True)
    category = models.CharField(max_length=30, choices=Category.choices)
    location = models.CharField(max_length=200, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    count = models.PositiveIntegerField()

    class Meta:
        indexes = [
            models.Index(fields=["district", "month", "category"], name="street_district_month"),
        ]

    def __str__(self) -> str:
        return f"{self.count} × {self.category}, {self.location}, {self.month:%Y-%m}"


class CrimeCount(models.Model):
    """How many records of a category a district had in a month: what comparisons,
    trends and the county view read. Written with the force-month's street counts."""

    batch = models.ForeignKey(ForceMonth, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()
    district = models.CharField(max_length=100)
    category = models.CharField(max_length=30, choices=Category.choices)
    count = models.PositiveIntegerField()

    class Meta:
        indexes = [
            models.Index(fields=["district", "category", "month"], name="count_district"),
        ]

    def __str__(self) -> str:
        return f"{self.district}, {self.category}, {self.month:%Y-%m}: {self.count}"


class SeriesUnit(models.TextChoices):
    OFFENCES = "offences", _("offences")
    INCIDENTS = "incidents", _("incidents")
    PEOPLE = "people", _("people")
    PERCENT = "percent", _("per cent")
    NUMBER = "number", _("number")


class CustomSeries(TimeStampedModel):
    """Figures from a source other than police.uk, for one partnership: the county
    strategic assessment's finer categories, a survey's "% feeling safe after dark"."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="custom_series"
    )
    name = models.CharField(max_length=150, help_text=_("For example Assault with injury."))
    unit = models.CharField(max_length=20, choices=SeriesUnit.choices, default=SeriesUnit.OFFENCES)
    source = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("Where the figures come from, for example Hertfordshire Strategic Assessment."),
    )
    position = models.PositiveIntegerField(default=0, help_text=_("Order in tables."))

    class Meta:
        verbose_name = "custom series"
        verbose_name_plural = "custom series"
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "name"], name="series_name_once"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def summable(self) -> bool:
        """Counts add up over months; percentages do not."""
        return self.unit != SeriesUnit.PERCENT


class CustomValue(TimeStampedModel):
    """A custom series' figure for a period of whole months."""

    series = models.ForeignKey(CustomSeries, on_delete=models.CASCADE, related_name="values")
    start = models.DateField(help_text=_("The first day of the period's first month."))
    end = models.DateField(help_text=_("The first day of the period's last month."))
    value = models.DecimalField(max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["series", "start"]
        constraints = [
            models.UniqueConstraint(fields=["series", "start", "end"], name="value_period_once"),
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="value_period_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.series}: {self.value}"
