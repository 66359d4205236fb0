"""A county's comparison table pasted in (issue 23, deliverable 7): seed 002's sentences and
real tables of another partnership (Stockton-on-Tees, files/comparison_tables/README.md),
with what a person counts in them by hand."""

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from saferplan.crimedata import selectors, services
from saferplan.crimedata.comparison_table import read_comparison_table
from saferplan.crimedata.models import CustomSeries, CustomValue
from saferplan.crimedata.periods import Period
from saferplan.demo.crime import ASSESSMENT, seed_002_table

from .test_comparisons import SEED_002, seed_table

TABLES = Path(__file__).parent / "files" / "comparison_tables"
YEAR, YEAR_BEFORE = Period.parse("2022"), Period.parse("2021")


def table_text(name: str) -> str:
    """The table as the page gives it, without the file's "# " lines of source and licence."""
    lines = (TABLES / name).read_text(encoding="utf-8").splitlines()
    return "\n".join(line for line in lines if not line.startswith("# "))


def test_seed_002s_table_pasted_as_it_is_gives_every_category_and_passes_over_its_headings():
    table = read_comparison_table(
        seed_002_table(SEED_002.read_text(encoding="utf-8")), period=YEAR, against=YEAR_BEFORE
    )

    assert len(table.rows) == 23  # all crime, ASB, 11 decreases, 10 increases
    # its heading, "Crime decrease" and "Crime increase"
    assert table.passed_over == [1, 17, 19]
    by_name = {row.name: row for row in table.rows}
    assert (by_name["Robbery"].value, by_name["Robbery"].against) == (67, 51)
    assert (by_name["All crime"].value, by_name["All crime"].against) == (7002, 7056)
    assert by_name["Anti-social behaviour"].unit == "incidents"
    assert (by_name["Drug trafficking"].value, by_name["Drug trafficking"].against) == (24, 24)


@pytest.mark.django_db
def test_pasted_seed_002_is_reproduced_exactly_by_the_comparison(partnership, coordinator):
    services.comparison_table_import(
        actor=coordinator,
        partnership=partnership,
        text=seed_002_table(SEED_002.read_text(encoding="utf-8")),
        period=YEAR,
        against=YEAR_BEFORE,
        source=ASSESSMENT,
    )

    comparison = selectors.custom_comparison(partnership, YEAR, YEAR_BEFORE)
    assert comparison.sentences() == seed_table()
    assert set(CustomSeries.objects.values_list("source", flat=True)) == {ASSESSMENT}


def test_stocktons_table_runs_its_header_over_two_lines_and_its_current_period_first():
    """Counted by hand from the page: 11 rows; the current period (April - May 2014/15) first,
    then April - May 2013/14; "-" where there is no percentage (Homicide, 0 against 0)."""
    table = read_comparison_table(
        table_text("stockton_2014_apr_may.txt"),
        period=Period.parse("2014-04..2014-05"),
        against=Period.parse("2013-04..2013-05"),
    )

    assert [(row.name, row.value, row.against) for row in table.rows] == [
        ("Violence against the person", 289, 270),
        ("Homicide", 0, 0),
        ("Violence with injury", 165, 163),
        ("Violence without injury", 124, 107),
        ("Sexual offences", 47, 36),
        ("Rape", 24, 15),
        ("Other Sexual offences", 23, 21),
        ("Robbery", 8, 10),
        ("Business Robbery", 1, 1),
        ("Personal Robbery", 7, 9),
        ("Theft", 940, 1014),
    ]
    assert table.passed_over == [1, 2]


def test_stocktons_year_to_date_table_is_read_by_its_financial_years():
    table = read_comparison_table(
        table_text("stockton_2013_apr_dec.txt"),
        period=Period.parse("2013-04..2013-12"),
        against=Period.parse("2012-04..2012-12"),
    )

    assert [(row.name, row.value, row.against) for row in table.rows] == [
        ("Violence against the person", 1342, 1446),
        ("Violence with injury", 797, 858),
    ]


def test_the_header_decides_which_count_is_which():
    text = "Crime type\t2021/22\t2022/23\tChange\t% change\nBurglary\t389\t412\t23\t5.9%\n"
    later_first = "Crime type 2022/23 2021/22\nBurglary 412 389\n"

    for pasted in (text, later_first):
        (row,) = read_comparison_table(
            pasted, period=Period.parse("2022/23"), against=Period.parse("2021/22")
        ).rows
        assert (row.name, row.value, row.against) == ("Burglary", 412, 389)


def test_each_line_that_cannot_be_read_or_does_not_add_up_is_named():
    text = "\n".join(
        [
            "Robbery 67 offences, 16 more 25%",  # 16 more than 51 is 31.4%
            "Burglary 10 12",  # no header: which count is which?
            "Shoplifting 573 (-13%)",  # one count and a percentage
        ]
    )
    with pytest.raises(ValidationError) as refused:
        read_comparison_table(text, period=YEAR, against=YEAR_BEFORE)

    assert refused.value.messages == [
        "Line 1 (“Robbery 67 offences, 16 more 25%”): 67 against 51 is not a change of 25%",
        "Line 2 (“Burglary 10 12”): which of 10 and 12 is January – December 2022? Start the "
        "table with a header line naming both periods, for example “Category 2021 2022”",
        "Line 3 (“Shoplifting 573 (-13%)”): the figure for January – December 2021 cannot be "
        "worked out from one count and a percentage: give both counts, or the count and the "
        "difference",
    ]


def test_a_changed_count_in_stocktons_table_is_caught_by_its_own_change_column():
    text = table_text("stockton_2014_apr_may.txt").replace(
        "Robbery / 8 / 10 / -2 / -20%", "Robbery / 9 / 10 / -2 / -20%"
    )
    with pytest.raises(ValidationError) as refused:
        read_comparison_table(
            text,
            period=Period.parse("2014-04..2014-05"),
            against=Period.parse("2013-04..2013-05"),
        )

    assert refused.value.messages == [
        "Line 10 (“Robbery / 9 / 10 / -2 / -20%”): 9 against 10 is a difference of -1, not -2"
    ]


@pytest.mark.django_db
def test_a_table_with_a_bad_line_saves_nothing(partnership, coordinator):
    text = seed_002_table(SEED_002.read_text(encoding="utf-8")).replace(
        "Rape 34 offences, 3 less -8.1%", "Rape 34 offences, 3 less -9.1%"
    )
    with pytest.raises(ValidationError):
        services.comparison_table_import(
            actor=coordinator,
            partnership=partnership,
            text=text,
            period=YEAR,
            against=YEAR_BEFORE,
            source=ASSESSMENT,
        )

    assert not CustomSeries.objects.exists()
    assert not CustomValue.objects.exists()


@pytest.mark.django_db
def test_the_page_keeps_what_was_pasted_when_a_line_is_refused(signed_in, member_of, partnership):
    url = reverse("crimedata:comparison-table", args=[partnership.slug])
    client = signed_in(member_of("analyst"))
    pasted = "Crime type 2021 2022\nBurglary 389 412 +30\n"

    refused = client.post(
        url, {"table": pasted, "period": "2022", "against": "", "unit": "offences", "source": "X"}
    )
    saved = client.post(
        url,
        {
            "table": "Crime type 2021 2022\nBurglary 389 412 +23\n",
            "period": "2022",
            "against": "",
            "unit": "offences",
            "source": "County strategic assessment 2022",
        },
        follow=True,
    )

    html = refused.content.decode()
    assert html.count("There is a problem") == 1
    assert "412 against 389 is a difference of 23, not 30" in html
    assert "Burglary 389 412 +30" in html  # still in the box
    assert "saved, each" not in html
    assert (
        "1 category saved, each with its figures for January – December 2022 and "
        "January – December 2021; new series: Burglary." in saved.content.decode()
    )
    assert "Read as headings and passed over: line 1." in saved.content.decode()
    burglary = CustomSeries.objects.get(partnership=partnership, name="Burglary")
    assert sorted(burglary.values.values_list("value", flat=True)) == [389, 412]
