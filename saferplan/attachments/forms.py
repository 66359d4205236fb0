from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from saferplan.core.forms import GovukRadioSelect, add_service_errors
from saferplan.core.models import Marking

from .files import ATTACHMENT_MB, KINDS_IN_WORDS, attachment_from_upload
from .images import PHOTO_MB, photo_from_upload
from .services import files_forgotten_on_failure


class PhotoForm(forms.Form):
    """A photograph (a foreword's signatory's) with its description for screen readers."""

    file = forms.FileField(
        label=_("Photograph"),
        help_text=_(
            "A JPEG or PNG of up to 5 MB. saferplan keeps it at most 1,200 pixels across and "
            "removes what the camera recorded with it, such as where it was taken."
        ),
        error_messages={
            "required": _("Choose the photograph"),
            "empty": _("The file chosen is empty: choose the photograph again"),
        },
    )
    alt_text = forms.CharField(
        label=_("Description of the photograph"),
        max_length=250,
        help_text=_(
            "What a screen reader says instead of it, for example “Councillor Jane Smith, "
            "Chair of the partnership”."
        ),
        error_messages={"required": _("Describe the photograph for people who cannot see it")},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > PHOTO_MB * 1024 * 1024:  # refused before it is read
            raise forms.ValidationError(
                _("%(name)s is larger than %(mb)s MB.") % {"name": upload.name, "mb": PHOTO_MB}
            )
        # Checked and drawn again here, once: its refusal, naming the file, is shown with the
        # form's other errors; the service keeps the photograph as drawn.
        self.cleaned_data["photo"] = photo_from_upload(upload.name, upload.read())
        return upload


def attach_from(request, form: "AttachmentForm", attach):
    """The usual end of a file form's view: when it was posted and is valid, call
    `attach(name=, checked=, marking=)` (a service) and return what it returns; a
    ValidationError from the service is shown on the form. None otherwise."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        with files_forgotten_on_failure():
            return attach(
                name=form.cleaned_data["file"].name,
                checked=form.cleaned_data["checked"],
                marking=form.cleaned_data["marking"],
            )
    except ValidationError as error:
        add_service_errors(form, error)
        return None


class AttachmentForm(forms.Form):
    """A file attached to a record (an update's evidence, a meeting's paper), with its own
    marking."""

    file = forms.FileField(
        label=_("File"),
        help_text=format_lazy(
            _("A {kinds} of up to {mb} MB."), kinds=KINDS_IN_WORDS, mb=ATTACHMENT_MB
        ),
        error_messages={
            "required": _("Choose the file"),
            "empty": _("The file chosen is empty: choose the file again"),
        },
    )
    marking = forms.ChoiceField(
        label=_("Marking of the file"),
        choices=Marking.choices,
        widget=GovukRadioSelect,
        initial=Marking.OFFICIAL,
        help_text=_(
            "OFFICIAL-SENSITIVE files are seen only by members of the partnership(s) the record "
            "belongs to, and never published."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > ATTACHMENT_MB * 1024 * 1024:  # refused before it is read
            raise forms.ValidationError(
                _("%(name)s is larger than %(mb)s MB.") % {"name": upload.name, "mb": ATTACHMENT_MB}
            )
        self.cleaned_data["checked"] = attachment_from_upload(upload.name, upload.read())
        return upload
