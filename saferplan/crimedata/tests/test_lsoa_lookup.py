"""An ONS LSOA → district lookup moves LSOAs whose names no longer say their district (a
merger of councils), for records already imported and for later imports."""

import csv
import io

import pytest
from django.core.management import CommandError, call_command

from saferplan.crimedata import services
from saferplan.crimedata.models import CrimeCount, Lsoa
from saferplan.crimedata.periods import Period
from saferplan.crimedata.police_uk import PoliceUkFileError, archive_files
from saferplan.crimedata.sample import SAMPLE_ZIP
from saferplan.crimedata.selectors import police_uk_comparison
from saferplan.partnerships.tests.factories import PartnershipFactory

from .files import direct_counts, sample_csv

pytestmark = pytest.mark.django_db

MERGED = "South West Hertfordshire"  # a merger made up for the test: the codes are real


def lookup_csv(districts: set[str], merged: str = MERGED) -> bytes:
    """The ONS lookup's layout (LSOA21CD, LSOA21NM, LAD24CD, LAD24NM) for the LSOAs of the
    real sample whose names start with one of the districts."""
    lsoas = {}
    for month in ("2018-10", "2018-11", "2018-12"):
        for row in csv.DictReader(io.StringIO(sample_csv(month).decode())):
            if row["LSOA name"].rsplit(" ", 1)[0] in districts:
                lsoas[row["LSOA code"]] = row["LSOA name"]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["LSOA21CD", "LSOA21NM", "LAD24CD", "LAD24NM", "ObjectId"])
    for number, (code, name) in enumerate(sorted(lsoas.items()), start=1):
        writer.writerow([code, name, "E07999999", merged, number])
    return ("\ufeff" + out.getvalue()).encode()


def all_crime(districts: list[str]) -> int:
    partnership = PartnershipFactory(districts=districts)
    period = Period.parse("2018-10..2018-12")
    row = police_uk_comparison(partnership, period, period.previous()).rows[0]
    return row.current


def direct_all_crime(district: str) -> int:
    return sum(
        n for (_, kind), n in direct_counts(district).items() if kind != "Anti-social behaviour"
    )


def test_a_lookup_moves_records_already_imported_and_those_imported_later():
    services.police_uk_import(actor=None, files=archive_files([SAMPLE_ZIP]))
    expected = direct_all_crime("Three Rivers") + direct_all_crime("Watford")
    before = CrimeCount.objects.filter(district__in=["Three Rivers", "Watford"]).count()

    result = services.lsoa_lookup_import(
        actor=None, content=lookup_csv({"Three Rivers", "Watford"}), source="lookup.csv"
    )

    assert result.districts == sorted([MERGED, "Three Rivers", "Watford"])
    assert all_crime([MERGED]) == expected
    assert not CrimeCount.objects.filter(district__in=["Three Rivers", "Watford"]).exists()
    assert before > 0
    # A later import of the same months follows the lookup, not the LSOA names.
    services.police_uk_import(actor=None, files=archive_files([SAMPLE_ZIP]))
    assert all_crime([MERGED]) == expected
    assert Lsoa.objects.filter(district=MERGED, district_source="lookup").count() == result.lsoas
    assert all_crime(["Hertsmere"]) == direct_all_crime("Hertsmere")  # others untouched


def test_a_broken_lookup_row_is_named_and_changes_nothing(tmp_path):
    services.police_uk_import(actor=None, files=archive_files([SAMPLE_ZIP]))
    content = lookup_csv({"Three Rivers"}).decode("utf-8-sig").splitlines()
    content[3] = "E0102X,Three Rivers 001A,E07999999,South West Hertfordshire,3"
    path = tmp_path / "LSOA21_LAD24_lookup.csv"
    path.write_text("\n".join(content), encoding="utf-8")
    counts = sorted(CrimeCount.objects.values_list("district", "category", "month", "count"))

    with pytest.raises(CommandError) as error:
        call_command("import-lsoa-lookup", str(path))

    assert str(error.value).startswith(
        f"{path}, line 4, column “LSOA21CD”: “E0102X” is not an LSOA code"
    )
    assert "Nothing was changed." in str(error.value)
    assert (
        sorted(CrimeCount.objects.values_list("district", "category", "month", "count")) == counts
    )
    assert not Lsoa.objects.filter(district_source="lookup").exists()


def test_a_file_that_is_not_a_lookup_is_refused_by_name():
    with pytest.raises(PoliceUkFileError, match="this is not an ONS LSOA lookup"):
        services.lsoa_lookup_import(
            actor=None, content=sample_csv("2018-10"), source="2018-10-hertfordshire-street.csv"
        )
