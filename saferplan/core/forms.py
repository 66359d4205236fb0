"""Django forms rendered as GOV.UK Frontend form groups.

`GovukFormRenderer` makes `{{ form }}` render every field as a GOV.UK form group (label,
hint, error message, input with the right class) and `GovukBoundField` gives each input
its GOV.UK class, its error modifier and `aria-describedby` pointing at the hint and the
error message. The error summary at the top of the page is templates/govuk/error_summary.html.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _

from .submissions import TOKEN_FIELD, AlreadySavedError, submission_save
from .text import clean_data

# The GOV.UK class of each Django widget that renders a single input element.
_INPUT_CLASSES = {
    forms.TextInput: "govuk-input",
    forms.EmailInput: "govuk-input",
    forms.URLInput: "govuk-input",
    forms.NumberInput: "govuk-input",
    forms.PasswordInput: "govuk-input",
    forms.DateInput: "govuk-input",
    forms.Textarea: "govuk-textarea",
    forms.Select: "govuk-select",
    forms.FileInput: "govuk-file-upload",
    forms.CheckboxInput: "govuk-checkboxes__input",
}
# Classes that GOV.UK Frontend has no --error modifier for (the form group shows the error).
_NO_ERROR_MODIFIER = {"govuk-checkboxes__input"}


def _govuk_class(widget: forms.Widget) -> str | None:
    if isinstance(widget, (forms.RadioSelect, forms.CheckboxSelectMultiple)):
        return None  # styled by their own templates
    for widget_type in type(widget).__mro__:
        if widget_type in _INPUT_CLASSES:
            return _INPUT_CLASSES[widget_type]
    return None


class GovukBoundField(forms.BoundField):
    """Ids follow Django's own (`<id>_helptext`, `<id>_error`), so Django's
    `aria_describedby` already points at the GOV.UK hint and error message.

    Every form's data is read through `data`, which removes control characters (a vertical
    tab pasted from Word becomes a line break): the one place text hygiene is applied to
    what people type, whatever the form (core/text.py). Passwords are left as typed."""

    @property
    def data(self):
        value = super().data
        if isinstance(self.field.widget, forms.PasswordInput):
            return value
        return clean_data(value)

    @property
    def hint_id(self) -> str:
        return f"{self.auto_id}_helptext"

    @property
    def error_id(self) -> str:
        return f"{self.auto_id}_error"

    @property
    def is_choice_group(self) -> bool:
        """Radios, checkboxes and date inputs are a fieldset with a legend, not a label."""
        return isinstance(
            self.field.widget, (forms.RadioSelect, forms.CheckboxSelectMultiple, GovukDateInput)
        )

    @property
    def first_input_id(self) -> str:
        """Where the error summary's link for this field lands: its first input."""
        if self.is_choice_group:  # radios, checkboxes and the day box of a date
            return f"{self.auto_id}_0"
        return self.auto_id

    @property
    def is_single_checkbox(self) -> bool:
        return isinstance(self.field.widget, forms.CheckboxInput)

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        govuk_class = _govuk_class(widget or self.field.widget)
        if govuk_class:
            # The widget's own classes (a width such as govuk-input--width-5) are kept: the
            # attrs returned here would otherwise replace them.
            own = (widget or self.field.widget).attrs.get("class", "")
            classes = list(dict.fromkeys(f"{attrs.get('class', '')} {own} {govuk_class}".split()))
            if self.errors and govuk_class not in _NO_ERROR_MODIFIER:
                classes.append(f"{govuk_class}--error")
            attrs["class"] = " ".join(c for c in classes if c)
        if isinstance(widget or self.field.widget, GovukDateInput) and self.errors:
            attrs["error"] = True  # read by the date input template, never rendered
        return attrs


class GovukFormRenderer(TemplatesSetting):
    form_template_name = "govuk/forms/form.html"
    field_template_name = "govuk/forms/field.html"
    bound_field_class = GovukBoundField


class GovukRadioSelect(forms.RadioSelect):
    template_name = "govuk/widgets/radios.html"


class GovukCheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    template_name = "govuk/widgets/checkboxes.html"


def add_service_errors(form: forms.Form, error) -> None:
    """Show a ValidationError raised by a service on the form: at the field it names
    when the form has that field, otherwise at the top of the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class GovukDateInput(forms.MultiWidget):
    """GOV.UK date input: day, month and year boxes."""

    template_name = "govuk/widgets/date_input.html"
    use_fieldset = True

    def __init__(self, attrs=None):
        widgets = {
            "day": forms.TextInput(
                attrs={
                    "inputmode": "numeric",
                    "class": "govuk-input govuk-date-input__input govuk-input--width-2",
                }
            ),
            "month": forms.TextInput(
                attrs={
                    "inputmode": "numeric",
                    "class": "govuk-input govuk-date-input__input govuk-input--width-2",
                }
            ),
            "year": forms.TextInput(
                attrs={
                    "inputmode": "numeric",
                    "class": "govuk-input govuk-date-input__input govuk-input--width-4",
                }
            ),
        }
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if value:
            return [value.day, value.month, value.year]
        return [None, None, None]


def _missing_parts() -> dict[tuple[str, ...], str]:
    """GOV.UK's "must include a day and a month", one whole sentence for each part left out
    (a sentence put together from pieces cannot be translated: Welsh words change with them)."""
    return {
        ("day",): _("%(label)s must include a day"),
        ("month",): _("%(label)s must include a month"),
        ("year",): _("%(label)s must include a year"),
        ("day", "month"): _("%(label)s must include a day and a month"),
        ("day", "year"): _("%(label)s must include a day and a year"),
        ("month", "year"): _("%(label)s must include a month and a year"),
    }


class GovukDateField(forms.MultiValueField):
    """A date typed as day, month and year, with the GOV.UK error messages."""

    widget = GovukDateInput

    def __init__(self, **kwargs):
        fields = (forms.CharField(), forms.CharField(), forms.CharField())
        super().__init__(fields=fields, require_all_fields=False, **kwargs)

    def compress(self, data_list):
        import datetime

        if not data_list or not any(data_list):
            return None
        day, month, year = (str(part or "").strip() for part in data_list)
        label = str(self.label or _("The date"))
        missing = tuple(
            name for name, part in (("day", day), ("month", month), ("year", year)) if not part
        )
        if missing:
            raise forms.ValidationError(_missing_parts()[missing] % {"label": label})
        if not (day.isdigit() and month.isdigit() and year.isdigit()) or len(year) != 4:
            raise forms.ValidationError(
                _("%(label)s must be a real date, with a 4-digit year") % {"label": label}
            )
        try:
            return datetime.date(int(year), int(month), int(day))
        except ValueError:
            raise forms.ValidationError(
                _("%(label)s must be a real date") % {"label": label}
            ) from None

    def clean(self, value):
        # Required-ness is judged on the whole date, so that an empty optional date is fine.
        if self.required and (not value or not any(str(part or "").strip() for part in value)):
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return self.compress(value)


_NOT_SAVED = object()


def save_form(request, form: forms.Form, save):
    """The usual end of a form view: when the form was posted and is valid, call
    `save(cleaned_data)` (a service) and return what it returns. A ValidationError from the
    service is shown on the form like the form's own errors. Returns NOT_SAVED otherwise,
    so the view renders the form again with everything the user typed.

    A form with a submission token (core.submissions) is saved once: sent again, it returns
    what was saved the first time, and `confirm_saved` says so."""
    if request.method != "POST" or not form.is_valid():
        return _NOT_SAVED
    try:
        return save_once(request, form, lambda: save(form.cleaned_data))
    except ValidationError as error:
        add_service_errors(form, error)
        return _NOT_SAVED


def save_once(request, form: forms.Form, save):
    """`save()`, unless this form (its submission token) was saved before: then what it
    saved, with the request marked as a repeat for `confirm_saved`."""
    # Popped: the services take what the form says, not how it was sent.
    token = form.cleaned_data.pop(TOKEN_FIELD, "")
    try:
        return submission_save(actor=request.user, token=token, save=save)
    except AlreadySavedError as repeat:
        request.sent_again = True
        return repeat.earlier


def confirm_saved(request, message: str) -> None:
    """The notification banner after a write; after a form sent twice, that it was saved
    once (the first time) and not again. A double click: the first answer's banner, not yet
    shown (the browser went on to the second answer), is the one shown."""
    if getattr(request, "sent_again", False):
        storage = messages.get_messages(request)
        waiting = [str(waiting) for waiting in storage]
        storage.used = False  # read, not shown: they stay for the next page
        if message in waiting:
            return
        message = _(
            "This was already saved: the form was sent twice and saved once. %(message)s"
        ) % {"message": message}
    messages.success(request, message)


NOT_SAVED = _NOT_SAVED
