from django import forms


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label="What will use the token?",
        max_length=100,
        help_text="For example Police performance dashboard. You can revoke it at any time.",
        error_messages={"required": "Enter what will use the token"},
    )
