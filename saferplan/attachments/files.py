"""A file attached to a partnership's record (an update's evidence, a meeting's paper): read,
never trusted by its name, and refused — naming the file and why — when it is empty, too
large, not one of the kinds saferplan keeps, not what its name says, or carries what could
run on a reader's computer (a PDF's scripts or embedded files, a Word or Excel file's macros)
or unpack into far more than it is (a "zip bomb"). A photograph is drawn again without its
metadata (images.py). What is kept is checked here, once: nothing else makes a CheckedFile."""

import io
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from saferplan.core.text import UploadTextError, decode_upload

from .images import photo_from_upload

ATTACHMENT_MB = 10
MAX_UNPACKED_MB = 100  # what a Word or Excel file may unpack into
MAX_ENTRIES = 5_000

# The kinds kept, by extension: (content type, how it is checked).
KINDS = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "txt": "text/plain; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "eml": "message/rfc822",
}
KINDS_IN_WORDS = (
    "PDF, Word (.docx), Excel (.xlsx), PowerPoint (.pptx), PNG, JPEG, text, CSV or an email (.eml)"
)
# What a PDF must not hold: script, actions that start a program or open a file, files
# carried inside it.
PDF_ACTIVE = (b"/JavaScript", b"/JS", b"/Launch", b"/EmbeddedFile", b"/RichMedia", b"/OpenAction")
OFFICE_PART = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}


@dataclass(frozen=True)
class CheckedFile:
    content: bytes
    content_type: str
    extension: str


def attachment_from_upload(name: str, content: bytes) -> CheckedFile:
    """The file as saferplan keeps it; ValidationError naming the file otherwise."""
    if not content:
        raise ValidationError(_("%(name)s is empty.") % {"name": name})
    if len(content) > ATTACHMENT_MB * 1024 * 1024:
        raise ValidationError(
            _("%(name)s is larger than %(mb)s MB.") % {"name": name, "mb": ATTACHMENT_MB}
        )
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in KINDS:
        raise ValidationError(
            _("%(name)s is not a kind of file saferplan keeps: attach a %(kinds)s.")
            % {"name": name, "kinds": KINDS_IN_WORDS}
        )
    not_what_it_says = _("%(name)s is not a %(kind)s file, whatever its name says.") % {
        "name": name,
        "kind": extension.upper(),
    }
    if extension in ("png", "jpg", "jpeg"):
        photo = photo_from_upload(name, content)  # drawn again, without its metadata
        return CheckedFile(photo.content, photo.content_type, photo.extension)
    if extension == "pdf":
        if not content.startswith(b"%PDF-"):
            raise ValidationError(not_what_it_says)
        if any(marker in content for marker in PDF_ACTIVE):
            raise ValidationError(
                _(
                    "%(name)s holds scripts, actions or files of its own, which saferplan does "
                    "not keep: print it to a new PDF and attach that."
                )
                % {"name": name}
            )
        if b"/Encrypt" in content:
            raise ValidationError(
                _("%(name)s is protected by a password: attach it without one.") % {"name": name}
            )
    elif extension in OFFICE_PART:
        _check_office(name, content, extension, not_what_it_says)
    else:
        # Kept as UTF-8, whatever it was saved as (Excel's "Unicode text" is UTF-16).
        content = _text(name, content, extension, not_what_it_says).encode("utf-8")
    return CheckedFile(content, KINDS[extension], extension)


def _check_office(name: str, content: bytes, extension: str, not_what_it_says: str) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        entries = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        raise ValidationError(not_what_it_says) from None
    names = {entry.filename for entry in entries}
    if "[Content_Types].xml" not in names or not any(
        n.startswith(OFFICE_PART[extension]) for n in names
    ):
        raise ValidationError(not_what_it_says)
    if (
        len(entries) > MAX_ENTRIES
        or sum(e.file_size for e in entries) > MAX_UNPACKED_MB * 1024 * 1024
    ):
        raise ValidationError(
            _("%(name)s unpacks into more than %(mb)s MB, far more than a document holds.")
            % {"name": name, "mb": MAX_UNPACKED_MB}
        )
    # Macros (vbaProject.bin), ActiveX controls and embedded objects run or open programs;
    # a printer's settings (xl/printerSettings/*.bin) are only data, and are kept.
    content_types = archive.read("[Content_Types].xml").decode("utf-8", "replace")
    if "macroEnabled" in content_types or any(
        "vbaproject" in n.lower() or "/activex/" in n.lower() or "/embeddings/" in n.lower()
        for n in names
    ):
        raise ValidationError(
            _(
                "%(name)s holds macros or other programs, which saferplan does not keep: save it without them."
            )
            % {"name": name}
        )


def _text(name: str, content: bytes, extension: str, not_what_it_says: str) -> str:
    try:
        text = decode_upload(content, fallback=None)  # the rule every text upload follows
    except UploadTextError as error:
        raise ValidationError(f"{name} {error}") from None
    if extension == "eml":
        head = text.split("\n\n", 1)[0].replace("\r", "")
        fields = {
            line.split(":", 1)[0].strip().lower() for line in head.splitlines() if ":" in line
        }
        if not {"from", "date"} <= fields:
            raise ValidationError(not_what_it_says)
    return text
