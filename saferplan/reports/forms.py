from django import forms
from django.utils.translation import gettext_lazy as _

from saferplan.core.forms import GovukDateField
from saferplan.core.submissions import submission_token_field


class BoardReportForm(forms.Form):
    # Sent twice (a double click, the browser's resend), the create form stores one report
    # (docs/adr/0027-forms-saved-once.md).
    submission_token = submission_token_field()
    title = forms.CharField(label=_("Title"), max_length=250)
    period_start = GovukDateField(
        label=_("Report changes since"),
        help_text=_("Usually the day after the last board meeting. For example 1 7 2019"),
    )
    period_end = GovukDateField(label=_("Up to"), help_text=_("For example 30 9 2019"))
    introduction = forms.CharField(
        label=_("Introduction (optional)"),
        required=False,
        help_text=_("What the board should know first. Leave a blank line between paragraphs."),
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The end of the period must be on or after its start."))
        return data


class DocumentForm(forms.Form):
    """Which document to make in the background: the buttons of a board report or an action
    plan. Sent twice, the document is made once (saferplan.background.starting)."""

    submission_token = submission_token_field()
    document = forms.ChoiceField(choices=[("pdf", "PDF"), ("docx", "Word")])
    layout = forms.ChoiceField(
        choices=[("table", "table"), ("quarters", "quarters")], required=False
    )
