"""The forms for results entered from a consultation run elsewhere."""

import re
from decimal import Decimal

from django import forms
from django.utils.translation import gettext, gettext_lazy

from saferplan.core.forms import GovukDateField

from .entered_models import percent_text
from .models import Qualifier

MAX_THEMES = 100
# "Anti-social behaviour: 45", "Road safety – 12", "CCTV (9)": a name, then its count.
NAME_AND_COUNT = re.compile(r"^(?P<name>.*?\S)\s*(?:[:–—-]\s*|\(\s*)(?P<count>\d{1,7})\s*\)?$")


def read_themes(text: str) -> list[tuple[str, int | None]]:
    """The themes typed or pasted, one per line or a table's cells (tab apart, as a table
    copied from Word or Excel gives them: seed 002's two columns of names), each with the
    count that follows it, if any. Raises ValueError naming the line at fault."""
    themes: list[tuple[str, int | None]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        for cell in (c.strip() for c in line.split("\t")):
            if not cell:
                continue
            if re.fullmatch(r"\d{1,7}", cell, re.ASCII):
                if not themes or themes[-1][1] is not None:
                    raise ValueError(
                        # Translators: %(count)s is the number typed alone, with no theme's name.
                        gettext("Line %(number)s: %(count)s is a count with no theme before it")
                        % {"number": number, "count": cell}
                    )
                themes[-1] = (themes[-1][0], int(cell))
            elif found := NAME_AND_COUNT.match(cell):
                themes.append((found["name"], int(found["count"])))
            else:
                themes.append((cell, None))
    for name, _ in themes:
        if len(name) > 120:
            raise ValueError(
                # Translators: %(name)s is the start of the name typed.
                gettext("“%(name)s…” is too long for a theme's name (120 characters at most)")
                % {"name": name[:40]}
            )
    if len(themes) > MAX_THEMES:
        raise ValueError(
            gettext("Enter %(limit)s themes at most (%(count)s were entered)")
            % {"limit": MAX_THEMES, "count": len(themes)}
        )
    return themes


class EnteredConsultationForm(forms.Form):
    title = forms.CharField(
        label=gettext_lazy("Title"),
        max_length=200,
        help_text=gettext_lazy("For example Feelings of Safety survey 2023"),
    )
    opens_on = GovukDateField(
        label=gettext_lazy("Opened on"), help_text=gettext_lazy("For example 9 1 2023")
    )
    closes_on = GovukDateField(
        label=gettext_lazy("Closed on"), help_text=gettext_lazy("For example 19 2 2023")
    )
    respondents = forms.IntegerField(
        label=gettext_lazy("People who answered"),
        min_value=0,
        max_value=10_000_000,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-5"}),
    )
    channels = forms.CharField(
        label=gettext_lazy("How it was run and publicised (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "For example Online survey, sent to all partner agencies with a media pack and "
            "press release"
        ),
    )
    themes_question = forms.CharField(
        label=gettext_lazy("What the comments answered (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy(
            "For example What more could the partnership do to address the priorities?"
        ),
    )
    comments = forms.IntegerField(
        label=gettext_lazy("Comments received (optional)"),
        required=False,
        min_value=0,
        max_value=10_000_000,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-5"}),
    )
    themes = forms.CharField(
        label=gettext_lazy("Themes of the comments (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=gettext_lazy(
            "One per line, each with its number of comments if the report gives it, for "
            "example Anti-social behaviour: 45. You can paste a table of themes from Word or Excel."
        ),
    )
    source = forms.CharField(
        label=gettext_lazy("Where the figures come from"),
        max_length=300,
        help_text=gettext_lazy(
            "The report or survey tool the figures are taken from, for example Hertsmere "
            "CSP consultation report, March 2023. The published plan says so beside them."
        ),
    )

    def clean_themes(self):
        try:
            return read_themes(self.cleaned_data.get("themes", ""))
        except ValueError as problem:
            raise forms.ValidationError(str(problem)) from None

    def clean(self):
        data = super().clean()
        if data.get("opens_on") and data.get("closes_on") and data["closes_on"] < data["opens_on"]:
            self.add_error(
                "closes_on", gettext_lazy("Closed on must be the same as or after opened on")
            )
        return data


class NewEnteredConsultationForm(EnteredConsultationForm):
    plan = forms.ModelChoiceField(
        label=gettext_lazy("Plan"),
        queryset=None,
        help_text=gettext_lazy("The plan whose aims and priorities people were asked about."),
        empty_label=gettext_lazy("Choose a plan"),
    )
    field_order = ["plan"]

    def __init__(self, *args, plans, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = plans


class RelevanceFiguresForm(forms.Form):
    """For each aim and priority of the plan: "Over" "90" per cent found it relevant."""

    def __init__(self, *args, subjects, entered, **kwargs):
        """`subjects`: [(key, label, aim or priority)]; `entered`: {key: (qualifier, percent)}."""
        super().__init__(*args, **kwargs)
        self.subjects = subjects
        for key, label, _ in subjects:
            qualifier, percent = entered.get(key, ("", None))
            self.fields[f"qualifier-{key}"] = forms.ChoiceField(
                label=gettext_lazy("How the report puts it for %(label)s") % {"label": label},
                choices=Qualifier.choices,
                required=False,
                initial=qualifier,
            )
            self.fields[f"percent-{key}"] = forms.DecimalField(
                label=gettext_lazy("Per cent who found %(label)s relevant") % {"label": label},
                required=False,
                min_value=Decimal(0),
                max_value=Decimal(100),
                max_digits=4,
                decimal_places=1,
                initial=None if percent is None else percent_text(percent),
                error_messages={
                    "invalid": gettext_lazy(
                        "Per cent for %(label)s must be a number, like 92 or 92.5"
                    )
                    % {"label": label},
                    "min_value": gettext_lazy("Per cent for %(label)s must be 0 or more")
                    % {"label": label},
                    "max_value": gettext_lazy("Per cent for %(label)s must be 100 or less")
                    % {"label": label},
                    "max_decimal_places": gettext_lazy(
                        "Per cent for %(label)s may have one decimal place"
                    )
                    % {"label": label},
                    "max_digits": gettext_lazy("Per cent for %(label)s must be 100 or less")
                    % {"label": label},
                },
                widget=forms.TextInput(
                    attrs={"class": "govuk-input--width-4", "inputmode": "decimal"}
                ),
            )

    def rows(self):
        """(what the row names: "Aim 1", then the plan's words: "To create safer environments
        …", its qualifier and its percent) for the template."""
        return [
            (
                f"{label[:1].upper()}{label[1:]}",
                getattr(subject, "text", "") or subject.title,
                self[f"qualifier-{key}"],
                self[f"percent-{key}"],
            )
            for key, label, subject in self.subjects
        ]

    def figures(self):
        return [
            (
                subject,
                self.cleaned_data.get(f"qualifier-{key}") or "",
                self.cleaned_data.get(f"percent-{key}"),
            )
            for key, _, subject in self.subjects
        ]
