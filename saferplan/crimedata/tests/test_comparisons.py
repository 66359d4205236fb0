"""Comparisons of two periods: seed 002's strategic assessment table reproduced from its own
figures, and police.uk figures checked against direct counts of the real files."""

import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from saferplan.crimedata import selectors, services
from saferplan.crimedata.comparisons import ComparisonRow
from saferplan.crimedata.periods import Period
from saferplan.crimedata.police_uk import archive_files
from saferplan.crimedata.sample import SAMPLE_ZIP
from saferplan.demo.crime import ASSESSMENT, seed_002_table

from .files import direct_counts

pytestmark = pytest.mark.django_db

SEED_002 = next((Path(__file__).parents[2] / "demo" / "seeds").glob("002_*.txt"))
LINE = re.compile(
    r"(?P<name>.+?) (?P<count>\d+) (?P<unit>offences|incidents), "
    r"(?:(?P<difference>\d+) (?P<word>less|more) -?[\d.]+%|same as last year)"
)


def seed_table() -> list[str]:
    """The lines of seed 002's crime table, in the order the document prints them."""
    text = SEED_002.read_text(encoding="utf-8")
    start = text.index("Hertsmere crime figures for January – December 2022")
    end = text.index("See crime glossary")
    return [line.strip() for line in text[start:end].splitlines() if LINE.fullmatch(line.strip())]


def test_seed_002s_crime_table_is_reproduced_exactly_from_its_figures(partnership, coordinator):
    lines = seed_table()
    assert len(lines) == 23  # all crime, ASB, 11 decreases, 10 increases

    result = services.comparison_table_import(
        actor=coordinator,
        partnership=partnership,
        text=seed_002_table(SEED_002.read_text(encoding="utf-8")),
        period=Period.parse("2022"),
        against=Period.parse("2021"),
        source=ASSESSMENT,
    )
    comparison = selectors.custom_comparison(
        partnership, Period.parse("2022"), Period.parse("2021")
    )

    assert result.values_written == 46
    assert comparison.sentences() == lines
    assert comparison.sentences()[0] == "All crime 7002 offences, 54 less -0.8%"
    assert comparison.headline == "Hertsmere had an all crime reduction of 0.8% in 2022"
    assert [row.name for row in comparison.top] == ["All crime", "Anti-social behaviour"]
    assert len(comparison.decreases) == 11
    assert len(comparison.increases) == 10
    drug_trafficking = next(r for r in comparison.decreases if r.name == "Drug trafficking")
    assert (drug_trafficking.difference, drug_trafficking.percent_change) == (0, Decimal("0.0"))


def test_percent_change_is_rounded_half_up_to_one_place_and_written_as_the_county_does():
    def row(now, before):
        return ComparisonRow("x", "Theft other", "offences", now, before)

    assert row(1169, 958).sentence() == "Theft other 1169 offences, 211 more 22%"
    assert row(646, 659).sentence() == "Theft other 646 offences, 13 less -2%"
    assert row(5, 0).sentence() == "Theft other 5 offences, 5 more"  # no % change from nothing
    assert row(10, 8).percent_change == Decimal("25.0")
    assert row(1, 8).percent_change == Decimal("-87.5")


def test_a_bad_series_file_names_each_row_and_column_and_writes_nothing(partnership, coordinator):
    content = (
        b"Series,Unit,Period,Value\n"
        b"Assault with injury,offences,2022,646\n"
        b",offences,2022,12\n"
        b"Rape,offences,Jan 2022,34\n"
        b"Robbery,parsecs,2022,67\n"
        b"Hate crime,offences,2022,lots\n"
    )

    with pytest.raises(ValidationError) as raised:
        services.custom_series_import(
            actor=coordinator, partnership=partnership, content=content, file_name="sa.csv"
        )

    assert raised.value.messages == [
        "sa.csv, row 3, column “Series”: the series has no name",
        "sa.csv, row 4, column “Period”: “Jan 2022” is not a month: write it as YYYY-MM, "
        "for example 2018-10",
        "sa.csv, row 5, column “Unit”: “parsecs” is not a unit (offences, incidents, people, "
        "per cent or number)",
        "sa.csv, row 6, column “Value”: “lots” is not a number",
    ]
    assert not partnership.custom_series.exists()


def test_monthly_values_add_up_to_a_period_and_percentages_do_not(partnership, coordinator):
    counts = services.series_create(
        actor=coordinator, partnership=partnership, name="Domestic abuse (crime)"
    )
    survey = services.series_create(
        actor=coordinator, partnership=partnership, name="Feel safe after dark", unit="percent"
    )
    for month, value in (("2022-01", 80), ("2022-02", 70), ("2022-03", 81)):
        services.value_set(
            actor=coordinator, series=counts, period=Period.parse(month), value=Decimal(value)
        )
        services.value_set(
            actor=coordinator, series=survey, period=Period.parse(month), value=Decimal(60)
        )
    quarter = Period.parse("2022-01..2022-03")

    assert selectors.series_value(counts, quarter) == 231
    assert selectors.series_value(survey, quarter) is None  # a percentage is not summed
    assert selectors.series_value(counts, Period.parse("2022-01..2022-04")) is None  # a gap


def test_police_uk_comparison_matches_a_direct_count_of_the_hertsmere_rows(partnership):
    services.police_uk_import(actor=None, files=archive_files([SAMPLE_ZIP]))
    expected = direct_counts("Hertsmere")

    comparison = selectors.police_uk_comparison(
        partnership, Period.parse("2018-12"), Period.parse("2018-11")
    )

    rows = {row.name: row for row in comparison.rows}
    for (month, crime_type), count in expected.items():
        row = rows[crime_type]
        assert (row.current if month == "2018-12" else row.previous) == count or month == "2018-10"
    all_crime = rows["All crime"]
    assert all_crime.current == sum(
        n for (m, t), n in expected.items() if m == "2018-12" and t != "Anti-social behaviour"
    )
    assert [r.name for r in comparison.top] == ["All crime", "Anti-social behaviour"]
    assert comparison.notes == []


def test_a_period_without_imported_months_is_said_plainly(partnership):
    services.police_uk_import(actor=None, files=archive_files([SAMPLE_ZIP]))

    comparison = selectors.police_uk_comparison(
        partnership, Period.parse("2018-10..2018-12"), Period.parse("2017-10..2017-12")
    )

    assert comparison.notes == [
        "No Hertfordshire Constabulary data has been imported for October – December 2017. "
        "No figures or change are given for it."
    ]
    assert comparison.top == []
    assert comparison.increases == []
    assert all(row.previous is None for row in comparison.rows)


def test_the_compare_command_prints_the_table_and_csv_for_machines(partnership, coordinator):
    from io import StringIO

    from django.core.management import call_command

    services.comparison_table_import(
        actor=coordinator,
        partnership=partnership,
        text=seed_002_table(SEED_002.read_text(encoding="utf-8")),
        period=Period.parse("2022"),
        against=Period.parse("2021"),
        source=ASSESSMENT,
    )
    text, sentences, table = StringIO(), StringIO(), StringIO()
    args = ["compare", "--partnership", "hertsmere", "--period", "2022", "--against", "2021"]

    call_command(*args, stdout=text)
    call_command(*args, "--format", "sentences", stdout=sentences)
    call_command(*args, "--format", "csv", stdout=table)

    assert "Hertsmere had an all crime reduction of 0.8% in 2022" in text.getvalue()
    assert re.search(r"Theft other\s+958\s+1169\s+\+211\s+22%", text.getvalue())
    assert sentences.getvalue().splitlines()[-23:] == seed_table()
    assert "Theft other,offences,958,1169,211,22,increase" in table.getvalue()
