"""The files of an import are read in a child process beside the one writing to the database
(services/reading.py): the database ends as it would reading them in one process, a broken
row is named as it would be, and a reader that fails or dies stops the import with nothing
saved and no process left behind."""

import multiprocessing
import os
import threading
import time
from multiprocessing.context import ForkProcess

import pytest
from django.utils import translation
from django.utils.translation import trans_real

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


@pytest.fixture
def kills(monkeypatch):
    """The readers the import had to kill (a reader should end by itself)."""
    killed = []
    kill = ForkProcess.kill

    def counted(self):
        killed.append(self)
        kill(self)

    monkeypatch.setattr(ForkProcess, "kill", counted)
    return killed


def test_a_reader_ahead_of_a_refused_import_ends_by_itself(processors, kills):
    """Its pipe breaks when the import stops listening: it is not left waiting to be killed
    (nor, were the importing process killed, left holding its database session)."""
    processors(2)
    web = RecordLimit(growth=2, floor=5_000, most=5_000)

    with pytest.raises(PoliceUkFileError):
        services.police_uk_import(actor=None, files=archive_files([SAMPLE_ZIP]), limit=web)

    assert kills == []
    assert not multiprocessing.active_children()


def test_a_translation_lock_held_by_another_thread_at_the_fork_does_not_stop_the_reader(
    tmp_path, processors, monkeypatch
):
    """db_worker's sweeper translates its notes while a job imports: had it the lock of
    Django's translation state as the reader was forked, the reader, translating the message
    of a broken row, would wait for it for ever."""
    processors(2)
    monkeypatch.setattr(reading, "SILENCE_LIMIT", 20)  # without the remedy: a RuntimeError
    lock = trans_real._active._lock
    held, done = threading.Event(), threading.Event()

    def sweeper():
        with lock:
            held.set()
            done.wait()

    start = ForkProcess.start

    def start_while_another_thread_holds_the_lock(self):
        thread = threading.Thread(target=sweeper)
        thread.start()
        held.wait()
        try:
            start(self)
        finally:
            done.set()
            thread.join()

    monkeypatch.setattr(ForkProcess, "start", start_while_another_thread_holds_the_lock)
    lines = sample_csv("2018-10").decode().splitlines(keepends=True)
    lines[300] = lines[300].replace(",2018-10,", ",2018-09,")
    broken = write_month(tmp_path, "2018-10", "".join(lines).encode())

    with translation.override("cy"), pytest.raises(PoliceUkFileError) as raised:
        services.police_uk_import(actor=None, files=archive_files([broken]))

    assert (raised.value.line, raised.value.column) == (301, "Month")
    # The reader translated the message in the import's language.
    assert raised.value.message.startswith("nid “2018-09” yw mis y ffeil hon")
    assert not multiprocessing.active_children()


def open_pipes() -> set[str]:
    found = set()
    for descriptor in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{descriptor}")
        except OSError:
            continue  # the listing's own, closed since
        if target.startswith("pipe:"):
            found.add(f"{descriptor} {target}")
    return found


def test_without_a_process_to_spare_the_files_are_read_here(processors, monkeypatch):
    processors(2)

    def no_memory(self):
        raise OSError(12, "Cannot allocate memory")

    monkeypatch.setattr(ForkProcess, "start", no_memory)
    pipes = open_pipes()

    services.police_uk_import(actor=None, files=archive_files([SAMPLE_ZIP]))

    assert list(ForceMonth.objects.values_list("records", flat=True).order_by("month")) == [
        9883, 9175, 8965
    ]  # fmt: skip
    assert open_pipes() <= pipes  # the ends of the pipe made for the reader were closed


def test_a_reader_silent_for_too_long_is_stopped_and_nothing_is_saved(
    processors, monkeypatch, kills
):
    processors(2)
    monkeypatch.setattr(reading, "SILENCE_LIMIT", 1)
    read = reading._read

    def stuck_after_the_first_file(files, overrides):
        for message in read(files, overrides):
            yield message
            if isinstance(message, reading.End):
                time.sleep(60)

    monkeypatch.setattr(reading, "_read", stuck_after_the_first_file)

    with pytest.raises(RuntimeError, match="sent nothing for 1 seconds"):
        services.police_uk_import(actor=None, files=archive_files([SAMPLE_ZIP]))

    assert len(kills) == 1
    assert not ForceMonth.objects.exists()
    assert not multiprocessing.active_children()
