from django import forms
from django.utils.translation import gettext_lazy as _

from saferplan.core.forms import GovukCheckboxSelectMultiple, GovukDateField, GovukRadioSelect
from saferplan.core.models import Marking
from saferplan.core.submissions import submission_token_field
from saferplan.core.templatetags.saferplan import own_words_in
from saferplan.partnerships.models import Group, Organisation
from saferplan.plans.models import Plan, Priority

MARKING_HELP = _(
    "OFFICIAL-SENSITIVE material is seen only by members of the partnership and never published."
)


class MeetingForm(forms.Form):
    submission_token = submission_token_field()
    group = forms.ModelChoiceField(
        label=_("Group"), queryset=Group.objects.none(), required=False, empty_label=_("The board")
    )
    plan = forms.ModelChoiceField(
        label=_("Plan it reviews (optional)"),
        queryset=Plan.objects.none(),
        required=False,
        empty_label=_("None"),
        help_text=_(
            "Its agenda is drafted from the plan, and the plan's owners are reminded to update their actions."
        ),
    )
    meets_on = GovukDateField(label=_("Date"), help_text=_("For example 14 1 2027"))
    starts_at = forms.TimeField(
        label=_("Time (optional)"),
        required=False,
        help_text=_("For example 14:00"),
        widget=forms.TimeInput(attrs={"class": "govuk-input--width-5"}, format="%H:%M"),
    )
    place = forms.CharField(label=_("Place (optional)"), max_length=200, required=False)
    link = forms.URLField(
        label=_("Link to join online (optional)"), required=False, assume_scheme="https"
    )
    chase_days_before = forms.IntegerField(
        label=_("Days before the meeting to remind owners"),
        min_value=0,
        max_value=90,
        initial=14,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
    )

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = partnership.groups.order_by("name")
        self.fields["plan"].queryset = partnership.plans.in_use().order_by("-period_start", "title")


class AttendanceForm(forms.Form):
    """One present box and one "who came" field per member organisation."""

    submission_token = submission_token_field()

    def __init__(self, *args, organisations, attendance, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisations = list(organisations)
        recorded = {a.organisation_id: a for a in attendance}
        for organisation in self.organisations:
            found = recorded.get(organisation.pk)
            self.fields[f"present_{organisation.pk}"] = forms.BooleanField(
                label=own_words_in(
                    _("%(organisation)s was present"), organisation=organisation.name
                ),
                required=False,
                initial=found.present if found else False,
            )
            self.fields[f"attendees_{organisation.pk}"] = forms.CharField(
                label=_("Who came for %(organisation)s (optional)")
                % {"organisation": organisation.name},
                max_length=300,
                required=False,
                initial=found.attendees if found else "",
            )

    def rows(self):
        return [
            (o, self.cleaned_data[f"present_{o.pk}"], self.cleaned_data[f"attendees_{o.pk}"])
            for o in self.organisations
        ]

    def pairs(self):
        """(present field, who came field) per organisation, for the template."""
        return [(self[f"present_{o.pk}"], self[f"attendees_{o.pk}"]) for o in self.organisations]


class AgendaItemForm(forms.Form):
    submission_token = submission_token_field()
    title = forms.CharField(label=_("Item"), max_length=300)
    marking = forms.ChoiceField(
        label=_("Marking"),
        choices=Marking.choices,
        widget=GovukRadioSelect,
        initial=Marking.OFFICIAL,
        help_text=MARKING_HELP,
    )


class MinutesForm(forms.Form):
    submission_token = submission_token_field()
    minutes = forms.CharField(
        label=_("Notes of the discussion"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    minutes_marking = forms.ChoiceField(
        label=_("Marking of the notes"),
        choices=Marking.choices,
        widget=GovukRadioSelect,
        initial=Marking.OFFICIAL,
        help_text=MARKING_HELP,
    )


class DecisionForm(forms.Form):
    """A decision, and when it is a new action, the action as it goes in the plan."""

    submission_token = submission_token_field()
    text = forms.CharField(label=_("Decision"), widget=forms.Textarea(attrs={"rows": 3}))
    marking = forms.ChoiceField(
        label=_("Marking"),
        choices=Marking.choices,
        widget=GovukRadioSelect,
        initial=Marking.OFFICIAL,
        help_text=_("A new action takes the decision's marking."),
    )
    approves_plan = forms.ModelChoiceField(
        label=_("This decision approves a plan (optional)"),
        queryset=Plan.objects.none(),
        required=False,
        empty_label=_("No"),
        help_text=_(
            "The sign-off of a partnership plan or a year's action plan: the plan's page shows "
            "it, and a draft plan becomes approved."
        ),
    )
    priority = forms.ModelChoiceField(
        label=_("Priority of the new action"),
        queryset=Priority.objects.none(),
        required=False,
        empty_label=_("None: this decision is not a new action"),
    )
    action_title = forms.CharField(
        label=_("New action (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What will be done, as the plan will show it."),
    )
    owner_organisations = forms.ModelMultipleChoiceField(
        label=_("Owner organisations"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=GovukCheckboxSelectMultiple,
    )
    owner_user = forms.ModelChoiceField(
        label=_("Owner who uses saferplan (optional)"),
        queryset=None,
        required=False,
        empty_label=_("Nobody"),
    )
    due_date = GovukDateField(label=_("Due date (optional)"), required=False)

    def __init__(self, *args, meeting, **kwargs):
        from saferplan.accounts.models import User

        super().__init__(*args, **kwargs)
        partnership = meeting.partnership
        self.fields["priority"].queryset = (
            meeting.plan.priorities.all() if meeting.plan else Priority.objects.none()
        )
        self.fields["owner_organisations"].queryset = partnership.organisations.order_by("name")
        self.fields["approves_plan"].queryset = partnership.plans.in_use().order_by(
            "-period_start", "title"
        )
        self.fields["owner_user"].queryset = (
            User.objects.filter(memberships__partnership=partnership, is_active=True)
            .distinct()
            .order_by("full_name")
        )
        if meeting.plan is None:
            for name in (
                "priority",
                "action_title",
                "owner_organisations",
                "owner_user",
                "due_date",
            ):
                del self.fields[name]

    def clean(self):
        data = super().clean()
        if data.get("action_title", "").strip() and not data.get("priority"):
            self.add_error("priority", _("Choose the priority the new action belongs to"))
        if data.get("priority") and not data.get("action_title", "").strip():
            self.add_error("action_title", _("Enter the action agreed"))
        return data
