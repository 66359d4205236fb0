from django import forms
from django.utils.translation import gettext_lazy as _

from saferplan.core.forms import GovukDateField
from saferplan.core.submissions import submission_token_field

from .models import Preference


class PreferenceForm(forms.ModelForm):
    class Meta:
        model = Preference
        fields = ["weekly_digest", "board_chase", "action_changes", "board_reports"]
        labels = {
            "weekly_digest": _(
                "A weekly email (on Mondays) of my actions that are overdue, have had no update "
                "for a while, or are due in the next 30 days"
            ),
            "board_chase": _("A reminder to update my actions before each board meeting"),
            "action_changes": _(
                "An email when someone else updates one of my actions or changes its RAG rating"
            ),
            "board_reports": _(
                "An email when a board report of a partnership whose board I sit on is issued"
            ),
        }


class BoardMeetingForm(forms.Form):
    submission_token = submission_token_field()
    meets_on = GovukDateField(
        label=_("Date of the meeting"),
        help_text=_("For example 14 1 2027"),
        error_messages={"required": _("Enter the date of the meeting")},
    )
    chase_days_before = forms.IntegerField(
        label=_("Days before the meeting to remind owners"),
        initial=14,
        min_value=1,
        max_value=60,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
    )
