from django import forms
from django.utils.translation import gettext_lazy as _

from .images import PHOTO_MB, photo_from_upload


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
