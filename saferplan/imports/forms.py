from django import forms
from django.utils.translation import gettext_lazy as _

from saferplan.core import languages
from saferplan.partnerships.models import OrganisationKind

from .readers import MAX_BYTES


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Plan document"),
        help_text=_(
            "Word (.docx), PDF, Excel (.xlsx), CSV, HTML, or text with tables (.txt, .md); up to 10 MB. Older Word (.doc) and OpenDocument (.odt) files are converted where LibreOffice is installed."
        ),
        error_messages={"required": _("Choose the plan document to import")},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("%(name)s is larger than 10 MB: a plan file can be at most 10 MB")
                % {"name": upload.name}
            )
        return upload


class OwnerMatchForm(forms.Form):
    """For an owner the import could not match: match it to an organisation or group of the
    partnership (remembered as another name for it), or create a new organisation."""

    owner_text = forms.CharField(widget=forms.HiddenInput)
    choice = forms.ChoiceField(label=_("What is it?"))
    kind = forms.ChoiceField(
        label=_("Kind of organisation (if new)"), choices=OrganisationKind.choices, required=False
    )

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        # The organisations and groups are the partnership's words (languages.Text: marked
        # with their language on a Welsh page); their groups say what choosing one means.
        choices: list = [("new", _("A new organisation with this name"))]
        organisations = [
            (f"organisation:{o.pk}", languages.Text(o.name))
            for o in partnership.organisations.order_by("name")
        ]
        groups = [
            (f"group:{g.pk}", languages.Text(g.name)) for g in partnership.groups.order_by("name")
        ]
        if organisations:
            choices.append((_("Another name for the organisation"), organisations))
        if groups:
            choices.append((_("Another name for the group"), groups))
        self.fields["choice"].choices = choices
