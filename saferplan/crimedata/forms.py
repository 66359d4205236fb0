from decimal import Decimal

from django import forms
from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from saferplan.core import languages
from saferplan.core.forms import GovukRadioSelect
from saferplan.core.submissions import submission_token_field

from .categories import choices_with_all_crime
from .models import CustomSeries, SeriesUnit
from .periods import Period
from .wording import Sentence

PERIOD_HINT = _(
    "A year (2022), a financial year (2021/22), a month (2018-10) or months from one to "
    "another (2018-10..2018-12)."
)


class PeriodField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", PERIOD_HINT)
        kwargs.setdefault("max_length", 40)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("class", "govuk-input govuk-input--width-20")
        self.widget.attrs.setdefault("spellcheck", "false")

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        try:
            return Period.parse(text)
        except ValueError as error:
            raise forms.ValidationError(
                # Translators: the field's label, then what is wrong with the period typed in it.
                gettext("%(label)s: %(error)s") % {"label": self.label, "error": error}
            ) from None


class ComparisonForm(forms.Form):
    """Read from the address (GET), so that a comparison can be bookmarked and shared."""

    period = PeriodField(label=_("Period"), required=False)
    against = PeriodField(
        label=_("Compared with"),
        required=False,
        help_text=_("Leave empty for the same months a year before."),
    )


def crime_type_choices() -> list[tuple[str, str]]:
    """police.uk's crime types (and all crime) as choices whose labels are police.uk's names,
    in English: a Welsh page marks them as English (core.languages.Text, option_lang)."""
    return [(value, languages.Text(label)) for value, label in choices_with_all_crime()]


def for_example(message: str, example: str) -> Sentence:
    """A hint whose example is someone else's words (a county's category, a report's title),
    marked with their language on a Welsh page."""
    return Sentence(message, own={"example": example})


class CategoryPeriodForm(forms.Form):
    category = forms.ChoiceField(label=_("Crime type"), choices=crime_type_choices)
    period = PeriodField(label=_("Period"), required=False)


class CountyForm(forms.Form):
    period = PeriodField(label=_("Period"), required=False)


class SeriesForm(forms.ModelForm):
    class Meta:
        model = CustomSeries
        fields = ["name", "unit", "source", "position"]
        labels = {
            "name": _("Name"),
            "unit": _("Unit"),
            "source": _("Source"),
            "position": _("Position in tables"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].help_text = for_example(
            gettext("For example %(example)s."), "Assault with injury"
        )
        self.fields["source"].help_text = for_example(
            gettext("Where the figures come from, for example %(example)s."),
            "Hertfordshire Strategic Assessment",
        )


class ValueForm(forms.Form):
    submission_token = submission_token_field()
    period = PeriodField(label=_("Period"))
    value = forms.DecimalField(
        label=_("Figure"), max_digits=14, decimal_places=2, widget=forms.TextInput()
    )


class SeriesImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("Columns Series, Period, Value and, if you wish, Unit and Source; up to 2 MB."),
        error_messages={"required": _("Choose the CSV file of figures")},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 2 * 1024 * 1024:
            raise forms.ValidationError(_("%(name)s is larger than 2 MB") % {"name": upload.name})
        return upload


class ComparisonTableForm(forms.Form):
    """A county's comparison table pasted from its report (comparison_table.py)."""

    submission_token = submission_token_field()
    table = forms.CharField(
        label=_("The table"),
        widget=forms.Textarea(attrs={"rows": 14, "spellcheck": "false"}),
        max_length=100_000,  # its hint: __init__
        error_messages={"required": _("Paste the table")},
    )
    period = PeriodField(
        label=_("The period of the figures"), help_text=_("For example 2022 or 2022/23.")
    )
    against = PeriodField(
        label=_("Compared with"),
        required=False,
        help_text=_("Leave empty for the same months a year before."),
    )
    unit = forms.ChoiceField(
        label=_("Unit, where a line does not say"),
        choices=[(u.value, u.label) for u in SeriesUnit if u != SeriesUnit.PERCENT],
        initial=SeriesUnit.OFFENCES.value,
    )
    source = forms.CharField(
        label=_("Source"),
        max_length=200,
        error_messages={"required": _("Enter the report the table is from")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["table"].help_text = Sentence(
            gettext(
                "Copy it from the county's report: a line a category, either as the county "
                "writes it (%(sentence)s) or as a table's rows under a header that names both "
                "periods (%(header)s)."
            ),
            own={
                "sentence": "Robbery 67 offences, 16 more 31.4%",
                "header": "Crime type 2021/22 2022/23 Change % change",
            },
        )
        self.fields["source"].help_text = for_example(
            gettext("The report the table is from, for example %(example)s."),
            "Hertfordshire Strategic Assessment 2022",
        )

    def clean(self):
        data = super().clean()
        if data.get("period") and not data.get("against"):
            data["against"] = data["period"].year_before()
        return data


class AreaForm(forms.Form):
    districts = forms.CharField(
        label=_("Districts covered"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "One a line, as police.uk names them at the start of LSOA names "
            "(for example Hertsmere or East Hertfordshire)."
        ),
    )
    population = forms.IntegerField(
        label=_("Population"),
        required=False,
        min_value=1,
        help_text=_("Residents, for rates per 1,000."),
    )
    population_source = forms.CharField(
        label=_("Source of the population figure"), required=False, max_length=200
    )
    area_sq_km = forms.DecimalField(
        label=_("Area in square kilometres"),
        required=False,
        min_value=Decimal("0.1"),
        max_digits=8,
        decimal_places=1,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-5"}),
        help_text=_(
            "Land area of the districts, for population density: with the population, "
            "it finds the partnerships most like this one."
        ),
    )
    area_source = forms.CharField(
        label=_("Source of the area figure"), required=False, max_length=200
    )

    def clean_districts(self):
        names = [line.strip() for line in self.cleaned_data["districts"].splitlines()]
        names = list(dict.fromkeys(name for name in names if name))
        if not names:
            raise forms.ValidationError(_("Enter at least one district"))
        return names


class PoliceUkUploadForm(forms.Form):
    # Sent twice, the file is imported once (saferplan.background.starting).
    submission_token = submission_token_field()
    file = forms.FileField(
        label=_("police.uk file"),
        help_text=_(
            "A street-level CSV (2018-10-hertfordshire-street.csv) or the monthly zip "
            "from data.police.uk."
        ),
        error_messages={"required": _("Choose the police.uk file to import")},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.SAFERPLAN_POLICE_UK_UPLOAD_MB
        if upload.size > limit * 1024 * 1024:
            raise forms.ValidationError(
                _(
                    "%(name)s is larger than %(limit)s MB: import larger archives with the command saferplan import-police-uk"
                )
                % {"name": upload.name, "limit": limit}
            )
        if not upload.name.lower().endswith((".csv", ".zip")):
            raise forms.ValidationError(
                _("%(name)s is not a CSV or zip file") % {"name": upload.name}
            )
        return upload


class PoliceApiFetchForm(forms.Form):
    submission_token = submission_token_field()
    latest = forms.TypedChoiceField(
        label=_("Months to fetch"),
        choices=[(1, _("The newest month")), (3, _("The newest 3 months")), (6, _("The newest 6 months")),
                 (12, _("The newest 12 months"))],
        coerce=int,
        initial=1,
        widget=GovukRadioSelect,
        error_messages={"required": _("Choose how many months to fetch")},
    )  # fmt: skip
