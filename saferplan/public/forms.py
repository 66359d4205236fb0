from django import forms
from django.utils.translation import gettext_lazy

from .models import Achievement, Contact, GlossaryTerm


class AchievementForm(forms.ModelForm):
    class Meta:
        model = Achievement
        fields = ["theme", "title", "text", "period", "position"]
        labels = {
            "theme": gettext_lazy("Aim or theme"),
            "title": gettext_lazy("Title"),
            "text": gettext_lazy("Text"),
            "period": gettext_lazy("Period"),
            "position": gettext_lazy("Order on the page (smaller numbers first)"),
        }
        widgets = {
            "text": forms.Textarea(attrs={"rows": 8}),
            "position": forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
            "period": forms.TextInput(attrs={"class": "govuk-input--width-10"}),
        }


class GlossaryTermForm(forms.ModelForm):
    class Meta:
        model = GlossaryTerm
        fields = ["term", "definition"]
        labels = {"term": gettext_lazy("Term"), "definition": gettext_lazy("Definition")}
        widgets = {"definition": forms.Textarea(attrs={"rows": 4})}


class ContactForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["name", "email", "phone", "website", "notes", "position"]
        labels = {
            "name": gettext_lazy("Name"),
            "email": gettext_lazy("Email"),
            "phone": gettext_lazy("Telephone"),
            "website": gettext_lazy("Website"),
            "notes": gettext_lazy("Notes"),
            "position": gettext_lazy("Order on the page (smaller numbers first)"),
        }
        widgets = {
            "notes": forms.Textarea(attrs={"rows": 3}),
            "position": forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
        }


class SectionsForm(forms.Form):
    """Which sections the published plan shows and in what order: for each section with
    something to show, a "Show" box and its position (1 first). Equal positions keep the
    sections' present order, after one moved there."""

    def __init__(self, *args, arranged, hidden, always_shown, **kwargs):
        super().__init__(*args, **kwargs)
        self.sections = list(arranged)
        self.always_shown = always_shown
        for place, (anchor, heading) in enumerate(self.sections, start=1):
            self.fields[f"show-{anchor}"] = forms.BooleanField(
                label=gettext_lazy("Show %(heading)s") % {"heading": heading},
                required=False,
                initial=anchor not in hidden,
                disabled=anchor in always_shown,
            )
            self.fields[f"position-{anchor}"] = forms.IntegerField(
                label=gettext_lazy("Position of %(heading)s") % {"heading": heading},
                min_value=1,
                max_value=len(self.sections),
                initial=place,
                error_messages={
                    "required": gettext_lazy("Enter a position for %(heading)s")
                    % {"heading": heading},
                    "invalid": gettext_lazy(
                        "Position of %(heading)s must be a whole number, like 3"
                    )
                    % {"heading": heading},
                    "min_value": gettext_lazy("Position of %(heading)s must be 1 or more")
                    % {"heading": heading},
                    "max_value": gettext_lazy("Position of %(heading)s must be %(len)s or less")
                    % {"heading": heading, "len": len(self.sections)},
                },
                widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
            )

    def rows(self):
        """(heading, its Show box, its position) for the template, in the present order."""
        return [
            (heading, self[f"show-{anchor}"], self[f"position-{anchor}"])
            for anchor, heading in self.sections
        ]

    def clean(self):
        data = super().clean()
        positions = [
            (data.get(f"position-{anchor}"), place, anchor)
            for place, (anchor, _) in enumerate(self.sections, start=1)
        ]
        if any(position is None for position, _, _ in positions):
            return data  # a position's own error says what is wrong
        # A section given another section's position goes there, and the others move down:
        # "Definitions 1" puts it first, before the foreword that keeps its 1.
        data["order"] = [
            anchor
            for _, _, _, anchor in sorted(
                (position, position == place, place, anchor)
                for position, place, anchor in positions
            )
        ]
        data["hidden"] = [
            anchor
            for anchor, _ in self.sections
            if not data.get(f"show-{anchor}") and anchor not in self.always_shown
        ]
        return data


class WelshForm(forms.Form):
    """The Welsh of the published plan: publish in Welsh or not, and each text's Welsh beside
    its English (public.welsh.sources)."""

    in_welsh = forms.BooleanField(
        label=gettext_lazy("Publish in Welsh as well as English"),
        required=False,
        help_text=gettext_lazy(
            "The Welsh page (/cy/p/…) and its PDF and Word documents show the Welsh below; "
            "a text left empty is shown in English there, marked as English."
        ),
    )

    def __init__(self, *args, sources, welsh, **kwargs):
        super().__init__(*args, **kwargs)
        self.sources = sources
        self.welsh = welsh
        for source in sources:
            long = "\n" in source.english or len(source.english) > 120
            written = welsh.get(source.key)
            self.fields[self.name_of(source)] = forms.CharField(
                label=source.label,
                required=False,
                initial=written[0] if written else "",
                widget=forms.Textarea(attrs={"rows": 4 if long else 1, "lang": "cy"}),
            )

    @staticmethod
    def name_of(source) -> str:
        return "cy-" + source.key.replace(".", "-").replace(":", "-")

    def rows(self):
        """(the text, its Welsh box, whether its English changed since its Welsh was written)."""
        return [
            (source, self[self.name_of(source)], self._stale(source)) for source in self.sources
        ]

    def _stale(self, source) -> bool:
        from .welsh import current

        written = self.welsh.get(source.key)
        return bool(written and written[0].strip() and not current(source, written))

    def texts(self) -> dict[str, str]:
        return {
            source.key: self.cleaned_data.get(self.name_of(source), "") for source in self.sources
        }
