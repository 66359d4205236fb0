from django import forms
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from saferplan.core import languages
from saferplan.core.forms import GovukCheckboxSelectMultiple, GovukDateField, GovukRadioSelect
from saferplan.core.templatetags.saferplan import own_words, own_words_in
from saferplan.plans.models import Action

from . import shown
from .answers import MAX_ANSWER_LENGTH, form_choices
from .models import AboutYou, Answer, Question, QuestionKind, Theme


class ConsultationEditForm(forms.Form):
    title = forms.CharField(
        label=gettext_lazy("Title"),
        max_length=200,
        help_text=gettext_lazy("For example Partnership Plan 2023 to 2027 survey."),
    )
    introduction = forms.CharField(
        label=gettext_lazy("Introduction (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "What the consultation is for and how the answers will be used. Shown before the questions."
        ),
    )
    privacy_notice = forms.CharField(
        label=gettext_lazy("Privacy notice"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=gettext_lazy(
            "Who holds the answers, what for, for how long, and whom to ask about them."
        ),
    )
    opens_on = GovukDateField(
        label=gettext_lazy("Opens on"), help_text=gettext_lazy("For example 9 1 2023")
    )
    closes_on = GovukDateField(
        label=gettext_lazy("Closes on"), help_text=gettext_lazy("For example 19 2 2023")
    )

    def clean(self):
        data = super().clean()
        if data.get("opens_on") and data.get("closes_on") and data["closes_on"] < data["opens_on"]:
            self.add_error(
                "closes_on", gettext_lazy("The closing date must be on or after the opening date")
            )
        return data


class ConsultationForm(ConsultationEditForm):
    plan = forms.ModelChoiceField(
        label=gettext_lazy("Plan"),
        queryset=None,
        help_text=gettext_lazy(
            "Its aims and priorities become the questions: “How relevant is this priority?”"
        ),
        empty_label=gettext_lazy("Choose a plan"),
    )
    about_you = forms.MultipleChoiceField(
        label=gettext_lazy("About you questions (optional)"),
        choices=AboutYou.choices,
        required=False,
        widget=GovukCheckboxSelectMultiple,
        help_text=gettext_lazy(
            "Lets you break the results down. Every about-you question offers “Prefer not to say”."
        ),
    )
    areas = forms.CharField(
        label=gettext_lazy("Areas (if you ask about area)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy("One per line: the towns or wards respondents choose from."),
    )
    field_order = [
        "plan",
        "title",
        "introduction",
        "opens_on",
        "closes_on",
        "about_you",
        "areas",
        "privacy_notice",
    ]

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = partnership.plans.order_by("-period_start", "title")

    def clean_areas(self):
        return [line.strip() for line in self.cleaned_data["areas"].splitlines() if line.strip()]

    def clean(self):
        data = super().clean()
        if AboutYou.AREA in data.get("about_you", []) and not data.get("areas"):
            self.add_error(
                "areas", gettext_lazy("Enter the areas respondents choose from, one per line")
            )
        if len({a.lower() for a in data.get("areas") or []}) != len(data.get("areas") or []):
            self.add_error("areas", gettext_lazy("Each area must appear only once"))
        return data


def _field_name(question: Question) -> str:
    return f"question_{question.pk}"


class SectionForm(forms.Form):
    """One page of the public form: the questions of one section. Relevance questions must
    be answered; comments and about-you questions are optional."""

    def __init__(
        self, *args, questions: list[Question], welsh: dict[str, str] | None = None, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            # In the page's language (shown.py): the public form is also in Welsh.
            text = shown.question_text(question, welsh)
            if question.kind == QuestionKind.RELEVANCE:
                field: forms.Field = forms.ChoiceField(
                    label=text,
                    choices=form_choices(question),
                    widget=GovukRadioSelect,
                    help_text=shown.hint(question, welsh),
                    error_messages={
                        "required": _("Select how relevant %(subject)s is")
                        % {"subject": shown.short_label(question)}
                    },
                )
            elif question.kind == QuestionKind.CHOICE:
                field = forms.ChoiceField(
                    label=_optional(text),
                    choices=[
                        (value, shown.choice_label(label))
                        for value, label in form_choices(question)
                    ],
                    widget=GovukRadioSelect,
                    required=False,
                )
            else:
                field = forms.CharField(
                    label=_optional(text),
                    required=False,
                    max_length=MAX_ANSWER_LENGTH,
                    widget=forms.Textarea(attrs={"rows": 6}),
                    help_text=_(
                        "Please do not include names or details that could identify anyone."
                    ),
                )
            self.fields[_field_name(question)] = field

    def answers(self) -> dict[str, str]:
        """{question id: answer} as kept in the session until the response is sent."""
        return {str(q.pk): self.cleaned_data.get(_field_name(q)) or "" for q in self.questions}

    @classmethod
    def initial_from(cls, questions, stored: dict[str, str]) -> dict[str, str]:
        return {_field_name(q): stored.get(str(q.pk), "") for q in questions}


def _optional(label) -> str:
    """ "… (optional)" in the page's language; `label` is already safe HTML (shown.py)."""
    wording = conditional_escape(_("%(question)s (optional)"))
    return mark_safe(wording % {"question": conditional_escape(label)})  # noqa: S308


class ContactForm(forms.Form):
    contact_name = forms.CharField(
        label=gettext_lazy("Your name (optional)"), required=False, max_length=150
    )
    contact_email = forms.EmailField(
        label=gettext_lazy("Your email address (optional)"),
        required=False,
        help_text=gettext_lazy(
            "Only if you would like a reply. Leave both blank to answer anonymously."
        ),
        error_messages={
            "invalid": gettext_lazy(
                "Enter an email address in the correct format, like name@example.com"
            )
        },
    )


class SendForm(forms.Form):
    """The check-answers page's button. `website` is a honeypot: people never see it (it is
    labelled to be left blank for those whose screen reader does), spam robots fill it."""

    website = forms.CharField(label=gettext_lazy("Leave this blank"), required=False)


class SuggestThemesForm(forms.Form):
    count = forms.IntegerField(
        label=gettext_lazy("How many themes to suggest"),
        min_value=2,
        max_value=40,
        initial=16,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
        help_text=gettext_lazy("Between 2 and 40. You can merge and split them afterwards."),
    )


class ThemeForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=120)
    we_did = forms.CharField(
        label=gettext_lazy("What we did (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "For “You said, we did” on the published plan: what the partnership did or will do about it."
        ),
    )
    actions = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Actions that answer it (optional)"),
        queryset=Action.objects.none(),
        required=False,
        widget=GovukCheckboxSelectMultiple,
    )

    def __init__(self, *args, actions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["actions"].queryset = actions
        self.fields["actions"].label_from_instance = lambda a: (
            f"{a.priority.plan.title}, priority {a.priority.number}: {a.title[:150]}"
        )


class NewThemeForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name of the new theme"), max_length=120)


class MergeForm(forms.Form):
    others = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Merge these themes into this one"),
        queryset=Theme.objects.none(),
        widget=GovukCheckboxSelectMultiple,
        error_messages={
            "required": gettext_lazy("Choose at least one theme to merge into this one")
        },
    )

    def __init__(self, *args, theme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["others"].queryset = theme.question.themes.exclude(pk=theme.pk)


class SplitForm(forms.Form):
    answers = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Answers to move"),
        queryset=Answer.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("Choose the answers to move to the new theme")},
    )
    name = forms.CharField(label=gettext_lazy("Name of the new theme"), max_length=120)

    def __init__(self, *args, theme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["answers"].queryset = theme.answers.all()


class AnswerForm(forms.Form):
    themes = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Themes"),
        queryset=Theme.objects.none(),
        required=False,
        widget=GovukCheckboxSelectMultiple,
        help_text=gettext_lazy("An answer can carry several themes, or none."),
    )

    def __init__(self, *args, answer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = answer.question.themes.all()


class ApprovalForm(forms.Form):
    approved = forms.BooleanField(
        label=gettext_lazy(
            "Approved for quoting in public: I have read it and it identifies nobody"
        ),
        required=False,
    )


MAX_SURVEY_MB = 20


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Survey export (CSV)"),
        help_text=gettext_lazy(
            "A CSV file with one row per respondent and one column per question, as Microsoft Forms, SmartSurvey or Citizen Space export it; up to 20 MB."
        ),
        error_messages={"required": gettext_lazy("Choose the survey export to import")},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_SURVEY_MB * 1024 * 1024:
            raise forms.ValidationError(
                gettext_lazy(
                    "%(name)s is larger than %(MAX_SURVEY_MB)s MB: a survey export can be at most %(MAX_SURVEY_MB)s MB"
                )
                % {"name": upload.name, "MAX_SURVEY_MB": MAX_SURVEY_MB}
            )
        return upload


class MappingForm(forms.Form):
    """One select per column of the survey file: the question it answers."""

    def __init__(self, *args, columns, questions, initial_mapping, **kwargs):
        super().__init__(*args, **kwargs)
        from .survey_csv import SKIP, SPECIAL_TARGETS

        choices = [(SKIP, _("Do not import this column"))]
        choices += [(value, label) for value, label in SPECIAL_TARGETS.items()]
        choices += [(str(question.pk), _mapped_question(question)) for question in questions]
        self.columns = columns
        for column in columns:
            # The file's headings and cells are its own words, marked with their language.
            samples = "; ".join(s[:60] for s in column.samples)
            self.fields[f"column_{column.index}"] = forms.ChoiceField(
                label=own_words(column.heading),
                choices=choices,
                required=False,
                initial=initial_mapping.get(str(column.index), SKIP),
                help_text=(
                    own_words_in(_("For example: %(samples)s"), samples=samples)
                    if samples
                    else _("For example: every cell is empty")
                ),
            )

    def mapping(self) -> dict[int, str]:
        return {c.index: self.cleaned_data.get(f"column_{c.index}") or "" for c in self.columns}


def _mapped_question(question: Question) -> str:
    """A question as the column preview offers it: one saferplan wrote in the page's language;
    a relevance question as stored, in English (the plan's words in it), marked so by its
    option (a `languages.Text`), as is any other it has no translation of."""
    text = question.text
    translated = _(text)
    if question.kind != QuestionKind.RELEVANCE and translated != text:
        return translated
    return languages.Text(text if len(text) <= 90 else text[:88] + "…")
