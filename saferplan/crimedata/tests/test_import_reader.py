"""The files of an import are read in a child process beside the one writing to the database
(services/reading.py): the database ends as it would reading them in one process, a broken
row is named as it would be, and a reader that fails or dies stops the import with nothing
saved and no process left behind."""

import multiprocessing
import os

import pytest

from saferplan.crimedata import services
from saferplan.crimedata.models import CrimeCount, ForceMonth, StreetCount
from saferplan.crimedata.police_uk import PoliceUkFileError, StreetFile, archive_files
from saferplan.crimedata.sample import SAMPLE_ZIP
from saferplan.crimedata.services import reading
from saferplan.crimedata.services.imports import RecordLimit

from .files import sample_csv, write_month

pytestmark = pytest.mark.django_db


@pytest.fixture
def processors(monkeypatch):
    """Set the processors the import sees; counts the imports read in a child."""
    children = []
    read_in_child = reading._read_in_child

    def counted(*args):
        children.append(args)
        return read_in_child(*args)

    monkeypatch.setattr(reading, "_read_in_child", counted)

    def given(number: int) -> list:
        monkeypatch.setattr(reading, "_processors", lambda: number)
        return children

    return given


def everything_stored():
    return (
        sorted(ForceMonth.objects.values_list("force", "month", "records", "unlocated", "sha256")),
        sorted(
            StreetCount.objects.values_list(
                "batch__month", "district", "lsoa_code", "category", "location", "longitude",
                "latitude", "count",
            )
        ),
        sorted(CrimeCount.objects.values_list("month", "district", "category", "count")),
    )  # fmt: skip


def test_read_in_a_child_or_in_one_process_the_database_ends_the_same(processors):
    children = processors(2)
    services.police_uk_import(actor=None, files=archive_files([SAMPLE_ZIP]))
    read_beside = everything_stored()
    assert len(children) == 1  # the zip's three months were read in a child

    processors(1)
    services.police_uk_import(actor=None, files=archive_files([SAMPLE_ZIP]))  # replaces them

    assert len(children) == 1  # not in a child this time
    assert everything_stored() == read_beside
    months, street_counts, _ = read_beside
    assert [records for _, _, records, _, _ in months] == [9883, 9175, 8965]
    assert sum(count for *_, count in street_counts) == 9883 + 9175 + 8965


@pytest.mark.parametrize("number", [1, 2])
def test_a_broken_row_is_named_wherever_it_was_read(tmp_path, processors, number):
    children = processors(number)
    lines = sample_csv("2018-11").decode().splitlines(keepends=True)
    lines[700] = lines[700].replace(",2018-11,", ",2018-09,")
    good = write_month(tmp_path, "2018-10")
    broken = write_month(tmp_path, "2018-11", "".join(lines).encode())

    with pytest.raises(PoliceUkFileError) as raised:
        services.police_uk_import(actor=None, files=archive_files([good, broken]))

    error = raised.value
    assert (error.source, error.line, error.column) == (str(broken), 701, "Month")
    assert str(error).startswith(f"{broken}, line 701, column “Month”: “2018-09” is not")
    assert not ForceMonth.objects.exists()
    assert len(children) == number - 1
    assert not multiprocessing.active_children()


def test_a_fault_in_the_reader_is_told_with_its_traceback_and_nothing_is_saved(
    processors, monkeypatch
):
    processors(2)

    def broken_rows(street):
        raise ZeroDivisionError("a fault in the reader")
        yield  # a generator, as rows is

    monkeypatch.setattr(StreetFile, "rows", broken_rows)

    with pytest.raises(RuntimeError) as raised:
        services.police_uk_import(actor=None, files=archive_files([SAMPLE_ZIP]))

    assert "the process reading the police.uk files failed" in str(raised.value)
    assert "ZeroDivisionError: a fault in the reader" in str(raised.value)
    assert not ForceMonth.objects.exists()
    assert not multiprocessing.active_children()


def test_a_reader_that_dies_stops_the_import_and_nothing_is_saved(processors, monkeypatch):
    processors(2)
    read = reading._read

    def dies_after_the_first_file(files, overrides):
        for message in read(files, overrides):
            yield message
            if isinstance(message, reading.End):
                os._exit(3)  # as if killed: no message, no clean-up

    monkeypatch.setattr(reading, "_read", dies_after_the_first_file)

    with pytest.raises(RuntimeError, match=r"stopped \(exit code 3\)"):
        services.police_uk_import(actor=None, files=archive_files([SAMPLE_ZIP]))

    assert not ForceMonth.objects.exists()
    assert not StreetCount.objects.exists()
    assert not multiprocessing.active_children()


def test_an_import_refused_part_way_leaves_no_reader_running(processors):
    """The reader is ahead of the import, reading the next month, when the first is refused."""
    processors(2)
    web = RecordLimit(growth=2, floor=5_000, most=5_000)

    with pytest.raises(PoliceUkFileError, match="9,883 records read and more to come"):
        services.police_uk_import(actor=None, files=archive_files([SAMPLE_ZIP]), limit=web)

    assert not ForceMonth.objects.exists()
    assert not multiprocessing.active_children()
