"""GOV.UK form rendering: the classes a field's widget asks for survive, with the error
modifier added when the field has an error."""

from django import forms

from saferplan.core.forms import GovukFormRenderer


class TargetForm(forms.Form):
    default_renderer = GovukFormRenderer
    target = forms.DecimalField(
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-5"})
    )
    name = forms.CharField()


def test_a_widgets_width_class_is_kept_and_the_error_class_added():
    assert 'class="govuk-input govuk-input--width-5"' in str(TargetForm()["target"])
    bound = TargetForm({"target": "five", "name": "x"})
    assert 'class="govuk-input govuk-input--width-5 govuk-input--error"' in str(bound["target"])
    assert 'class="govuk-input"' in str(bound["name"])
