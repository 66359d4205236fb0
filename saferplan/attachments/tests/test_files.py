"""Files attached to records (attachments.files): real files of each kind saferplan keeps are
kept; a file that is not what its name says, carries something that could run on a reader's
computer or unpacks into far more than it is, is refused naming the file."""

import email.message
import io
import re
import zipfile

import docx
import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook
from PIL import Image

from saferplan.attachments.files import attachment_from_upload
from saferplan.core.documents.pdf import html_to_pdf


def word_file() -> bytes:
    document = docx.Document()
    document.add_paragraph("Problem profile: ASB on Shenley Road")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def excel_file() -> bytes:
    workbook = Workbook()
    workbook.active.append(["Month", "ASB reports"])
    workbook.active.append(["2019-07", 41])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def email_file() -> bytes:
    message = email.message.EmailMessage()
    message["From"] = "town.centre@hertsmere.example"
    message["To"] = "community.safety@hertsmere.example"
    message["Date"] = "Tue, 13 Aug 2019 09:12:00 +0100"
    message["Subject"] = "Shenley Road improvements"
    message.set_content("The new lighting is in and the shop thefts have fallen.")
    return bytes(message)


def png_file() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "navy").save(out, "PNG")
    return out.getvalue()


def with_part(content: bytes, name: str, data: bytes) -> bytes:
    """The Office file with one more part in it."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(content)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        target.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "make", "content_type"),
    [
        (
            "profile.docx",
            word_file,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "figures.xlsx",
            excel_file,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        ("report.pdf", lambda: html_to_pdf("<h1>Safer Streets+ report</h1>"), "application/pdf"),
        ("improvements.eml", email_file, "message/rfc822"),
        ("notes.txt", lambda: b"Visited the estate.\n", "text/plain; charset=utf-8"),
        ("map.png", png_file, "image/jpeg"),  # drawn again without its metadata
    ],
)
def test_real_files_of_each_kind_are_kept(name, make, content_type):
    checked = attachment_from_upload(name, make())
    assert checked.content_type == content_type
    assert checked.content


def test_a_utf16_text_file_is_kept_as_utf8_and_one_without_its_mark_is_refused():
    text = "Area,Reports\nBorehamwood,41\n"
    assert attachment_from_upload("figures.csv", text.encode("utf-16")).content == text.encode()
    with pytest.raises(
        ValidationError, match=re.escape("figures.csv is saved as UTF-16: save as CSV UTF-8")
    ):
        attachment_from_upload("figures.csv", text.encode("utf-16-le"))


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("script.html", b"<script>alert(1)</script>", "is not a kind of file saferplan keeps"),
        ("setup.exe", b"MZ\x90\x00", "is not a kind of file saferplan keeps"),
        ("no-extension", b"hello", "is not a kind of file saferplan keeps"),
        ("report.pdf", png_file(), "report.pdf is not a PDF file, whatever its name says"),
        ("profile.docx", b"PK\x03\x04 not really a zip", "is not a DOCX file"),
        ("profile.docx", excel_file(), "is not a DOCX file"),  # an Excel file renamed
        ("email.eml", b"Just some words, no headers at all", "is not a EML file"),
        ("empty.pdf", b"", "empty.pdf is empty"),
    ],
)
def test_a_file_that_is_not_what_it_says_is_refused_by_name(name, content, says):
    with pytest.raises(ValidationError, match=says):
        attachment_from_upload(name, content)


def test_a_pdf_with_a_script_or_a_file_inside_is_refused():
    pdf = html_to_pdf("<p>Report</p>")
    # An object added at the end, as an editor appends one: a script run when it opens.
    scripted = pdf + b"\n99 0 obj\n<< /S /JavaScript /JS (app.alert(1)) >>\nendobj\n"
    with pytest.raises(ValidationError, match="holds scripts, actions or files of its own"):
        attachment_from_upload("report.pdf", scripted)


def test_a_word_file_with_macros_is_refused():
    with pytest.raises(ValidationError, match="macros or other programs"):
        attachment_from_upload(
            "profile.docx", with_part(word_file(), "word/vbaProject.bin", b"\x00" * 64)
        )


def test_a_file_that_unpacks_into_far_more_is_refused():
    bomb = with_part(word_file(), "word/media/filler.xml", b"0" * (110 * 1024 * 1024))
    assert len(bomb) < 10 * 1024 * 1024  # small as it comes
    with pytest.raises(ValidationError, match="unpacks into more than 100 MB"):
        attachment_from_upload("profile.docx", bomb)


def test_a_file_too_large_is_refused_before_it_is_read():
    with pytest.raises(ValidationError, match=re.escape("big.pdf is larger than 10 MB")):
        attachment_from_upload("big.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024))
