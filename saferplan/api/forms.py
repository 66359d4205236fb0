from django import forms
from django.utils.translation import gettext_lazy as _


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("What will use the token?"),
        max_length=100,
        help_text=_("For example Police performance dashboard. You can revoke it at any time."),
        error_messages={"required": _("Enter what will use the token")},
    )
