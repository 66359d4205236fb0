from django import forms
from django.utils.translation import gettext_lazy as _

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
