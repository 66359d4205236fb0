"""The filters above a list of actions (the action plan table, My actions)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ActionStatus, RagRating


class ActionFilterForm(forms.Form):
    """The filters above a list of actions: a GET form, so a filtered list can be bookmarked."""

    priority = forms.TypedChoiceField(
        label=_("Priority"), coerce=int, required=False, empty_value=None
    )
    organisation = forms.TypedChoiceField(
        label=_("Owner organisation"), coerce=int, required=False, empty_value=None
    )
    group = forms.TypedChoiceField(label=_("Group"), coerce=int, required=False, empty_value=None)
    rag = forms.ChoiceField(
        label=_("RAG"), choices=[("", _("Any")), *RagRating.choices], required=False
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Any")), *ActionStatus.choices], required=False
    )
    stale = forms.BooleanField(label=_("Stale only"), required=False)
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)

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
    previous_plans = forms.BooleanField(label=_("Include previous years' plans"), required=False)
