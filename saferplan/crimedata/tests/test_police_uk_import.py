"""Importing police.uk's street-level archive, checked against direct counts of the real
Hertfordshire files (October–December 2018)."""

import zipfile
from collections import Counter
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Sum

from saferplan.core.models import AuditEvent
from saferplan.crimedata import services
from saferplan.crimedata.categories import Category
from saferplan.crimedata.models import CrimeCount, ForceMonth, Lsoa, StreetCount
from saferplan.crimedata.police_uk import PoliceUkFileError, archive_files
from saferplan.crimedata.sample import SAMPLE_ZIP

from .files import direct_counts, sample_csv, write_month

pytestmark = pytest.mark.django_db

LABEL_TO_CATEGORY = {label: value for value, label in Category.choices}


def import_paths(*paths):
    return services.police_uk_import(actor=None, files=archive_files(paths))


def district_counts(district: str) -> Counter:
    """(month, crime type) → count, as saferplan has them."""
    rows = CrimeCount.objects.filter(district=district).values_list("month", "category", "count")
    counts: Counter = Counter()
    for month, category, count in rows:
        counts[f"{month:%Y-%m}", Category(category).label] += count
    return counts


def database_state():
    return (
        list(ForceMonth.objects.values_list("force", "month", "records", "sha256")),
        StreetCount.objects.aggregate(n=Sum("count"))["n"],
        sorted(CrimeCount.objects.values_list("district", "month", "category", "count")),
    )


def test_the_sample_zip_imports_every_record_and_each_district_matches_a_direct_count():
    result = import_paths(SAMPLE_ZIP)

    assert [f"{fm.month:%Y-%m}" for fm in result.force_months] == ["2018-10", "2018-11", "2018-12"]
    assert result.records == 9883 + 9175 + 8965  # the files' lines less their headers
    for district in ("Hertsmere", "Dacorum", "Three Rivers", "East Hertfordshire"):
        expected = direct_counts(district)
        assert district_counts(district) == expected, district
        assert sum(expected.values()) > 1500
    hertsmere = direct_counts("Hertsmere")
    assert (
        hertsmere["2018-10", "Anti-social behaviour"]
        == StreetCount.objects.filter(
            district="Hertsmere", month=date(2018, 10, 1), category=Category.ANTI_SOCIAL_BEHAVIOUR
        ).aggregate(n=Sum("count"))["n"]
    )
    # Rows with no LSOA are kept, counted, and in no district.
    assert result.unlocated == sum(fm.unlocated for fm in ForceMonth.objects.all()) > 0
    assert Lsoa.objects.get(code="E01023576").name == "Hertsmere 001A"
    assert Lsoa.objects.get(code="E01023576").district == "Hertsmere"
    assert (
        ForceMonth.objects.get(month=date(2018, 10, 1)).force_name == "Hertfordshire Constabulary"
    )


def test_importing_again_replaces_the_month_and_never_counts_twice(tmp_path):
    import_paths(SAMPLE_ZIP)
    before = database_state()

    result = import_paths(SAMPLE_ZIP)

    assert database_state() == before
    assert len(result.replaced) == 3
    assert AuditEvent.objects.filter(object_type="crimedata.forcemonth").count() == 6


def test_a_revised_month_replaces_the_records_it_had(tmp_path):
    import_paths(SAMPLE_ZIP)
    lines = sample_csv("2018-11").decode().splitlines(keepends=True)
    hertsmere = [i for i, line in enumerate(lines) if ",Hertsmere 0" in line][:10]
    revised = "".join(line for i, line in enumerate(lines) if i not in hertsmere)

    import_paths(write_month(tmp_path, "2018-11", revised.encode()))

    expected = direct_counts("Hertsmere")
    total = sum(n for (month, _), n in expected.items() if month == "2018-11")
    assert sum(n for (m, _), n in district_counts("Hertsmere").items() if m == "2018-11") == (
        total - 10
    )
    assert ForceMonth.objects.get(month=date(2018, 11, 1)).records == 9175 - 10


@pytest.mark.parametrize(
    ("line", "change", "column", "message"),
    [
        (
            500,
            lambda cells: cells.__setitem__(9, "Jaywalking"),
            "Crime type",
            "“Jaywalking” is not",
        ),
        (501, lambda cells: cells.__setitem__(1, "2018-09"), "Month", "not this file's month"),
        (502, lambda cells: cells.__setitem__(4, "west-ish"), "Longitude", "not a longitude"),
        (503, lambda cells: cells.__setitem__(7, "Hertsmere"), "LSOA code", "not an LSOA code"),
        (504, lambda cells: cells.pop(), "", "has 11 cells where the header has 12"),
    ],
)
def test_a_broken_row_is_named_and_nothing_is_imported(tmp_path, line, change, column, message):
    import_paths(write_month(tmp_path, "2018-10"))
    before = database_state()
    lines = sample_csv("2018-12").decode().splitlines(keepends=True)
    cells = lines[line - 1].rstrip("\r\n").split(",")
    change(cells)
    lines[line - 1] = ",".join(cells) + "\n"
    good = write_month(tmp_path, "2018-11")
    broken = write_month(tmp_path, "2018-12", "".join(lines).encode())

    with pytest.raises(PoliceUkFileError) as raised:
        import_paths(good, broken)

    error = raised.value
    assert (error.source, error.line, error.column) == (str(broken), line, column)
    assert message in str(error)
    assert str(error).startswith(f"{broken}, line {line}")
    assert database_state() == before  # the good file before it is not kept either


def test_files_that_are_not_street_level_files_are_refused_by_name(tmp_path):
    other = tmp_path / "2018-10-hertfordshire-outcomes.csv"
    other.write_text("Crime ID,Month,Outcome type\n1,2018-10,Unable to prosecute\n")
    latin = write_month(
        tmp_path, "2018-11", "Month,Crime type\n2018-11,Caf\xe9\n".encode("latin-1")
    )
    broken_zip = tmp_path / "archive.zip"
    broken_zip.write_bytes(b"PK\x03\x04 not really")

    with pytest.raises(PoliceUkFileError, match="has no “Longitude”"):
        import_paths(other)
    with pytest.raises(PoliceUkFileError, match=r", line \d+: the file is not UTF-8 text"):
        import_paths(latin)
    with pytest.raises(PoliceUkFileError, match="not a zip file"):
        import_paths(broken_zip)
    with pytest.raises(PoliceUkFileError, match="no street-level files"):
        import_paths(tmp_path / "empty" if (tmp_path / "empty").mkdir() is None else None)
    assert not ForceMonth.objects.exists()


def test_a_folder_finds_street_files_in_sub_folders_and_passes_over_the_rest(tmp_path):
    with zipfile.ZipFile(SAMPLE_ZIP) as archive:
        archive.extractall(tmp_path)
    (tmp_path / "2018-10" / "2018-10-hertfordshire-outcomes.csv").write_text("not read\n")

    files = archive_files([tmp_path])

    assert [f.name for f in files] == [f"2018-{m}-hertfordshire-street.csv" for m in (10, 11, 12)]


def test_the_command_prints_each_force_month_and_refuses_a_broken_file(tmp_path, capsys):
    call_command("import-police-uk", str(SAMPLE_ZIP))
    out = capsys.readouterr()
    assert "Hertfordshire Constabulary, October 2018: 9,883 records" in out.out
    assert "Imported 28,023 records from 3 file(s)" in out.out
    assert "[3/3]" in out.err

    broken = write_month(tmp_path, "2019-01", b"Month,Longitude\n")
    with pytest.raises(CommandError, match=r"(?s)line 1: .*Nothing was imported"):
        call_command("import-police-uk", str(broken), "--quiet")
