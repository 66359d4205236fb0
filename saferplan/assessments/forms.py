from django import forms
from django.utils.translation import gettext, gettext_lazy

from saferplan.consultations.models import Consultation, Question, QuestionKind, Theme
from saferplan.core import languages
from saferplan.core.forms import GovukCheckboxSelectMultiple, GovukDateField, GovukRadioSelect
from saferplan.core.models import Marking
from saferplan.core.submissions import submission_token_field
from saferplan.crimedata import categories
from saferplan.crimedata.forms import PeriodField
from saferplan.meetings.models import Meeting
from saferplan.plans.models import Priority

from .models import Candidate, Finding, RiskKind

MARKING_HELP = gettext_lazy(
    "OFFICIAL-SENSITIVE material is seen only by the partnership's members and never published."
)


def marking_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=gettext_lazy("Marking"),
        choices=Marking.choices,
        widget=GovukRadioSelect,
        initial=Marking.OFFICIAL,
        help_text=MARKING_HELP,
    )


class DraftForm(forms.Form):
    # Sent twice (a double click), it drafts one assessment (docs/adr/0027-forms-saved-once.md).
    submission_token = submission_token_field()
    title = forms.CharField(
        label=gettext_lazy("Title"),
        max_length=200,
        help_text=gettext_lazy("For example Strategic Assessment 2022."),
    )
    period = PeriodField(
        label=gettext_lazy("Period assessed"),
        help_text=gettext_lazy(
            "A year (2022), a financial year (2022/23) or months (2022-01..2022-12)."
        ),
    )
    against = PeriodField(
        label=gettext_lazy("Compared with (optional)"),
        required=False,
        help_text=gettext_lazy(
            "Leave it empty for the same months a year before, so seasons compare fairly."
        ),
    )

    def clean(self):
        data = super().clean()
        period = data.get("period")
        if period is not None and not data.get("against"):
            data["against"] = period.year_before()
        return data


class FindingForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("What it is about"), max_length=200)
    sentence = forms.CharField(
        label=gettext_lazy("The finding, as the board reads it"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    source = forms.CharField(label=gettext_lazy("Source"), max_length=300, required=False)
    marking = marking_field()
    approved = forms.BooleanField(
        label=gettext_lazy("I have checked this finding and approve it"), required=False
    )


class FindingAddForm(forms.Form):
    """A finding the analyst writes (a survey's result, a partner's report)."""

    submission_token = submission_token_field()
    name = forms.CharField(
        label=gettext_lazy("What it is about"),
        max_length=200,
        help_text=gettext_lazy("For example Feeling safe."),
    )
    sentence = forms.CharField(
        label=gettext_lazy("The finding, as the board reads it"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    source = forms.CharField(
        label=gettext_lazy("Source"),
        max_length=300,
        help_text=gettext_lazy(
            "Where the figure comes from, for example Echo community feedback platform."
        ),
    )
    marking = marking_field()


class RiskForm(forms.Form):
    submission_token = submission_token_field()
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind of risk"), choices=RiskKind.choices, widget=GovukRadioSelect
    )
    title = forms.CharField(
        label=gettext_lazy("Risk"),
        max_length=200,
        help_text=gettext_lazy("For example Theft from person."),
    )
    description = forms.CharField(
        label=gettext_lazy("Why (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("The evidence behind it, as the board should read it."),
    )
    marking = marking_field()


class AgreeForm(forms.Form):
    agreed_on = GovukDateField(
        label=gettext_lazy("Agreed on"), help_text=gettext_lazy("For example 12 1 2023")
    )
    agreed_at = forms.CharField(
        label=gettext_lazy("Where (optional)"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("For example the board meeting of 12 January 2023."),
    )
    meeting = forms.ModelChoiceField(
        label=gettext_lazy("The meeting that agreed it (optional)"),
        queryset=Meeting.objects.none(),
        required=False,
        empty_label=gettext_lazy("None recorded in saferplan"),
        help_text=gettext_lazy("Its minutes then record the decision."),
    )

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = (
            Meeting.objects.filter(partnership=partnership)
            .select_related("group")
            .order_by("-meets_on")
        )


class RecommendationForm(forms.Form):
    submission_token = submission_token_field()
    text = forms.CharField(
        label=gettext_lazy("Recommendation"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "For example: Keep robbery as a priority and add young victims to the "
            "Tri-CSP youth work."
        ),
    )
    marking = marking_field()


class PublishForm(forms.Form):
    summary = forms.CharField(
        label=gettext_lazy("Published summary"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=gettext_lazy(
            "What the assessment tells residents, in a few paragraphs (a blank line "
            "between them). The published plan shows it with the OFFICIAL findings, risks and "
            "recommendations; nothing OFFICIAL-SENSITIVE."
        ),
    )
    published_on = GovukDateField(
        label=gettext_lazy("Published on"), help_text=gettext_lazy("For example 1 2 2023")
    )


def _concern_choices(partnership) -> list[tuple[str, list[tuple[str, languages.Text]]]]:
    """The partnership's consultations' relevance questions and free-text themes, grouped
    by consultation and kind, as "question-<id>" and "theme-<id>". Each option is the
    partnership's words alone (a languages.Text, marked with its language on a Welsh page);
    its group says what it is."""
    groups = []
    for consultation in Consultation.objects.filter(partnership=partnership).order_by(
        "-opens_on", "pk"
    ):
        title = {"consultation": consultation.title}
        questions = [
            (f"question-{q.pk}", languages.Text(q.text))
            for q in consultation.questions.filter(kind=QuestionKind.RELEVANCE).order_by(
                "position", "pk"
            )
        ]
        themes = [
            (f"theme-{t.pk}", languages.Text(t.name))
            for t in consultation.themes.order_by("position", "pk")
        ]
        if questions:
            groups.append((gettext("%(consultation)s: relevance questions") % title, questions))
        if themes:
            groups.append((gettext("%(consultation)s: themes of the answers") % title, themes))
    return groups


class CandidateForm(forms.Form):
    submission_token = submission_token_field()
    name = forms.CharField(
        label=gettext_lazy("Issue"),
        max_length=200,
        help_text=gettext_lazy("For example Child exploitation."),
    )
    category = forms.ChoiceField(
        label=gettext_lazy("police.uk category it counts as (optional)"),
        required=False,
        help_text=gettext_lazy(
            "Its harm score is suggested from the category's published harm weight."
        ),
    )
    concern = forms.ChoiceField(
        label=gettext_lazy("Public concern from (optional)"),
        required=False,
        help_text=gettext_lazy(
            "A consultation question or theme about this issue: its public concern "
            "score is suggested from the answers."
        ),
    )
    marking = marking_field()

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        # police.uk's crime types keep their English names, marked so on a Welsh page
        self.fields["category"].choices = [
            ("", gettext("None")),
            *((value, languages.Text(label)) for value, label in categories.Category.choices),
        ]
        self.fields["concern"].choices = [("", gettext("None")), *_concern_choices(partnership)]
        self.partnership = partnership

    def clean_concern(self) -> dict:
        """{"concern_question": Question | None, "concern_theme": Theme | None}."""
        value = self.cleaned_data["concern"]
        linked: dict = {"concern_question": None, "concern_theme": None}
        if value:
            kind, _, pk = value.partition("-")
            model = Question if kind == "question" else Theme
            found = model.objects.filter(
                pk=int(pk), consultation__partnership=self.partnership
            ).first()
            if found is None:
                raise forms.ValidationError(
                    gettext_lazy("That question or theme is no longer there.")
                )
            linked[f"concern_{kind}"] = found
        return linked

    def clean(self):
        data = super().clean()
        data.update(data.pop("concern", None) or {})
        return data

    @staticmethod
    def initial_for(candidate) -> dict:
        concern = ""
        if candidate.concern_question_id:
            concern = f"question-{candidate.concern_question_id}"
        elif candidate.concern_theme_id:
            concern = f"theme-{candidate.concern_theme_id}"
        return {
            "name": candidate.name,
            "category": candidate.category,
            "concern": concern,
            "marking": candidate.marking,
        }


SCORE_CHOICES = [
    ("1", gettext_lazy("1 – least")),
    ("2", "2"),
    ("3", "3"),
    ("4", "4"),
    ("5", gettext_lazy("5 – most")),
    ("", gettext_lazy("Not scored")),
]


class ScoreForm(forms.Form):
    value = forms.ChoiceField(
        label=gettext_lazy("Score"), choices=SCORE_CHOICES, widget=GovukRadioSelect, required=False
    )
    why = forms.CharField(
        label=gettext_lazy("Why (needed when it differs from what the data suggests)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("The board reads it beside the score."),
    )
    marking = marking_field()

    def clean_value(self) -> int | None:
        value = self.cleaned_data["value"]
        return int(value) if value else None


class EvidenceForm(forms.Form):
    """A plan priority's link to this assessment's findings and matrix issue."""

    priority = forms.ModelChoiceField(
        label=gettext_lazy("Priority"), queryset=Priority.objects.none()
    )
    findings = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Findings that justify it"),
        queryset=Finding.objects.none(),
        required=False,
        widget=GovukCheckboxSelectMultiple,
    )
    candidate = forms.ModelChoiceField(
        label=gettext_lazy("Issue of the priority-setting matrix (optional)"),
        queryset=Candidate.objects.none(),
        required=False,
    )
    note = forms.CharField(
        label=gettext_lazy("Why the evidence supports it (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    marking = marking_field()

    def __init__(self, *args, assessment, priorities, findings, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["priority"].queryset = priorities
        self.fields["priority"].label_from_instance = lambda p: f"{p.plan.title}: {p}"
        self.fields["findings"].queryset = findings
        self.fields["findings"].label_from_instance = lambda f: f.sentence
        self.fields["candidate"].queryset = candidates


class PlanReviewForm(forms.Form):
    reviewed_on = GovukDateField(
        label=gettext_lazy("Reviewed on"), help_text=gettext_lazy("For example 20 3 2023")
    )
    worked = forms.CharField(
        label=gettext_lazy("What worked"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=20_000,
    )
    did_not_work = forms.CharField(
        label=gettext_lazy("What did not work (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=20_000,
    )
    lessons = forms.CharField(
        label=gettext_lazy("Lessons learned (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=20_000,
        help_text=gettext_lazy("What next year's assessment and plan should take from this one."),
    )
    marking = marking_field()


class NeedsAssessmentLinkForm(forms.Form):
    plan = forms.ModelChoiceField(
        label=gettext_lazy("The Serious Violence Duty's strategic needs assessment it informs"),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("None"),
        help_text=gettext_lazy("A plan of that kind. Choose None to take the link off."),
    )

    def __init__(self, *args, plans, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = plans
