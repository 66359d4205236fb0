from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from saferplan.core.forms import GovukDateField, GovukRadioSelect
from saferplan.core.submissions import submission_token_field

from .models import HowReceived

YES_NO = [("yes", _("Yes, it was met")), ("no", _("No, it was not met"))]


class CaseReviewForm(forms.Form):
    submission_token = submission_token_field()
    reference = forms.CharField(
        label=_("Reference"), max_length=50, help_text=_("Your own, for example CR-2024-03.")
    )
    received_on = GovukDateField(
        label=_("Date the application was received"), help_text=_("For example 5 6 2024")
    )
    received_how = forms.ChoiceField(
        label=_("How it was received"), choices=HowReceived.choices, widget=GovukRadioSelect
    )
    threshold = forms.CharField(
        label=_("Threshold applied"),
        max_length=300,
        help_text=_(
            "The partnership's local threshold. The Act's is three complaints about separate "
            "incidents in the six months before the application (s.104); it may be lower."
        ),
        initial=_("Three or more complaints about separate incidents in the last six months"),
    )
    applicant_name = forms.CharField(label=_("Applicant's name"), max_length=200, required=False)
    applicant_contact = forms.CharField(
        label=_("Applicant's address and contact details"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    applicant_notes = forms.CharField(
        label=_("Vulnerability and support needs"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    retain_until = GovukDateField(
        label=_("Keep the applicant's details until"),
        required=False,
        help_text=_(
            "Your retention schedule's date: the details are deleted after it, the case stays."
        ),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("applicant_name") and not cleaned.get("retain_until"):
            self.add_error(
                "retain_until", _("Enter the date to keep the applicant's details until")
            )
        return cleaned


class ThresholdForm(forms.Form):
    met = forms.ChoiceField(
        label=_("Was the threshold met?"), choices=YES_NO, widget=GovukRadioSelect
    )
    decided_on = GovukDateField(label=_("Date decided"), help_text=_("For example 15 6 2024"))
    reason = forms.CharField(
        label=_("Why (needed when it was not met: the applicant is told)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReviewForm(forms.Form):
    held_on = GovukDateField(label=_("Date of the review meeting"))
    agencies = forms.CharField(
        label=_("Agencies at the review"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    independent_chair = forms.CharField(
        label=_("Independent chair (if one was used)"), max_length=200, required=False
    )
    outcome = forms.CharField(
        label=_("Outcome"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class RecommendationForm(forms.Form):
    submission_token = submission_token_field()
    text = forms.CharField(label=_("Recommendation"), widget=forms.Textarea(attrs={"rows": 3}))
    priority = forms.ModelChoiceField(
        label=_("Track it as an action of the plan under (optional)"),
        queryset=None,
        required=False,
    )
    action_title = forms.CharField(
        label=_("The action's title in the plan (needed with a priority)"),
        max_length=500,
        required=False,
        help_text=_(
            "Every member of the partnership reads an action's title: name no one and no "
            "address, for example “CCTV at a housing block (ASB Case Review)”."
        ),
    )
    due_date = GovukDateField(label=_("Due date of the action (optional)"), required=False)

    def __init__(self, *args, priorities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["priority"].queryset = priorities


class AccessForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Member"), queryset=None)

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = members


class TimescalesForm(forms.Form):
    submission_token = submission_token_field()
    decision_days = forms.IntegerField(
        label=_("Decide the threshold within how many working days of the application?"),
        required=False,
        min_value=1,
        max_value=120,
        help_text=_("As your review procedures say, for example 15. Leave empty for none."),
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
    )
    review_days = forms.IntegerField(
        label=_("Hold the review within how many working days of the threshold decision?"),
        required=False,
        min_value=1,
        max_value=120,
        help_text=_("For example 20. Leave empty for none."),
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
    )


class PublishForm(forms.Form):
    """Publishing a year's figures asks nothing: the form carries its submission token, so a
    double click publishes once."""

    submission_token = submission_token_field()


COMMISSIONED = [("yes", _("Yes, a review is commissioned")), ("no", _("No review"))]


class DeathReviewForm(forms.Form):
    submission_token = submission_token_field()
    reference = forms.CharField(
        label=_("Reference"),
        max_length=50,
        help_text=_("Your own, for example DARDR 2025/01. Never the name of the person who died."),
    )
    notified_on = GovukDateField(label=_("Date the partnership was notified"))


class DeathDecisionForm(forms.Form):
    commissioned = forms.ChoiceField(
        label=_("Is a review commissioned?"), choices=COMMISSIONED, widget=GovukRadioSelect
    )
    decided_on = GovukDateField(label=_("Date decided"))
    decision_reason = forms.CharField(
        label=_("Reasons (needed when no review is commissioned)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DeathProgressForm(forms.Form):
    chair = forms.CharField(label=_("Independent chair"), max_length=200, required=False)
    qa_submitted_on = GovukDateField(
        label=_("Sent to the Home Office quality assurance panel"), required=False
    )
    qa_panel_on = GovukDateField(label=_("Considered by the panel"), required=False)
    qa_approved_on = GovukDateField(label=_("Approved for publication"), required=False)


class DeathPublishForm(forms.Form):
    public_name = forms.CharField(
        label=_("Name of the published report"),
        max_length=200,
        help_text=_("As the public reads it, with the pseudonym the report uses: “Adult A”."),
    )
    published_on = GovukDateField(label=_("Date published"))
    report_url = forms.URLField(
        label=_("Address of the published report (optional)"),
        required=False,
        assume_scheme="https",
        validators=[URLValidator(schemes=["https"])],
        help_text=_("An https:// address."),
    )


class SeriousViolenceForm(forms.Form):
    submission_token = submission_token_field()
    local_definition = forms.CharField(
        label=_("Local definition of serious violence"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "As the partners agreed it. The statutory guidance asks each area to agree one; "
            "it may name crimes (homicide, knife crime, …) and places."
        ),
    )
    definition_agreed_on = GovukDateField(label=_("Date agreed"), required=False)
    strategy_reviewed_on = GovukDateField(
        label=_("Date the strategy was last reviewed"),
        required=False,
        help_text=_("The next review is due a year later."),
    )


class CounterTerrorismProfileForm(forms.Form):
    submission_token = submission_token_field()
    title = forms.CharField(
        label=_("Title"), max_length=200, help_text=_("For example Hertfordshire CTLP 2025")
    )
    received_on = GovukDateField(label=_("Date received"))
    provided_by = forms.CharField(
        label=_("Provided by"),
        max_length=200,
        help_text=_("For example Counter Terrorism Policing Eastern"),
    )
    held_where = forms.CharField(
        label=_("Where it is held"),
        max_length=300,
        help_text=_("The secure system or office that keeps it. Never upload the profile."),
    )
    briefed_on = GovukDateField(
        label=_("Date the partners were briefed (optional)"), required=False
    )
