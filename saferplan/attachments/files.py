"""A file attached to a partnership's record (an update's evidence, a meeting's paper): read,
never trusted by its name, and refused — naming the file and why — when it is empty, too
large, not one of the kinds saferplan keeps, not what its name says, or carries what could
run on a reader's computer (a PDF's scripts or embedded files, a Word or Excel file's macros)
or unpack into far more than it is (a "zip bomb"). A photograph is drawn again without its
metadata (images.py). What is kept is checked here, once: nothing else makes a CheckedFile."""

import csv
import email
import email.policy
import io
import re
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from pdfminer.pdfdocument import PDFDocument, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import PDFStream
from pdfminer.psparser import PSLiteral

from saferplan.core.csv_download import FormulaUnderAnotherSeparator, formula_safe
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
# Read by pdfminer (pdfplumber's parser), which decodes names written in hex (/J#61vaScript)
# and unpacks compressed object streams: keys and action types a reader's viewer would run.
PDF_ACTIVE_KEYS = {"JavaScript", "JS", "Launch", "EmbeddedFile", "EmbeddedFiles", "EF"}
PDF_ACTIVE_KEYS |= {"RichMedia", "XFA", "AA"}
PDF_ACTIVE_ACTIONS = {"JavaScript", "Launch", "SubmitForm", "ImportData", "GoToE", "GoToR"}
PDF_ACTIVE_ACTIONS |= {"Rendition", "RichMediaExecute", "Sound", "Movie"}
PDF_MAX_OBJECTS = 200_000
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
        found = _pdf_problem(content)
        if found == "password":
            raise ValidationError(
                _("%(name)s is protected by a password: attach it without one.") % {"name": name}
            )
        if found == "unreadable":
            raise ValidationError(not_what_it_says)
        if found:
            raise ValidationError(
                _(
                    "%(name)s holds scripts, actions or files of its own, which saferplan does "
                    "not keep: print it to a new PDF and attach that."
                )
                % {"name": name}
            )
    elif extension in OFFICE_PART:
        _check_office(name, content, extension, not_what_it_says)
    else:
        # Kept as UTF-8, whatever it was saved as (Excel's "Unicode text" is UTF-16).
        content = _text(name, content, extension, not_what_it_says).encode("utf-8")
    return CheckedFile(content, KINDS[extension], extension)


# Parts and relationships of an Office package that run code, open another program or fetch
# something from elsewhere when the file is opened (a remote template brings macros with it).
OFFICE_ACTIVE_TYPES = ("macro", "vbaproject", "activex", "oleobject", "dialogsheet")
OFFICE_ACTIVE_RELATIONS = (
    "/attachedtemplate",
    "/oleobject",
    "/package",
    "/externallink",
    "/frame",
    "/vbaproject",
    "/control",
    "/activexcontrol",
)


def _check_office(name: str, content: bytes, extension: str, not_what_it_says: str) -> None:
    active = _(
        "%(name)s holds macros or other programs, which saferplan does not keep: save it "
        "without them."
    ) % {"name": name}
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        entries = archive.infolist()
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
        if any(entry.flag_bits & 1 for entry in entries):  # encrypted parts
            raise ValidationError(not_what_it_says)
        content_types = archive.read("[Content_Types].xml").decode("utf-8", "replace").lower()
        if any(kind in content_types for kind in OFFICE_ACTIVE_TYPES) or any(
            part in n.lower()
            for n in names
            for part in ("/embeddings/", "/activex/", "vbaproject", "macrosheet")
        ):
            raise ValidationError(active)
        for rels in (n for n in names if n.endswith(".rels")):
            _check_relations(archive.read(rels).decode("utf-8", "replace"), active)
    except ValidationError:
        raise
    except Exception:
        raise ValidationError(not_what_it_says) from None


def _check_relations(xml: str, active: str) -> None:
    """Each relationship of a part: none that runs or fetches something, and no link outside
    the file but a hyperlink."""
    for relation in re.findall(r"<Relationship\b[^>]*>", xml):
        found = re.search(r'Type="([^"]*)"', relation)
        kind = found[1].lower() if found else ""
        external = re.search(r'TargetMode="External"', relation, re.IGNORECASE)
        if kind.endswith(OFFICE_ACTIVE_RELATIONS) or (external and not kind.endswith("/hyperlink")):
            raise ValidationError(active)


def _text(name: str, content: bytes, extension: str, not_what_it_says: str) -> str:
    try:
        text = decode_upload(content, fallback=None)  # the rule every text upload follows
    except UploadTextError as error:
        raise ValidationError(f"{name} {error}") from None
    if extension == "eml":
        _check_email(name, text, not_what_it_says)
    if extension == "csv":
        _check_csv(name, text)
    return text


def _check_csv(name: str, text: str) -> None:
    """A CSV that reads as CSV and can be given out formula-safe, whichever separator a
    spreadsheet splits it by. It is kept as it was given (what a partner sent is evidence)
    and made formula-safe when it is downloaded (responses.download)."""
    try:
        formula_safe(text)
    except FormulaUnderAnotherSeparator as unsafe:
        raise ValidationError(
            _(
                "%(name)s, row %(row)s: a spreadsheet reading the file with another separator "
                "would run a cell as a formula. Save it again from your spreadsheet with one "
                "separator, or as a text (.txt) file."
            )
            % {"name": name, "row": unsafe.row}
        ) from None
    except csv.Error as error:
        raise ValidationError(
            _("%(name)s cannot be read as CSV: %(error)s") % {"name": name, "error": error}
        ) from None


def _check_email(name: str, text: str, not_what_it_says: str) -> None:
    """An email with its headers, whose every part is plain text: an HTML part could run
    script in a mail reader, and a file it carries is not checked like one attached here."""
    message = email.message_from_string(text, policy=email.policy.default)
    if not (message["From"] and message["Date"]):
        raise ValidationError(not_what_it_says)
    for part in message.walk():
        if part.is_multipart():
            continue
        if part.get_content_type() != "text/plain" or part.get_filename():
            raise ValidationError(
                _(
                    "%(name)s holds an attachment or a part that is not plain text: save the "
                    "email as plain text, and attach the files it carried one by one."
                )
                % {"name": name}
            )


def _pdf_problem(content: bytes) -> str:
    """ "" for a PDF with nothing active in it; else "password", "unreadable" or "active"."""
    try:
        document = PDFDocument(PDFParser(io.BytesIO(content)))
    except PDFPasswordIncorrect:
        return "password"
    except Exception:
        return "unreadable"
    seen = 0
    for xref in document.xrefs:
        for objid in xref.get_objids():
            seen += 1
            if seen > PDF_MAX_OBJECTS:
                return "unreadable"
            try:
                obj = document.getobj(objid)
            except Exception:  # noqa: S112 - an object that cannot be read is skipped
                continue
            if _pdf_active(obj, depth=0):
                return "active"
    return ""


def _pdf_active(value, *, depth: int) -> bool:
    if depth > 20:
        return False
    if isinstance(value, PDFStream):
        value = value.attrs
    if isinstance(value, dict):
        if PDF_ACTIVE_KEYS & set(value):
            return True
        action = value.get("S")
        if isinstance(action, PSLiteral) and action.name in PDF_ACTIVE_ACTIONS:
            return True
        return any(_pdf_active(v, depth=depth + 1) for v in value.values())
    if isinstance(value, list):
        return any(_pdf_active(v, depth=depth + 1) for v in value)
    return False
