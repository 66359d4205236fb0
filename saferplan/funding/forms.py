from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from saferplan.core.forms import GovukDateField
from saferplan.core.submissions import submission_token_field
from saferplan.core.templatetags.saferplan import own_words_in
from saferplan.plans.models import Action

from .models import REPORT_FIELDS, Grant, GrantKind


def _pounds(label, **kwargs) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        max_digits=12,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-10", "step": "0.01"}),
        **kwargs,
    )


class GrantForm(forms.Form):
    submission_token = submission_token_field()
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        help_text=Grant._meta.get_field("name").help_text,
    )
    kind = forms.ChoiceField(label=_("Kind of funding"), choices=GrantKind.choices)
    funder = forms.CharField(
        label=_("Funder"), max_length=200, help_text=Grant._meta.get_field("funder").help_text
    )
    reference = forms.CharField(
        label=_("Funder's reference (optional)"), max_length=100, required=False
    )
    amount = _pounds(_("Amount awarded (£)"), min_value=Decimal("0.01"))
    starts_on = GovukDateField(
        label=_("Start of the grant's period"), help_text=_("For example 1 4 2026")
    )
    ends_on = GovukDateField(
        label=_("End of the grant's period"), help_text=_("For example 31 3 2027")
    )
    conditions = forms.CharField(
        label=_("Conditions (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "The monitoring return repeats them to the funder: write nothing OFFICIAL-SENSITIVE here."
        ),
    )
    underspend_tolerance = forms.IntegerField(
        label=_("Underspend tolerance (%)"),
        min_value=0,
        max_value=100,
        initial=20,
        help_text=Grant._meta.get_field("underspend_tolerance").help_text,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
    )


class ActionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.priority.plan.title}: {obj.priority.number}. {obj.title}"


class AllocationForm(forms.Form):
    submission_token = submission_token_field()
    action = ActionChoiceField(label=_("Action the grant pays for"), queryset=Action.objects.none())
    amount = _pounds(
        _("Amount allocated to it (£)"),
        min_value=Decimal("0.01"),
        help_text=_("Allocating to an action the grant already pays for changes its allocation."),
    )

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].queryset = (
            Action.objects.filter(priority__plan__partnership=partnership)
            .current()
            .select_related("priority__plan")
            .order_by("priority__plan__title", "priority__number", "position", "pk")
        )


class SpendForm(forms.Form):
    """One amount per action the grant pays for; left empty, the quarter stays not recorded
    for that action (0 is something spent: nothing)."""

    submission_token = submission_token_field()
    # What the quarter held when the page was drawn (a digest): saved over a change someone
    # else made since, the page says so instead of undoing it.
    shown = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, allocations, recorded, report, as_now: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.as_now = as_now
        self.fields["shown"].initial = as_now
        self.allocations = list(allocations)
        for allocation in self.allocations:
            name = (
                allocation.action.title
                if allocation.action
                else _("an action no longer in the plan")
            )
            self.fields[f"spend_{allocation.pk}"] = _pounds(
                own_words_in(_("Spent on %(action)s (£)"), action=name),
                min_value=Decimal(0),
                required=False,
                initial=recorded.get(allocation.pk),
            )

        # What the return tells the funder beside the figures (QuarterReport).
        self.fields["variance"] = forms.CharField(
            label=_("Why spend differs from the profile (optional)"),
            required=False,
            widget=forms.Textarea(attrs={"rows": 4}),
            help_text=_(
                "For the funder: what is behind an underspend or overspend, and what will "
                "be done. It goes in the return: write nothing OFFICIAL-SENSITIVE here."
            ),
            initial=report.get("variance"),
        )
        self.fields["forecast"] = _pounds(
            _("Forecast spend by the grant's end (£, optional)"),
            min_value=Decimal(0),
            required=False,
            help_text=_("What you expect to have spent in all by the end of the grant."),
            initial=report.get("forecast"),
        )
        self.fields["signed_off_by"] = forms.CharField(
            label=_("Signed off by (optional)"),
            max_length=200,
            required=False,
            help_text=_(
                "The person who certifies the return, for example the council's S151 officer."
            ),
            initial=report.get("signed_off_by"),
        )
        self.fields["signed_off_role"] = forms.CharField(
            label=_("Their role (optional)"),
            max_length=200,
            required=False,
            initial=report.get("signed_off_role"),
        )
        self.fields["signed_off_on"] = GovukDateField(
            label=_("Date signed off (optional)"),
            required=False,
            help_text=_("For example 14 7 2026"),
            initial=report.get("signed_off_on"),
        )

    def amounts(self) -> dict:
        return {a.pk: self.cleaned_data.get(f"spend_{a.pk}") for a in self.allocations}

    def report(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in REPORT_FIELDS}

    def clean(self):
        cleaned = super().clean()
        # A post without the field (a script's) is not a page drawn earlier: nothing to check.
        if "shown" in self.data and cleaned.get("shown") != self.as_now:
            # Drawn again with what the person typed, and with the quarter as it is now, so
            # that saving again (having looked) is taken.
            self.data = self.data.copy()
            self.data["shown"] = self.as_now
            raise forms.ValidationError(
                _(
                    "Someone has changed this quarter's spend or its return since you opened "
                    "this page. What you typed is below: check it against the grant's page, "
                    "then save again."
                )
            )
        signed = [cleaned.get(name) for name in ("signed_off_by", "signed_off_on")]
        if any(signed) and not all(signed):
            self.add_error(
                "signed_off_on" if cleaned.get("signed_off_by") else "signed_off_by",
                _("Enter both who signed the return off and the date they did"),
            )
        return cleaned
