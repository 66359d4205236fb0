from django import forms
from django.utils.translation import gettext_lazy as _

from saferplan.core.forms import GovukCheckboxSelectMultiple, GovukDateField, GovukRadioSelect
from saferplan.core.submissions import submission_token_field

from .models import Group, GroupKind, Organisation, OrganisationKind


class GroupForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    abbreviation = forms.CharField(
        label=_("Abbreviation (optional)"),
        max_length=30,
        required=False,
        help_text=_("For example JAG or ASBAG."),
    )
    kind = forms.ChoiceField(
        label=_("Kind of group"), choices=GroupKind.choices, widget=GovukRadioSelect
    )
    reports_to = forms.ModelChoiceField(
        label=_("Reports to"),
        queryset=Group.objects.none(),
        required=False,
        empty_label=_("Nobody (this is the board)"),
    )
    purpose = forms.CharField(
        label=_("Purpose (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    member_organisations = forms.ModelMultipleChoiceField(
        label=_("Member organisations"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=GovukCheckboxSelectMultiple,
    )
    quorum = forms.IntegerField(
        label=_("Member organisations for a quorum (optional)"),
        min_value=1,
        required=False,
        help_text=_("How many must be present for its decisions to stand."),
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
    )
    standing_items = forms.CharField(
        label=_("Standing items (optional)"),
        required=False,
        help_text=_("Items on every agenda, one to a line: for example Prevent."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, partnership, group=None, **kwargs):
        super().__init__(*args, **kwargs)
        groups = partnership.groups.order_by("name")
        if group is not None:
            groups = groups.exclude(pk=group.pk)
        self.fields["reports_to"].queryset = groups
        self.fields["member_organisations"].queryset = partnership.organisations.order_by("name")


class OrganisationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    abbreviation = forms.CharField(
        label=_("Abbreviation (optional)"),
        max_length=30,
        required=False,
        help_text=_("For example EHC, SNT or IYSS."),
    )
    kind = forms.ChoiceField(
        label=_("Kind of organisation"), choices=OrganisationKind.choices, widget=GovukRadioSelect
    )
    website = forms.URLField(label=_("Website (optional)"), required=False, assume_scheme="https")


class OrganisationJoinForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        empty_label=_("Choose an organisation"),
        error_messages={"required": _("Choose the organisation to add")},
    )

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.exclude(
            partnerships=partnership
        ).order_by("name")


class PoliceAndCrimePlanForm(forms.Form):
    submission_token = submission_token_field()
    title = forms.CharField(
        label=_("Title"),
        max_length=250,
        help_text=_("For example Police and Crime Plan 2025 to 2029"),
    )
    commissioner = forms.CharField(
        label=_("Commissioner (optional)"),
        max_length=200,
        required=False,
        help_text=_("For example Jane Smith, Police and Crime Commissioner for Hertfordshire"),
    )
    period_start = GovukDateField(label=_("Start of period"), help_text=_("For example 1 4 2025"))
    period_end = GovukDateField(label=_("End of period"), help_text=_("For example 31 3 2029"))
    web_address = forms.URLField(
        label=_("Web address where it is published (optional)"),
        required=False,
        assume_scheme="https",
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("End of period must be on or after its start"))
        return data


class PccPriorityForm(forms.Form):
    submission_token = submission_token_field()
    number = forms.IntegerField(
        label=_("Number"),
        min_value=1,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-2"}),
    )
    title = forms.CharField(
        label=_("Priority"),
        max_length=300,
        help_text=_("As the plan words it, for example Keep Crime Low"),
    )
    description = forms.CharField(
        label=_("Description (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
