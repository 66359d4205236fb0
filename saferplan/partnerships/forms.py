from django import forms
from django.utils.translation import gettext_lazy as _

from saferplan.core.forms import GovukCheckboxSelectMultiple, GovukRadioSelect

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
