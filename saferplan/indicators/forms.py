from django import forms
from django.utils import translation
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from saferplan.core.forms import GovukCheckboxSelectMultiple, GovukRadioSelect
from saferplan.crimedata.forms import PeriodField, crime_type_choices
from saferplan.crimedata.models import SeriesUnit
from saferplan.crimedata.periods import Period
from saferplan.crimedata.wording import Sentence
from saferplan.plans.models import RETIRED_STATUSES, Objective

from .models import Direction, Indicator, MeasureSource, TargetKind


class _Label(SafeString):
    """A choice's label in the page's language holding the partnership's words, each marked
    with their language (`lang`: the label as a whole needs no mark, core's option_lang)."""

    lang = ""


class ObjectiveChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Objective) -> str:
        own = {"title": f"{obj.ref} {obj.title}" if obj.ref else obj.title}
        own["plan"] = obj.priority.plan.title
        label = _Label(
            Sentence(
                gettext("%(title)s (%(plan)s, priority %(number)s)"),
                own=own,
                number=obj.priority.number,
            ).html
        )
        label.lang = translation.get_language() or ""
        return label


class IndicatorForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        help_text=_("For example Reduction in violent crime and harms."),
    )
    description = forms.CharField(
        label=_("Description (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What it measures and why, as the board should read it."),
    )
    source = forms.ChoiceField(
        label=_("Where the figures come from"),
        choices=MeasureSource.choices,
        widget=GovukRadioSelect,
    )
    categories = forms.MultipleChoiceField(
        label=_("police.uk categories (police.uk measures only)"),
        choices=crime_type_choices,
        required=False,
        widget=GovukCheckboxSelectMultiple,
        help_text=_("Their counts are added together."),
    )
    series = forms.ModelChoiceField(
        label=_("Series (series measures only)"),
        queryset=None,
        required=False,
        empty_label=_("Choose a series"),
        help_text=_("Series are listed under Crime and ASB, Other figures."),
    )
    unit = forms.ChoiceField(
        label=_("What the figures count (entered figures only)"),
        choices=SeriesUnit.choices,
        initial=SeriesUnit.NUMBER,
        required=False,
    )
    direction = forms.ChoiceField(
        label=_("Direction"),
        choices=Direction.choices,
        widget=GovukRadioSelect,
        initial=Direction.LOWER,
    )
    baseline = PeriodField(
        label=_("Baseline period"),
        help_text=_(
            "The period the measure starts from: a year (2022), a financial year "
            "(2021/22), a month (2018-10) or months (2018-10..2018-12). Later figures are for "
            "periods of the same length."
        ),
    )
    target_kind = forms.ChoiceField(
        label=_("Kind of target"),
        choices=TargetKind.choices,
        widget=GovukRadioSelect,
        initial=TargetKind.CHANGE,
    )
    target = forms.DecimalField(
        label=_("Target"),
        max_digits=14,
        decimal_places=2,
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-5"}),
        help_text=_(
            # xgettext:no-python-format
            "For a change, the percentage from the baseline: -5 for a 5% reduction, 0 "
            "for no increase. For a value, the figure to reach, for example 80."
        ),
    )
    tolerance = forms.DecimalField(
        label=_("Tolerance"),
        max_digits=14,
        decimal_places=2,
        min_value=0,
        initial=0,
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-5"}),
        help_text=_(
            "How far a figure may miss the target and still be amber rather than red: "
            "percentage points for a change, the measure's units for a value."
        ),
    )
    objectives = ObjectiveChoiceField(
        label=_("Objectives it measures (optional)"),
        queryset=None,
        required=False,
        widget=GovukCheckboxSelectMultiple,
        help_text=_(
            "Their pages show the RAG rating this measure suggests beside the rating given."
        ),
    )
    position = forms.IntegerField(
        label=_("Position in lists (optional)"), min_value=0, required=False
    )

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["series"].queryset = partnership.custom_series.all()
        self.fields["objectives"].queryset = (
            Objective.objects.filter(priority__plan__partnership=partnership)
            .exclude(priority__plan__status__in=RETIRED_STATUSES)
            .select_related("priority__plan")
            .order_by(
                "priority__plan__period_start", "priority__plan_id", "priority__number", "position"
            )
        )

    def clean_unit(self):
        return self.cleaned_data["unit"] or SeriesUnit.NUMBER

    def clean(self):
        data = super().clean()
        if data.get("position") is None:
            data.pop("position", None)
        return data

    @staticmethod
    def initial_for(indicator: Indicator) -> dict:
        return {
            "name": indicator.name,
            "description": indicator.description,
            "source": indicator.source,
            "categories": indicator.categories,
            "series": indicator.series_id,
            "unit": indicator.unit,
            "direction": indicator.direction,
            "baseline": Period(indicator.baseline_start, indicator.baseline_end).typed,
            "target_kind": indicator.target_kind,
            "target": indicator.target,
            "tolerance": indicator.tolerance,
            "objectives": list(indicator.objectives.values_list("pk", flat=True)),
            "position": indicator.position,
        }
