"""The demo's crime figures: the police.uk sample (Hertfordshire, October–December 2018)
and Hertsmere's strategic assessment figures for 2022 against 2021 from seed 002."""

import re

from saferplan.assessments.services import assessment_draft
from saferplan.crimedata import services
from saferplan.crimedata.periods import Period
from saferplan.crimedata.police_uk import archive_files
from saferplan.crimedata.sample import SAMPLE_ZIP

ASSESSMENT = "Hertfordshire Strategic Assessment 2022"
# "Assault with injury 646 offences, 13 less -2%" / "Drug trafficking 24 offences, same as
# last year": seed 002's crime table, one line a category.
TABLE_LINE = re.compile(
    r"(?P<name>.+?) (?P<count>\d+) (?P<unit>offences|incidents), "
    r"(?:(?P<difference>\d+) (?P<word>less|more) -?[\d.]+%|same as last year)"
)


def strategic_assessment_csv(seed_text: str) -> bytes:
    """Seed 002's crime table as the CSV an analyst would type: each category's figure for
    2022, and for 2021 worked back from the difference."""
    rows = ["Series,Unit,Period,Value,Source"]
    for line in seed_text.splitlines():
        match = TABLE_LINE.fullmatch(line.strip())
        if not match:
            continue
        count = int(match["count"])
        difference = int(match["difference"] or 0) * (-1 if match["word"] == "less" else 1)
        for year, value in (("2022", count), ("2021", count - difference)):
            rows.append(f"{match['name']},{match['unit']},{year},{value},{ASSESSMENT}")
    return ("\n".join(rows) + "\n").encode()


def load(*, analyst, hertsmere, seed_002_text: str) -> None:
    services.police_uk_import(actor=analyst, files=archive_files([SAMPLE_ZIP]))
    services.custom_series_import(
        actor=analyst,
        partnership=hertsmere,
        content=strategic_assessment_csv(seed_002_text),
        file_name="Strategic assessment 2022.csv",
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
