"""The police.uk sample shipped with saferplan (see sample/README.md for its licence)."""

from pathlib import Path

SAMPLE_ZIP = Path(__file__).parent / "sample" / "police-uk-hertfordshire-2018-10-to-2018-12.zip"
SAMPLE_MONTHS = ("2018-10", "2018-11", "2018-12")
