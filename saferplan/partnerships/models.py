"""Community Safety Partnerships, their member organisations and their groups."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from saferplan.core.models import TimeStampedModel


class PoliceForce(models.TextChoices):
    """Territorial police forces of England and Wales, keyed by their police.uk id
    (the name used in police.uk archive files, e.g. 2018-10-hertfordshire-street.csv)."""

    AVON_AND_SOMERSET = "avon-and-somerset", "Avon and Somerset Constabulary"
    BEDFORDSHIRE = "bedfordshire", "Bedfordshire Police"
    CAMBRIDGESHIRE = "cambridgeshire", "Cambridgeshire Constabulary"
    CHESHIRE = "cheshire", "Cheshire Constabulary"
    CITY_OF_LONDON = "city-of-london", "City of London Police"
    CLEVELAND = "cleveland", "Cleveland Police"
    CUMBRIA = "cumbria", "Cumbria Constabulary"
    DERBYSHIRE = "derbyshire", "Derbyshire Constabulary"
    DEVON_AND_CORNWALL = "devon-and-cornwall", "Devon & Cornwall Police"
    DORSET = "dorset", "Dorset Police"
    DURHAM = "durham", "Durham Constabulary"
    DYFED_POWYS = "dyfed-powys", "Dyfed-Powys Police"
    ESSEX = "essex", "Essex Police"
    GLOUCESTERSHIRE = "gloucestershire", "Gloucestershire Constabulary"
    GREATER_MANCHESTER = "greater-manchester", "Greater Manchester Police"
    GWENT = "gwent", "Gwent Police"
    HAMPSHIRE = "hampshire", "Hampshire Constabulary"
    HERTFORDSHIRE = "hertfordshire", "Hertfordshire Constabulary"
    HUMBERSIDE = "humberside", "Humberside Police"
    KENT = "kent", "Kent Police"
    LANCASHIRE = "lancashire", "Lancashire Constabulary"
    LEICESTERSHIRE = "leicestershire", "Leicestershire Police"
    LINCOLNSHIRE = "lincolnshire", "Lincolnshire Police"
    MERSEYSIDE = "merseyside", "Merseyside Police"
    METROPOLITAN = "metropolitan", "Metropolitan Police Service"
    NORFOLK = "norfolk", "Norfolk Constabulary"
    NORTH_WALES = "north-wales", "North Wales Police"
    NORTH_YORKSHIRE = "north-yorkshire", "North Yorkshire Police"
    NORTHAMPTONSHIRE = "northamptonshire", "Northamptonshire Police"
    NORTHUMBRIA = "northumbria", "Northumbria Police"
    NOTTINGHAMSHIRE = "nottinghamshire", "Nottinghamshire Police"
    SOUTH_WALES = "south-wales", "South Wales Police"
    SOUTH_YORKSHIRE = "south-yorkshire", "South Yorkshire Police"
    STAFFORDSHIRE = "staffordshire", "Staffordshire Police"
    SUFFOLK = "suffolk", "Suffolk Constabulary"
    SURREY = "surrey", "Surrey Police"
    SUSSEX = "sussex", "Sussex Police"
    THAMES_VALLEY = "thames-valley", "Thames Valley Police"
    WARWICKSHIRE = "warwickshire", "Warwickshire Police"
    WEST_MERCIA = "west-mercia", "West Mercia Police"
    WEST_MIDLANDS = "west-midlands", "West Midlands Police"
    WEST_YORKSHIRE = "west-yorkshire", "West Yorkshire Police"
    WILTSHIRE = "wiltshire", "Wiltshire Police"


class Partnership(TimeStampedModel):
    """A Community Safety Partnership (CSP)."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=60, unique=True, help_text=_("Used in web addresses."))
    police_force = models.CharField(max_length=40, choices=PoliceForce.choices)
    districts = models.JSONField(
        default=list,
        blank=True,
        help_text=_(
            "Local authority districts covered, as police.uk names them in LSOA names "
            "(for example Hertsmere, East Hertfordshire)."
        ),
    )
    description = models.TextField(blank=True)
    population = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text=_("Residents of the districts covered, for crime rates per 1,000 residents."),
    )
    population_source = models.CharField(
        "source of the population figure",
        max_length=200,
        blank=True,
        help_text=_("For example ONS mid-2022 population estimate."),
    )
    # With the population, the density that tells a town from a rural district when the
    # partnership is set beside its most similar peers (crimedata/peers.py).
    area_sq_km = models.DecimalField(
        "area in square kilometres",
        max_digits=8,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.1"))],
        help_text=_("The land area of the districts covered, for population density."),
    )
    area_source = models.CharField(
        "source of the area figure",
        max_length=200,
        blank=True,
        help_text=_("For example ONS Standard Area Measurements."),
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("partnerships:detail", args=[self.slug])

    @property
    def density(self) -> int | None:
        """Residents per square kilometre, when both population and area are entered."""
        if not self.population or not self.area_sq_km:
            return None
        return round(Decimal(self.population) / Decimal(self.area_sq_km))


class OrganisationKind(models.TextChoices):
    # Translated: the published plan lists its member organisations by kind.
    POLICE = "police", _("Police")
    LOCAL_AUTHORITY = "local_authority", _("Local authority")
    FIRE_AND_RESCUE = "fire_and_rescue", _("Fire and rescue")
    PROBATION = "probation", _("Probation")
    HEALTH = "health", _("Health")
    CO_OPERATING_BODY = "co_operating_body", _("Co-operating body")
    VOLUNTARY_SECTOR = "voluntary_sector", _("Voluntary sector")
    # The Serious Violence Duty's specified and relevant authorities beyond the five
    # (Police, Crime, Sentencing and Courts Act 2022, Part 2), and social housing providers
    # that partnerships name beside them.
    YOUTH_JUSTICE = "youth_justice", _("Youth justice (youth offending team)")
    EDUCATION = "education", _("Education")
    PRISON = "prison", _("Prison or youth custody")
    SOCIAL_HOUSING = "social_housing", _("Social housing provider")


# The five responsible authorities of the Crime and Disorder Act 1998, s.5.
RESPONSIBLE_AUTHORITY_KINDS = frozenset(
    {
        OrganisationKind.POLICE,
        OrganisationKind.LOCAL_AUTHORITY,
        OrganisationKind.FIRE_AND_RESCUE,
        OrganisationKind.PROBATION,
        OrganisationKind.HEALTH,
    }
)


class Organisation(TimeStampedModel):
    """A member agency. One row per agency in the installation: Hertfordshire Constabulary
    is the same organisation in every Hertfordshire partnership it belongs to."""

    name = models.CharField(max_length=200, unique=True)
    abbreviation = models.CharField(
        max_length=30, blank=True, help_text=_("For example EHC, SNT, IYSS.")
    )
    kind = models.CharField(max_length=30, choices=OrganisationKind.choices)
    website = models.URLField(blank=True)
    aliases = models.JSONField(
        default=list,
        blank=True,
        help_text=_(
            "Other names plans use for it (for example Hertsmere Community Safety Team), "
            "so that imported owners match it."
        ),
    )
    partnerships = models.ManyToManyField(
        Partnership, related_name="organisations", blank=True, verbose_name=_("member of")
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_responsible_authority(self) -> bool:
        return self.kind in RESPONSIBLE_AUTHORITY_KINDS


class GroupKind(models.TextChoices):
    BOARD = "board", _("Board")
    JOINT_ACTION_GROUP = "joint_action_group", _("Joint action group")
    SUB_GROUP = "sub_group", _("Sub-group")
    FORUM = "forum", _("Forum")


class Group(TimeStampedModel):
    """A board, joint action group, sub-group or forum of a partnership."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="groups")
    name = models.CharField(max_length=200)
    abbreviation = models.CharField(
        max_length=30, blank=True, help_text=_("For example JAG, ASBAG.")
    )
    kind = models.CharField(max_length=30, choices=GroupKind.choices)
    reports_to = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reporting_groups",
        help_text=_("The group this one reports to. Leave empty for the board."),
    )
    purpose = models.TextField(blank=True)
    aliases = models.JSONField(
        default=list,
        blank=True,
        help_text=_("Other names plans use for it, so that imported owners match it."),
    )
    member_organisations = models.ManyToManyField(
        Organisation, related_name="groups", blank=True, verbose_name=_("member organisations")
    )
    quorum = models.PositiveIntegerField(
        "member organisations for a quorum",
        null=True,
        blank=True,
        help_text=_(
            "How many member organisations must be present for its decisions to stand, as "
            "its terms of reference say."
        ),
    )
    standing_items = models.TextField(
        "standing items",
        blank=True,
        help_text=_("Items on every agenda, one to a line: for example Prevent."),
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "name"], name="group_name_unique_in_partnership"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        parent = self.reports_to
        if parent is None:
            return
        if parent.partnership_id != self.partnership_id:
            raise ValidationError(
                {"reports_to": _("A group can only report to a group of the same partnership.")}
            )
        # Walk up the chain: a group may not end up reporting to itself.
        seen: set[int] = set()
        while parent is not None:
            if parent.pk == self.pk or parent.pk in seen:
                raise ValidationError(
                    {
                        "reports_to": _("%(name)s cannot report to a group that reports to it.")
                        % {"name": self.name}
                    }
                )
            seen.add(parent.pk)
            parent = parent.reports_to


class PoliceAndCrimePlan(TimeStampedModel):
    """A Police and Crime Commissioner's police and crime plan (Police Reform and Social
    Responsibility Act 2011, s.5), which partnerships have regard to (Crime and Disorder Act
    1998, s.6): recorded once for the police force area, shared by every partnership in it."""

    police_force = models.CharField("police force area", max_length=40, choices=PoliceForce.choices)
    title = models.CharField(max_length=250, help_text=_("For example Police and Crime Plan"))
    commissioner = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("For example Jane Smith, Police and Crime Commissioner"),
    )
    period_start = models.DateField("start of period")
    period_end = models.DateField("end of period")
    web_address = models.URLField(blank=True, help_text=_("Where the commissioner publishes it."))

    class Meta:
        ordering = ["police_force", "-period_start"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="police_and_crime_plan_period_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.title


class PccPriorityQuerySet(models.QuerySet):
    def open_to(self, partnership: Partnership, start, end) -> "PccPriorityQuerySet":
        """The priorities a partnership's plan for start..end may be aligned to: those of its
        police force area's police and crime plans in force at some time in that period."""
        return self.filter(
            police_and_crime_plan__police_force=partnership.police_force,
            police_and_crime_plan__period_start__lte=end,
            police_and_crime_plan__period_end__gte=start,
        ).select_related("police_and_crime_plan")


class PccPriority(models.Model):
    """One priority of a police and crime plan ("Keep Crime Low"), which partnerships'
    priorities are aligned to."""

    police_and_crime_plan = models.ForeignKey(
        PoliceAndCrimePlan, on_delete=models.CASCADE, related_name="priorities"
    )
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)

    objects = PccPriorityQuerySet.as_manager()

    class Meta:
        ordering = ["police_and_crime_plan", "number"]
        verbose_name = "Police and Crime Commissioner's priority"
        verbose_name_plural = "Police and Crime Commissioner's priorities"
        constraints = [
            models.UniqueConstraint(
                fields=["police_and_crime_plan", "number"], name="pcc_priority_number_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"
