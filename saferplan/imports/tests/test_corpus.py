"""Real plans of partnerships outside Hertfordshire (corpus/README.md), each rebuilt as the Word
document its council would have made, import to what a person counted in them by hand
(meta.yaml's hand_count; `accept` lists other counts the document itself leaves open). A
document with nothing plan-like in it (a contents list, a foreword, members) is refused,
naming the file.

Plans the importer does not read right yet are listed in NOT_YET with what it gets wrong:
they are expected to fail (strict), so a fix that makes one pass fails here until it is
taken off the list."""

import re
from pathlib import Path

import pytest
import yaml

from saferplan.imports.parsed import PlanFileError
from saferplan.imports.readers import parse_plan

from .corpus.build import CORPUS, build_docx, build_pdf, plans

COUNTED = ("priorities", "objectives", "actions", "updates", "owners")
NOT_YET: dict[str, str] = {}


def meta(slug: str) -> dict:
    return yaml.safe_load((CORPUS / slug / "meta.yaml").read_text())


def counts(plan) -> dict[str, int]:
    """The plan's own counts, and its owners: the distinct owners as the document writes them."""
    owners = {a.owner_text for p in plan.priorities for a in p.all_actions() if a.owner_text}
    return {**plan.counts(), "owners": len(owners)}


def expected(slug: str) -> dict[str, list[int]]:
    """Each count the hand count allows: its own, and any the notes accept."""
    hand = meta(slug)["hand_count"]
    accepted = hand.get("accept", {})
    return {name: accepted.get(name, [hand[name]]) for name in COUNTED}


@pytest.fixture(scope="module")
def documents(tmp_path_factory) -> Path:
    """Every plan as Word and as PDF, made once."""
    folder = tmp_path_factory.mktemp("corpus")
    for slug in plans():
        build_docx(CORPUS / slug / "source.md", folder / f"{slug}.docx")
        build_pdf(CORPUS / slug / "source.md", folder / f"{slug}.pdf")
    return folder


def test_the_corpus_holds_at_least_12_plans_in_6_shapes_with_sources_and_licences():
    slugs = plans()
    assert len(slugs) >= 12
    assert len({meta(slug)["shape"] for slug in slugs}) >= 6
    for slug in slugs:
        about = meta(slug)
        assert about["source_url"].startswith("http"), slug
        assert about["licence"], slug
        assert set(COUNTED) <= set(about["hand_count"]), slug


@pytest.mark.parametrize(
    "slug",
    [
        pytest.param(slug, marks=pytest.mark.xfail(strict=True, reason=NOT_YET[slug]))
        if slug in NOT_YET
        else slug
        for slug in plans()
    ],
)
@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
def test_a_real_plan_imports_to_its_hand_count(slug, suffix, documents):
    path = documents / f"{slug}{suffix}"
    hand = meta(slug)["hand_count"]
    if all(hand[name] == 0 for name in COUNTED):
        # Nothing plan-like in it: refused, naming the file.
        with pytest.raises(PlanFileError, match=rf"^{re.escape(path.name)}: "):
            parse_plan(path.read_bytes(), path.name)
        return
    found = counts(parse_plan(path.read_bytes(), path.name))
    allowed = expected(slug)
    assert {name: found[name] in allowed[name] for name in COUNTED} == dict.fromkeys(
        COUNTED, True
    ), f"found {found}, counted by hand {allowed}"
