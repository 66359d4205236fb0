from django import forms
from django.contrib.auth import forms as auth_forms
from django.utils.translation import gettext_lazy as _

from saferplan.core.forms import GovukRadioSelect
from saferplan.partnerships.models import Organisation

from .models import Role


class SignInForm(auth_forms.AuthenticationForm):
    username = forms.EmailField(
        label=_("Email address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        "invalid_login": _("Enter a correct email address and password."),
        "inactive": _("This account has been switched off. Ask your partnership coordinator."),
    }

    def clean_username(self) -> str:
        # Addresses are stored in lower case; people type them however they like.
        return self.cleaned_data["username"].lower()


class PasswordResetForm(auth_forms.PasswordResetForm):
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class SetPasswordForm(auth_forms.SetPasswordForm):
    pass


class MembershipForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_(
            "They will be emailed a link to choose a password if they are new to saferplan."
        ),
    )
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, widget=GovukRadioSelect)
    organisation = forms.ModelChoiceField(
        label=_("Organisation they represent"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Not chosen"),
    )

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = partnership.organisations.order_by("name")


class MembershipChangeForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, widget=GovukRadioSelect)
    organisation = forms.ModelChoiceField(
        label=_("Organisation they represent"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Not chosen"),
    )

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = partnership.organisations.order_by("name")


class SwitchPartnershipForm(forms.Form):
    partnership = forms.SlugField()
