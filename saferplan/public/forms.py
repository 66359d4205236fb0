from django import forms

from .models import Achievement, Contact, GlossaryTerm


class AchievementForm(forms.ModelForm):
    class Meta:
        model = Achievement
        fields = ["theme", "title", "text", "period", "position"]
        labels = {"position": "Order on the page (smaller numbers first)"}
        widgets = {
            "text": forms.Textarea(attrs={"rows": 8}),
            "position": forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
            "period": forms.TextInput(attrs={"class": "govuk-input--width-10"}),
        }


class GlossaryTermForm(forms.ModelForm):
    class Meta:
        model = GlossaryTerm
        fields = ["term", "definition"]
        widgets = {"definition": forms.Textarea(attrs={"rows": 4})}


class ContactForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["name", "email", "phone", "website", "notes", "position"]
        labels = {"position": "Order on the page (smaller numbers first)"}
        widgets = {
            "notes": forms.Textarea(attrs={"rows": 3}),
            "position": forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
        }
