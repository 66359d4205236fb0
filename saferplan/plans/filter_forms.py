"""The filters above a list of actions (the action plan table, My actions)."""

from django import forms

from .models import ActionStatus, RagRating


class ActionFilterForm(forms.Form):
    """The filters above a list of actions: a GET form, so a filtered list can be bookmarked."""

    priority = forms.TypedChoiceField(
        label="Priority", coerce=int, required=False, empty_value=None
    )
    organisation = forms.TypedChoiceField(
        label="Owner organisation", coerce=int, required=False, empty_value=None
    )
    group = forms.TypedChoiceField(label="Group", coerce=int, required=False, empty_value=None)
    rag = forms.ChoiceField(label="RAG", choices=[("", "Any"), *RagRating.choices], required=False)
    status = forms.ChoiceField(
        label="Status", choices=[("", "Any"), *ActionStatus.choices], required=False
    )
    stale = forms.BooleanField(label="Stale only", required=False)
    overdue = forms.BooleanField(label="Overdue only", required=False)

    def __init__(self, *args, priorities=(), organisations=(), groups=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["priority"].choices = [
            ("", "Any"),
            *((p.number, f"{p.number}. {p.title}"[:80]) for p in priorities),
        ]
        self.fields["organisation"].choices = [
            ("", "Any"),
            *((o.pk, o.name) for o in organisations),
        ]
        self.fields["group"].choices = [("", "Any"), *((g.pk, g.name) for g in groups)]


class MyActionsFilterForm(ActionFilterForm):
    previous_plans = forms.BooleanField(label="Include previous years' plans", required=False)
