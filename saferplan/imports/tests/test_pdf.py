"""PDF plans (docs/adr/0025): the seeds printed to PDF import as from their text, a narrative
plan's headings, paragraphs and bullets are rebuilt from the page with its running headers
and page numbers dropped, and a scan, a password or a damaged file is refused saying which."""

import io

import pytest
from PIL import Image
from pypdf import PdfReader, PdfWriter

from saferplan.imports.blocks import Heading, ListItem, Paragraph
from saferplan.imports.parsed import PlanFileError
from saferplan.imports.readers import parse_plan, read_document

from . import documents
from .corpus.build import markdown_html, print_pdf
from .test_formats import SEEDS, structure

RUNNING_HEADER = "Safer Northtown Partnership – Community Safety Plan"
FOREWORD = (
    "Community safety is about feeling safe at home, in the street and at work. This plan sets "
    "out what the partnership of the council, the police, the fire service, probation and the "
    "health service will do together over the next three years, and how residents can hold us "
    "to it."
)
PRIORITIES = {
    "Priority 1: Reducing serious violence": [
        "Work with every secondary school to deliver knife crime awareness sessions to pupils "
        "in years 8 and 9, with their parents invited to an evening session",
        "Open a second youth hub in the town centre, staffed by youth workers until 10pm on "
        "Friday and Saturday nights",
    ],
    "Priority 2: Tackling anti-social behaviour": [
        "Publish the partnership's anti-social behaviour case review process on the council's "
        "website and answer every request within ten working days",
        "Run two days of action in each ward every year",
        "Fund CCTV in the three parks where most reports are made",
    ],
}
PAGE_STYLE = f"""
@page {{ size: A4; margin: 2.5cm 2cm;
  @top-center {{ content: "{RUNNING_HEADER}"; font-size: 8pt }}
  @bottom-center {{ content: counter(page); font-size: 8pt }} }}
body {{ font-family: "DejaVu Sans", sans-serif; font-size: 10pt }}
h1 {{ font-size: 20pt }} .page {{ break-before: page }}
"""


def narrative_pdf() -> bytes:
    """A narrative plan as a council exports one: a title in large type, a foreword, and each
    priority a line of bold body text (not a heading style) with its bullets, on pages of
    their own, under a running header and page numbers."""
    import weasyprint

    html = [f"<h1>Safer Northtown Community Safety Plan 2024–2027</h1><p>{FOREWORD}</p>"]
    for title, actions in PRIORITIES.items():
        html.append(f'<div class="page"><p><b>{title}</b></p><p>We will:</p><ul>')
        html += [f"<li>{action}</li>" for action in actions]
        html.append("</ul></div>")
    return weasyprint.HTML(string="".join(html)).write_pdf(
        stylesheets=[weasyprint.CSS(string=PAGE_STYLE)]
    )


def without_empty_objectives(shape):
    """An objective with no action has no row in a printed action table."""
    return {
        **shape,
        "priorities": [
            (number, title, [o for o in objectives if o[1]])
            for number, title, objectives in shape["priorities"]
        ],
    }


@pytest.mark.parametrize("seed", ["003_beef6faf28b908d0.txt", "004_5db9fcdabedcd926.txt"])
def test_a_seed_printed_to_pdf_imports_to_the_same_structure(seed):
    """Ruled tables over several pages, rows broken over page breaks, a running
    header and page numbers: the same priorities, issues, actions, owners and updates."""
    from_text = parse_plan((SEEDS / seed).read_bytes(), seed)
    pdf = documents.to_pdf(from_text)
    assert len(PdfReader(io.BytesIO(pdf)).pages) >= 3
    from_pdf = parse_plan(pdf, "action plan.pdf")
    assert without_empty_objectives(structure(from_pdf)) == without_empty_objectives(
        structure(from_text)
    )
    assert from_pdf.counts()["actions"] == from_text.counts()["actions"]


SECTIONS = ("introduction", "foreword", "foreword_signatory", "legislation")
SECTIONS += ("assessment_findings", "pcc_alignment", "monitoring", "definitions")
SECTIONS += ("about_partnership", "language_notice", "contacts")
# Where the printed seed reads differently from its text, and why (none is in the plan's
# priorities, objectives or actions).
PRINTED_DIFFERENTLY = {
    ("000_37891d1c771535bb.txt", "introduction"): "one page, so its running header "
    "(“Community Safety Partnership”) is printed once: nothing marks it as page furniture",
    ("001_6a53fb9f5d3cd175.txt", "desired outcomes"): "“Financial Abuse/ exploitation” "
    "wraps after the slash; a line ending in “/” is joined without a space (as “and/or”)",
    ("002_21a7333a4ab4cb87.txt", "language_notice"): "the Arabic notice comes out of the "
    "PDF in visual order (right to left reversed) and a Chinese line's wrap becomes a space",
    ("002_21a7333a4ab4cb87.txt", "contacts"): "the PDF's fonts have no 🌐, so the "
    "page has no text for it",
}


@pytest.mark.parametrize(
    "seed", ["000_37891d1c771535bb.txt", "001_6a53fb9f5d3cd175.txt", "002_21a7333a4ab4cb87.txt"]
)
def test_a_narrative_seed_printed_to_pdf_imports_as_from_its_text(seed):
    """The seed's text printed as its council exports it (corpus/build.py: headings,
    paragraphs, bullets and numbered items in document order, tab-separated lines as ruled
    tables, a running header and page numbers): the same plan. Its tables are real tables
    in the PDF, so saferplan also says they hold no actions (tables_not_actions)."""
    text = (SEEDS / seed).read_bytes()
    from_text = parse_plan(text, seed)
    from_pdf = parse_plan(print_pdf(markdown_html(text.decode())), seed.replace(".txt", ".pdf"))
    assert structure(from_pdf) == structure(from_text)
    assert [p.is_cross_cutting for p in from_pdf.priorities] == [
        p.is_cross_cutting for p in from_text.priorities
    ]
    assert (from_pdf.kind, from_pdf.aims, from_pdf.period_start, from_pdf.period_end) == (
        from_text.kind,
        from_text.aims,
        from_text.period_start,
        from_text.period_end,
    )
    assert [w.kind for w in from_pdf.warnings if w.kind != "tables_not_actions"] == [
        w.kind for w in from_text.warnings
    ]
    read = {name: (getattr(from_text, name), getattr(from_pdf, name)) for name in SECTIONS}
    read["desired outcomes"] = tuple(
        [o.desired_outcomes for p in plan.priorities for o in p.objectives]
        for plan in (from_text, from_pdf)
    )
    differing = {name for name, (as_text, as_pdf) in read.items() if as_text != as_pdf}
    assert differing == {name for (named, name) in PRINTED_DIFFERENTLY if named == seed}


def test_where_a_pdf_row_is_named_by_its_page():
    seed = "003_beef6faf28b908d0.txt"
    plan = parse_plan(documents.to_pdf(parse_plan((SEEDS / seed).read_bytes(), seed)), "plan.pdf")
    undated = next(w for w in plan.warnings if w.kind == "undated")
    assert str(undated.location).startswith("plan.pdf, page ")
    assert "column “Update”" in str(undated.location)


def test_a_narrative_pdf_is_read_as_headings_paragraphs_and_bullets():
    document = read_document(narrative_pdf(), "northtown.pdf")
    texts = [block.text for block in document.blocks]
    assert not any(RUNNING_HEADER in text for text in texts)
    assert not any(text.strip().isdigit() for text in texts)  # the page numbers
    assert isinstance(document.blocks[0], Heading)
    assert document.blocks[0].text == "Safer Northtown Community Safety Plan 2024–2027"
    # The foreword's wrapped lines are one paragraph again.
    assert next(b.text for b in document.blocks if isinstance(b, Paragraph)) == FOREWORD
    # A line of bold body text standing alone is a heading.
    headings = [b.text for b in document.blocks if isinstance(b, Heading)]
    assert headings[1:] == list(PRIORITIES)
    # Each bullet is one item, its wrapped lines joined.
    bullets = [b.text for b in document.blocks if isinstance(b, ListItem)]
    assert bullets == [action for actions in PRIORITIES.values() for action in actions]


def test_a_narrative_pdf_imports_its_priorities_and_actions():
    plan = parse_plan(narrative_pdf(), "northtown.pdf")
    assert [p.title for p in plan.priorities] == [
        "Reducing serious violence",
        "Tackling anti-social behaviour",
    ]
    assert [
        len(p.actions) + sum(len(o.actions) for o in p.objectives) for p in plan.priorities
    ] == [
        2,
        3,
    ]


def test_a_scanned_pdf_is_refused_saying_it_holds_only_pictures():
    page = Image.new("RGB", (1240, 1754), "white")  # an A4 page scanned at 150 dpi
    scan = io.BytesIO()
    page.save(scan, format="PDF")
    with pytest.raises(PlanFileError) as refused:
        parse_plan(scan.getvalue(), "scanned plan.pdf")
    assert str(refused.value).startswith("scanned plan.pdf: the PDF has no text in it")
    assert "upload the Word document" in str(refused.value)


def test_a_pdf_with_a_password_is_refused_saying_so():
    writer = PdfWriter(clone_from=io.BytesIO(narrative_pdf()))
    writer.encrypt(user_password="secret", owner_password="secret")
    locked = io.BytesIO()
    writer.write(locked)
    with pytest.raises(PlanFileError, match=r"^locked\.pdf: the PDF is protected by a password"):
        parse_plan(locked.getvalue(), "locked.pdf")


def test_a_damaged_pdf_is_refused_naming_the_file():
    whole = narrative_pdf()
    with pytest.raises(PlanFileError, match=r"^half\.pdf: the file could not be read as a PDF"):
        parse_plan(whole[: len(whole) // 3], "half.pdf")


@pytest.mark.parametrize("suffix", [".doc", ".odt", ".rtf"])
def test_an_older_word_file_without_libreoffice_says_how_to_save_it(monkeypatch, suffix):
    monkeypatch.setattr("saferplan.imports.legacy.libreoffice", lambda: None)
    with pytest.raises(PlanFileError) as refused:
        parse_plan(b"\xd0\xcf\x11\xe0 an old Word file", f"plan 2019{suffix}")
    message = str(refused.value)
    assert message.startswith(f"plan 2019{suffix}: saferplan reads Word documents saved as .docx")
    assert "save it as a Word Document (.docx)" in message


@pytest.mark.skipif(
    __import__("saferplan.imports.legacy", fromlist=["libreoffice"]).libreoffice() is None,
    reason="LibreOffice is not installed (apt-get install libreoffice-writer-nogui)",
)
def test_an_odt_file_is_converted_by_libreoffice_and_read(tmp_path):
    """The seed saved as OpenDocument by LibreOffice itself, then uploaded."""
    import subprocess

    from saferplan.imports.legacy import libreoffice

    seed = "003_beef6faf28b908d0.txt"
    from_text = parse_plan((SEEDS / seed).read_bytes(), seed)
    (tmp_path / "plan.docx").write_bytes(documents.to_docx(from_text))
    subprocess.run(
        [
            str(libreoffice()),
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "odt",
            "--outdir",
            str(tmp_path),
            str(tmp_path / "plan.docx"),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    from_odt = parse_plan((tmp_path / "plan.odt").read_bytes(), "Hertsmere action plan.odt")
    assert structure(from_odt) == structure(from_text)
