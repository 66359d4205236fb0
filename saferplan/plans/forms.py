from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from saferplan.core import clock, languages
from saferplan.core.forms import GovukCheckboxSelectMultiple, GovukDateField, GovukRadioSelect
from saferplan.core.models import Marking
from saferplan.core.submissions import submission_token_field
from saferplan.partnerships.models import Group, Organisation, Partnership

from .models import ActionStatus, Objective, Plan, PlanKind, RagRating

MARKING_HELP = _(
    "OFFICIAL-SENSITIVE material is seen only by members of the owning partnership(s) and never "
    "published."
)


class PlanForm(forms.Form):
    submission_token = submission_token_field()
    kind = forms.ChoiceField(
        label=_("Kind of plan"), choices=PlanKind.choices, widget=GovukRadioSelect
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=250,
        help_text=_("For example Community Safety Action Plan 2025 to 2026"),
    )
    strategic_plan = forms.ModelChoiceField(
        label=_("Partnership plan it delivers (action plans only)"),
        queryset=Plan.objects.none(),
        required=False,
        empty_label=_("None"),
    )
    period_start = GovukDateField(label=_("Start of period"), help_text=_("For example 1 4 2025"))
    period_end = GovukDateField(label=_("End of period"), help_text=_("For example 31 3 2026"))
    introduction = forms.CharField(
        label=_("Introduction (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    pcc_alignment = forms.CharField(
        label=_("Alignment to the Police and Crime Commissioner's priorities (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    plain_summary = forms.CharField(
        label=_("The plan in brief (optional)"),
        help_text=_(
            "A summary in plain language for readers who find the full plan hard, shown "
            "first on the published plan: short sentences, everyday words, one idea in each "
            "paragraph. Leave it empty to leave it out."
        ),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    foreword = forms.CharField(
        label=_("Foreword (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    foreword_signatory = forms.CharField(
        label=_("Who signed the foreword (optional)"),
        help_text=_(
            "Their name on the first line and their role on the next, for example "
            "Cllr Jane Smith, then Chair of the Partnership"
        ),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    about_partnership = forms.CharField(
        label=_("About the partnership (optional)"),
        help_text=_(
            "Who the partnership is and how it works. The published plan lists its groups "
            "and member organisations (from the partnership's structure) beneath."
        ),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    legislation = forms.CharField(
        label=_("Legislation (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    assessment_findings = forms.CharField(
        label=_("Strategic assessment findings (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    monitoring = forms.CharField(
        label=_("Monitoring and review (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    definitions = forms.CharField(
        label=_("Definitions (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    language_notice = forms.CharField(
        label=_("Other languages and formats (optional)"),
        help_text=_(
            "For example This document is available in other languages and large print. "
            "Each paragraph in another language is marked as such on the published plan: Welsh, "
            "Polish and other scripts (Arabic, Urdu, Chinese, Punjabi …) are recognised; start any "
            "other paragraph with its language code in brackets, for example [so] for Somali."
        ),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    stale_after_days = forms.IntegerField(
        label=_("Days without an update before an action is stale"),
        min_value=1,
        max_value=730,
        initial=90,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
    )

    publish_updates = forms.BooleanField(
        label=_("Show progress updates on the published plan"),
        required=False,
        help_text=_("Only when the plan is published. OFFICIAL-SENSITIVE updates are never shown."),
    )

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["strategic_plan"].queryset = partnership.plans.filter(kind=PlanKind.STRATEGIC)

    def clean(self):
        data = super().clean()
        for name, field in self.fields.items():  # the texts written in paragraphs
            textarea = isinstance(field.widget, forms.Textarea)
            if textarea and (problem := languages.tag_problem(data.get(name, ""))):
                self.add_error(name, problem)
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("End of period must be on or after the start"))
        if data.get("kind") != PlanKind.ACTION and data.get("strategic_plan"):
            self.add_error("strategic_plan", _("Only an action plan delivers a partnership plan"))
        return data


class ActionForm(forms.Form):
    submission_token = submission_token_field()
    objective = forms.ModelChoiceField(
        label=_("Objective"),
        queryset=Objective.objects.none(),
        required=False,
        empty_label=_("None (directly under the priority)"),
    )
    title = forms.CharField(label=_("Action"), widget=forms.Textarea(attrs={"rows": 2}))
    owner_organisations = forms.ModelMultipleChoiceField(
        label=_("Owner organisations"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=GovukCheckboxSelectMultiple,
    )
    owner_groups = forms.ModelMultipleChoiceField(
        label=_("Owner groups"),
        queryset=Group.objects.none(),
        required=False,
        widget=GovukCheckboxSelectMultiple,
    )
    owner_name = forms.CharField(
        label=_("Named owner (optional)"),
        max_length=150,
        required=False,
        help_text=_("A person, for example Sgt Vaughan. They need not use saferplan."),
    )
    owner_user = forms.ModelChoiceField(
        label=_("Owner who uses saferplan (optional)"),
        queryset=None,
        required=False,
        empty_label=_("Nobody"),
        help_text=_("Their My actions page lists this action."),
    )
    joint_partnerships = forms.ModelMultipleChoiceField(
        label=_("Joint with other partnerships"),
        queryset=Partnership.objects.none(),
        required=False,
        widget=GovukCheckboxSelectMultiple,
    )
    start_date = GovukDateField(label=_("Start date (optional)"), required=False)
    due_date = GovukDateField(label=_("Due date (optional)"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=ActionStatus.choices,
        widget=GovukRadioSelect,
        initial=ActionStatus.NOT_STARTED,
    )
    status_reason = forms.CharField(
        label=_("Reason for the status (needed when discharged)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    marking = forms.ChoiceField(
        label=_("Marking"),
        choices=Marking.choices,
        widget=GovukRadioSelect,
        initial=Marking.OFFICIAL,
        help_text=MARKING_HELP,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, priority, **kwargs):
        from saferplan.accounts.models import User

        super().__init__(*args, **kwargs)
        partnership = priority.plan.partnership
        self.fields["objective"].queryset = priority.objectives.all()
        self.fields["owner_organisations"].queryset = partnership.organisations.order_by("name")
        self.fields["owner_groups"].queryset = partnership.groups.order_by("name")
        # Only the plan's own partnership changes an action (plans.permissions), so only its
        # own members are offered: no form lists another partnership's people.
        self.fields["owner_user"].queryset = (
            User.objects.filter(memberships__partnership=partnership, is_active=True)
            .distinct()
            .order_by("full_name")
        )
        self.fields["joint_partnerships"].queryset = Partnership.objects.exclude(
            pk=partnership.pk
        ).order_by("name")

    def clean(self):
        data = super().clean()
        if (
            data.get("status") == ActionStatus.DISCHARGED
            and not (data.get("status_reason") or "").strip()
        ):
            self.add_error("status_reason", _("Give the reason the action was discharged"))
        start, due = data.get("start_date"), data.get("due_date")
        if start and due and due < start:
            self.add_error("due_date", _("Due date must be on or after the start date"))
        return data


class UpdateForm(forms.Form):
    """Add a dated update, and set the RAG rating and status, in one step."""

    submission_token = submission_token_field()

    described_on = GovukDateField(
        label=_("Date of the progress"),
        help_text=_("The date this progress happened, for example 13 6 2019"),
    )
    text = forms.CharField(
        label=_("What has happened"),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Enter what has happened")},
    )
    marking = forms.ChoiceField(
        label=_("Marking"),
        choices=Marking.choices,
        widget=GovukRadioSelect,
        initial=Marking.OFFICIAL,
        help_text=format_lazy(
            "{} {}", MARKING_HELP, _("The marking covers the reasons typed with the update too.")
        ),
    )
    rag = forms.ChoiceField(
        label=_("RAG rating"), choices=RagRating.choices, widget=GovukRadioSelect, required=False
    )
    rag_reason = forms.CharField(
        label=_("Reason for the RAG rating (needed when it changes)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=ActionStatus.choices, widget=GovukRadioSelect, required=False
    )
    status_reason = forms.CharField(
        label=_("Reason for the status (needed when discharged)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    expected_rag_change_id = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean_described_on(self):
        day = self.cleaned_data["described_on"]
        if day and day > clock.today():
            raise forms.ValidationError(_("Date of the progress must be today or in the past"))
        return day


class CorrectionForm(forms.Form):
    submission_token = submission_token_field()
    described_on = GovukDateField(label=_("Date of the progress"))
    text = forms.CharField(label=_("Corrected update"), widget=forms.Textarea(attrs={"rows": 5}))
    marking = forms.ChoiceField(
        label=_("Marking"),
        choices=Marking.choices,
        widget=GovukRadioSelect,
        help_text=format_lazy(
            "{} {}",
            MARKING_HELP,
            _("A correction of an OFFICIAL-SENSITIVE update stays OFFICIAL-SENSITIVE."),
        ),
    )


class RagOverrideForm(forms.Form):
    submission_token = submission_token_field()
    rating = forms.ChoiceField(
        label=_("RAG rating"),
        choices=[("", _("Use the rating worked out from the actions")), *RagRating.choices],
        widget=GovukRadioSelect,
        required=False,
    )
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Give the reason for the override")},
    )
    marking = forms.ChoiceField(
        label=_("Marking of the reason"),
        choices=Marking.choices,
        widget=GovukRadioSelect,
        initial=Marking.OFFICIAL,
        required=False,
        help_text=MARKING_HELP,
    )

    def clean_marking(self):
        return self.cleaned_data["marking"] or Marking.OFFICIAL


class SentToPccForm(forms.Form):
    submission_token = submission_token_field()
    sent_on = GovukDateField(
        label=_("Date it was sent (leave empty if it has not been)"),
        required=False,
        help_text=_("For example 30 4 2025"),
    )


class RefreshForm(forms.Form):
    title = forms.CharField(label=_("Title of the new plan"), max_length=250)
    period_start = GovukDateField(label=_("Start of period"))
    period_end = GovukDateField(label=_("End of period"))
    supersede = forms.BooleanField(
        label=_("Mark this year's plan as superseded"),
        required=False,
        initial=True,
        help_text=_(
            "Its actions leave My actions, reminders and digests now. If it is published, "
            "it stays the published plan until the new one is published."
        ),
    )

    def clean(self):
        data = super().clean()
        if (
            data.get("period_start")
            and data.get("period_end")
            and data["period_end"] < data["period_start"]
        ):
            self.add_error("period_end", _("End of period must be on or after the start"))
        return data


class RagKeyForm(forms.Form):
    red = forms.CharField(label=_("Red"), max_length=300)
    amber = forms.CharField(label=_("Amber"), max_length=300)
    green = forms.CharField(label=_("Green"), max_length=300)
    white = forms.CharField(label=_("White"), max_length=300)
