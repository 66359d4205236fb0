"""The filters above a list of actions (the action plan table, My actions)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from saferplan.core import languages

from .models import ActionStatus, RagRating


def _own_words(text: str) -> languages.Text:
    """A choice's label that is the partnership's words, its language read from the text
    (core.languages: English unless its tag, script or words say otherwise)."""
    return languages.Text(text)


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
        # The partnership's words (its priorities, organisations and groups), each a
        # languages.Text: a Welsh page marks the ones not in Welsh with their language.
        self.fields["priority"].choices = [
            ("", _("Any")),
            *((p.number, _own_words(f"{p.number}. {p.title}"[:80])) for p in priorities),
        ]
        self.fields["organisation"].choices = [
            ("", _("Any")),
            *((o.pk, _own_words(o.name)) for o in organisations),
        ]
        self.fields["group"].choices = [
            ("", _("Any")),
            *((g.pk, _own_words(g.name)) for g in groups),
        ]


class MyActionsFilterForm(ActionFilterForm):
    previous_plans = forms.BooleanField(label=_("Include previous years' plans"), required=False)
