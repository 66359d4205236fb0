"""The demo's crime figures: the police.uk sample (Hertfordshire, October–December 2018)
and Hertsmere's strategic assessment figures for 2022 against 2021 from seed 002."""

from saferplan.assessments.services import assessment_draft
from saferplan.crimedata import services
from saferplan.crimedata.periods import Period
from saferplan.crimedata.police_uk import archive_files
from saferplan.crimedata.sample import SAMPLE_ZIP

ASSESSMENT = "Hertfordshire Strategic Assessment 2022"
# Seed 002's crime table runs from its heading to the note under it.
TABLE_FROM = "Hertsmere crime figures for January – December 2022"
TABLE_END = "See crime glossary"


def seed_002_table(seed_text: str) -> str:
    """Seed 002's crime table, as an analyst copies it out of the county's report: its
    heading, the decreases and the increases, with the lines between them."""
    start = seed_text.index(TABLE_FROM)
    return seed_text[start : seed_text.index(TABLE_END, start)]


def load(*, analyst, hertsmere, seed_002_text: str) -> None:
    services.police_uk_import(actor=analyst, files=archive_files([SAMPLE_ZIP]))
    # The county's table pasted in, read by the product's own import (comparison_table.py).
    services.comparison_table_import(
        actor=analyst,
        partnership=hertsmere,
        text=seed_002_table(seed_002_text),
        period=Period.parse("2022"),
        against=Period.parse("2021"),
        source=ASSESSMENT,
    )
    # Hertsmere's 2022 strategic assessment, drafted from those figures by the product's own
    # service, as an analyst would (issue 23).
    assessment_draft(
        actor=analyst,
        partnership=hertsmere,
        title="Hertsmere Strategic Assessment 2022",
        period=Period.parse("2022"),
        against=Period.parse("2021"),
    )
