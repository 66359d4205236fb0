"""The forms of a plan's structure: its priorities (with their lead and the Police and Crime
Commissioner's priorities they serve) and objectives."""

from django import forms
from django.utils.translation import gettext_lazy as _

from saferplan.core.forms import GovukCheckboxSelectMultiple
from saferplan.core.submissions import submission_token_field
from saferplan.partnerships.models import Group, Organisation, PccPriority


class PriorityForm(forms.Form):
    submission_token = submission_token_field()
    number = forms.IntegerField(
        label=_("Number"),
        min_value=1,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-2"}),
    )
    title = forms.CharField(label=_("Priority"), max_length=300)
    description = forms.CharField(
        label=_("Description (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    is_cross_cutting = forms.BooleanField(label=_("This is a cross-cutting theme"), required=False)
    desired_outcomes = forms.CharField(
        label=_("Desired outcomes and measures of success (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    lead_user = forms.ModelChoiceField(
        label=_("Lead who uses saferplan (optional)"),
        queryset=None,
        required=False,
        empty_label=_("Nobody"),
        help_text=_("The weekly email reminds them of the priority's actions without an update."),
    )
    lead_name = forms.CharField(
        label=_("Named lead (optional)"),
        max_length=150,
        required=False,
        help_text=_("A person who leads it but does not use saferplan, for example Insp Khan."),
    )
    lead_organisation = forms.ModelChoiceField(
        label=_("Lead organisation (optional)"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("None"),
    )
    pcc_priorities = forms.ModelMultipleChoiceField(
        label=_("The Police and Crime Commissioner's priorities it serves"),
        queryset=PccPriority.objects.none(),
        required=False,
        widget=GovukCheckboxSelectMultiple,
    )

    def __init__(self, *args, plan, **kwargs):
        from saferplan.accounts.models import User

        super().__init__(*args, **kwargs)
        partnership = plan.partnership
        # Only the partnership's own members and organisations: no form lists another's.
        self.fields["lead_user"].queryset = (
            User.objects.filter(memberships__partnership=partnership, is_active=True)
            .distinct()
            .order_by("full_name")
        )
        self.fields["lead_organisation"].queryset = partnership.organisations.order_by("name")
        choices = PccPriority.objects.open_to(partnership, plan.period_start, plan.period_end)
        self.fields["pcc_priorities"].queryset = choices
        if not choices:
            del self.fields["pcc_priorities"]
        elif len({c.police_and_crime_plan_id for c in choices}) > 1:
            # Two of the commissioner's plans in the period: say which each priority is of.
            self.fields["pcc_priorities"].label_from_instance = lambda p: (
                f"{p} ({p.police_and_crime_plan})"
            )


class ObjectiveForm(forms.Form):
    submission_token = submission_token_field()
    ref = forms.CharField(
        label=_("Reference (optional)"),
        max_length=20,
        required=False,
        help_text=_("For example the JAG ref 1.1"),
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
    )
    title = forms.CharField(label=_("Objective (issue)"), widget=forms.Textarea(attrs={"rows": 2}))
    target_indicator = forms.CharField(
        label=_("Target and performance indicator (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    desired_outcomes = forms.CharField(
        label=_("Desired outcomes (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    lead_groups = forms.ModelMultipleChoiceField(
        label=_("Lead action groups"),
        queryset=Group.objects.none(),
        required=False,
        widget=GovukCheckboxSelectMultiple,
    )

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_groups"].queryset = partnership.groups.order_by("name")
