from django import forms

from saferplan.core.forms import GovukDateField, GovukRadioSelect
from saferplan.core.models import Marking
from saferplan.core.submissions import submission_token_field
from saferplan.crimedata.forms import PeriodField

from .models import RiskKind

MARKING_HELP = (
    "OFFICIAL-SENSITIVE material is seen only by the partnership's members and never published."
)


def marking_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label="Marking",
        choices=Marking.choices,
        widget=GovukRadioSelect,
        initial=Marking.OFFICIAL,
        help_text=MARKING_HELP,
    )


class DraftForm(forms.Form):
    # Sent twice (a double click), it drafts one assessment (docs/adr/0027-forms-saved-once.md).
    submission_token = submission_token_field()
    title = forms.CharField(
        label="Title", max_length=200, help_text="For example Strategic Assessment 2022."
    )
    period = PeriodField(
        label="Period assessed",
        help_text="A year (2022), a financial year (2022/23) or months (2022-01..2022-12).",
    )
    against = PeriodField(
        label="Compared with (optional)",
        required=False,
        help_text="Leave it empty for the same months a year before, so seasons compare fairly.",
    )

    def clean(self):
        data = super().clean()
        period = data.get("period")
        if period is not None and not data.get("against"):
            data["against"] = period.year_before()
        return data


class FindingForm(forms.Form):
    name = forms.CharField(label="What it is about", max_length=200)
    sentence = forms.CharField(
        label="The finding, as the board reads it",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    source = forms.CharField(label="Source", max_length=300, required=False)
    marking = marking_field()
    approved = forms.BooleanField(
        label="I have checked this finding and approve it", required=False
    )


class RiskForm(forms.Form):
    submission_token = submission_token_field()
    kind = forms.ChoiceField(
        label="Kind of risk", choices=RiskKind.choices, widget=GovukRadioSelect
    )
    title = forms.CharField(
        label="Risk", max_length=200, help_text="For example Theft from person."
    )
    description = forms.CharField(
        label="Why (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The evidence behind it, as the board should read it.",
    )
    marking = marking_field()


class AgreeForm(forms.Form):
    agreed_on = GovukDateField(label="Agreed on", help_text="For example 12 1 2023")
    agreed_at = forms.CharField(
        label="Where (optional)",
        max_length=200,
        required=False,
        help_text="For example the board meeting of 12 January 2023.",
    )
