"""Real plans of partnerships outside Hertfordshire (corpus/README.md), each rebuilt as the Word
document and the PDF its council would have made, import to what a person counted in them by
hand (meta.yaml's hand_count; `accept` lists other counts the document itself leaves open). A
document with nothing plan-like in it (a contents list, a foreword, members) is refused,
naming the file.

A table-shaped plan is also rebuilt as the Excel workbook its council would keep it in
(meta.yaml `formats` lists xlsx): waverley-2005-08, whose whole transcript is one table (Aim
title rows, numbered objective rows), and bath-ne-somerset-prevent-2017, a title and one
Prevent tracker table. The other plans are narrative - headings, paragraphs, bullets,
minutes, a report - or a table under narrative text (colchester-2016-17's and
york-prevent-2015's trackers, cornwall-laa-reduce-crime's document history,
maidstone-2018-19's meeting timetable), not plans kept as a sheet. The three action trackers
(README) have an action or deliverable column, dates or progress, but no owner column: the
store held none with one outside Hertfordshire.

Plans the importer does not read right yet are listed in NOT_YET with what it gets wrong:
they are expected to fail (strict), so a fix that makes one pass fails here until it is
taken off the list."""

import re
from pathlib import Path

import pytest
import yaml

from saferplan.imports.corrections import Corrections
from saferplan.imports.parsed import PlanFileError
from saferplan.imports.readers import parse_plan

from .corpus.build import CORPUS, build_docx, build_pdf, build_xlsx, plans

COUNTED = ("priorities", "objectives", "actions", "updates", "owners")
NOT_YET: dict[str, str] = {}


def meta(slug: str) -> dict:
    return yaml.safe_load((CORPUS / slug / "meta.yaml").read_text())


def counts(plan) -> dict[str, int]:
    """The plan's own counts, and its owners: the distinct owners as the document writes them."""
    owners = {a.owner_text for p in plan.priorities for a in p.all_actions() if a.owner_text}
    return {**plan.counts(), "owners": len(owners)}


def corrections(slug: str) -> Corrections | None:
    """What a person tells the preview for a plan no importer can read alone (meta.yaml
    `corrections`, the mapping file's shape): the hand count is of the corrected reading."""
    given = meta(slug).get("corrections")
    return Corrections.from_dict(given) if given else None


def expected(slug: str) -> dict[str, list[int]]:
    """Each count the hand count allows: its own, and any the notes accept."""
    hand = meta(slug)["hand_count"]
    accepted = hand.get("accept", {})
    return {name: accepted.get(name, [hand[name]]) for name in COUNTED}


def formats(slug: str) -> list[str]:
    """The files a council would have made of the plan: Word and PDF, and Excel when it is
    table-shaped (meta.yaml `formats`)."""
    return [f".{kind}" for kind in meta(slug).get("formats", ["docx", "pdf"])]


@pytest.fixture(scope="module")
def documents(tmp_path_factory) -> Path:
    """Every plan as Word, as PDF and (table-shaped ones) as Excel, made once."""
    folder = tmp_path_factory.mktemp("corpus")
    for slug in plans():
        source = CORPUS / slug / "source.md"
        build_docx(source, folder / f"{slug}.docx")
        build_pdf(source, folder / f"{slug}.pdf")
        if ".xlsx" in formats(slug):
            build_xlsx(source, folder / f"{slug}.xlsx", sheet=meta(slug)["sheet"])
    return folder


def test_the_corpus_holds_at_least_12_plans_in_6_shapes_with_sources_and_licences():
    slugs = plans()
    assert len(slugs) >= 12
    assert len({meta(slug)["shape"] for slug in slugs}) >= 6
    # Built as Excel exactly when source.md is a table and nothing else (headings aside).
    for slug in slugs:
        lines = (CORPUS / slug / "source.md").read_text().splitlines()
        table = all(line.startswith(("|", "#")) for line in lines if line.strip())
        assert (".xlsx" in formats(slug)) == table, slug
    for slug in slugs:
        about = meta(slug)
        assert about["source_url"].startswith("http"), slug
        assert about["licence"], slug
        assert set(COUNTED) <= set(about["hand_count"]), slug


@pytest.mark.parametrize(
    ("slug", "suffix"),
    [
        pytest.param(slug, suffix, marks=pytest.mark.xfail(strict=True, reason=NOT_YET[slug]))
        if slug in NOT_YET
        else pytest.param(slug, suffix)
        for slug in plans()
        for suffix in formats(slug)
    ],
)
def test_a_real_plan_imports_to_its_hand_count(slug, suffix, documents):
    path = documents / f"{slug}{suffix}"
    hand = meta(slug)["hand_count"]
    if all(hand[name] == 0 for name in COUNTED):
        # Nothing plan-like in it: refused, naming the file.
        with pytest.raises(PlanFileError, match=rf"^{re.escape(path.name)}: "):
            parse_plan(path.read_bytes(), path.name)
        return
    found = counts(parse_plan(path.read_bytes(), path.name, corrections=corrections(slug)))
    allowed = expected(slug)
    assert {name: found[name] in allowed[name] for name in COUNTED} == dict.fromkeys(
        COUNTED, True
    ), f"found {found}, counted by hand {allowed}"
