"""Whatever is uploaded, the importer answers with a clear error or a plan: never a crash,
never a partly written plan."""

from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from saferplan.imports import services
from saferplan.imports.parsed import PlanFileError
from saferplan.imports.readers import parse_plan
from saferplan.plans.models import Action, Plan, Update

from . import documents

SEEDS = Path(__file__).resolve().parents[2] / "demo" / "seeds"
SEED = (SEEDS / "003_beef6faf28b908d0.txt").read_bytes()
SUFFIXES = [".txt", ".md", ".csv", ".html", ".docx", ".xlsx", ".pdf", ""]
FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def parse_or_refuse(data: bytes, name: str):
    try:
        return parse_plan(data, name)
    except PlanFileError as error:
        message = str(error)
    assert message.startswith(f"{name}:")  # the message names the file
    return None


@FUZZ
@given(data=st.binary(max_size=4000), suffix=st.sampled_from(SUFFIXES))
def test_random_bytes_are_refused_clearly(data, suffix):
    parse_or_refuse(data, f"upload{suffix}")


@FUZZ
@given(cut=st.integers(min_value=0, max_value=len(SEED)))
def test_a_truncated_seed_imports_what_is_there_or_is_refused(cut):
    parse_or_refuse(SEED[:cut], "truncated.txt")


@FUZZ
@given(
    cut=st.integers(min_value=0, max_value=60000),
    suffix=st.sampled_from([".docx", ".xlsx", ".pdf"]),
)
def test_a_truncated_word_excel_or_pdf_file_is_refused_clearly(cut, suffix):
    whole = seed_document(suffix)
    parse_or_refuse(whole[: cut % max(len(whole), 1)], f"damaged{suffix}")


@cache
def seed_document(suffix: str) -> bytes:
    """The seed as a Word, Excel or PDF file, made once (not once per example)."""
    plan = parse_plan(SEED, "seed.txt")
    writer = {".docx": documents.to_docx, ".xlsx": documents.to_xlsx, ".pdf": documents.to_pdf}
    return writer[suffix](plan)


@cache
def short_seed_pdf() -> bytes:
    """The seed's first eleven actions (its first 8,000 bytes, to a line's end) as a PDF of
    three pages, a table running across them: what damage can break is all there (the
    structure, fonts, page contents, a table over a page break), read in a fifth of the
    time of the nine pages, so that each example costs little."""
    start = SEED[:8000]
    return documents.to_pdf(parse_plan(start[: start.rfind(b"\n")], "seed.txt"))


@FUZZ
@given(
    position=st.integers(min_value=0, max_value=10**9),
    replacement=st.binary(min_size=1, max_size=64),
)
def test_a_pdf_damaged_inside_is_read_or_refused_clearly(position, replacement):
    """Bytes overwritten part way (a damaged download): the PDF's structure, its fonts or
    its page contents broken, never the whole file missing."""
    whole = short_seed_pdf()
    at = position % len(whole)
    parse_or_refuse(whole[:at] + replacement + whole[at + len(replacement) :], "damaged.pdf")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "latin-1", "cp1252"])
def test_other_encodings_are_read_or_refused_clearly(encoding):
    text = SEED.decode("utf-8")
    data = text.encode(encoding, errors="replace")
    plan = parse_or_refuse(data, f"seed-{encoding}.txt")
    if encoding in {"latin-1", "cp1252"}:
        assert plan is not None
        assert plan.counts()["actions"] == 50


@FUZZ
@given(cell=st.text(min_size=0, max_size=200_000))
def test_huge_or_strange_cells_are_read(cell):
    data = (
        "Issue\tAction\tOwner\tUpdate\n"
        + f"An issue\t{cell.replace(chr(9), ' ').replace(chr(10), ' ')}\tOwner\t<ul><li>{cell[:1000]}</li></ul>\n"
    ).encode()
    parse_or_refuse(data, "huge.txt")


def test_a_table_without_headings_is_refused_with_the_file_name():
    with pytest.raises(
        PlanFileError,
        match=r"^headless\.txt: no plan was found in it\. It has no paragraphs, no headings, no "
        r"list items, 1 line of cells without column headings and no tables\. A plan needs",
    ):
        parse_plan(b"Raise awareness\tArrange events\tCST\n", "headless.txt")


@pytest.mark.django_db
@FUZZ
@given(
    data=st.binary(max_size=3000)
    | st.integers(min_value=0, max_value=len(SEED)).map(lambda n: SEED[:n]),
    suffix=st.sampled_from([".txt", ".csv", ".html"]),
)
def test_an_import_either_writes_a_whole_plan_or_nothing(partnership, coordinator, data, suffix):
    before = (Plan.objects.count(), Action.objects.count(), Update.objects.count())
    try:
        plan = services.plan_import(
            actor=coordinator,
            partnership=partnership,
            file_name=f"fuzz{suffix}",
            content=data,
            replace=True,
        )
    except (PlanFileError, services.DuplicateImportError):
        assert (Plan.objects.count(), Action.objects.count(), Update.objects.count()) == before
        return
    parsed = parse_plan(data, f"fuzz{suffix}")
    assert Action.objects.filter(priority__plan=plan).count() == parsed.counts()["actions"]
    assert Update.objects.filter(action__priority__plan=plan).count() == parsed.counts()["updates"]
