"""How an import reads its police.uk files: file by file, in order, as messages (Head, Read,
Points, End) that the import turns into database writes.

Reading and checking the rows is half an import's work, and writing the street counts the
other half; neither needs the other's processor. So where the machine has more than one, the
files are read in a child process while the importing process writes what it has been sent
(docs/adr/0037, addendum). The child is forked: it starts at once, with the import's
settings, language and files as they are, and it never touches the database (it has the
district lookups it needs). It is at most a few messages ahead, as a pipe holds little and
the child waits to send, so memory stays bounded however large the files are. The same
reader runs in the importing process where there is one processor."""

import hashlib
import multiprocessing
import os
import signal
import traceback
import warnings
from collections import Counter
from collections.abc import Generator
from dataclasses import dataclass
from datetime import date
from itertools import islice
from pathlib import Path
from typing import IO, Any

from asgiref.local import Local
from django.utils import translation
from django.utils.translation import trans_real

from ..police_uk import ArchiveFile, PoliceUkFileError, Row, StreetFile

FLUSH_POINTS = 50_000  # street counts gathered before they are sent: bounds the memory used
PROGRESS_ROWS = 20_000

# A street count as it is sent to be written: a Row and its number of records.
StreetCountRow = tuple[str, str, str, str, float | None, float | None, int]


@dataclass(frozen=True)
class Head:
    """A file's force and month, read from its name or first row, before its rows."""

    force: str
    month: date
    force_name: str


@dataclass(frozen=True)
class Read:
    """The file's records read so far."""

    records: int


@dataclass(frozen=True)
class Points(Read):
    """Street counts to write, with the file's records read so far."""

    rows: list[StreetCountRow]


@dataclass(frozen=True)
class End(Read):
    """The file read to its end: its records per (district, category), its LSOAs' names and
    the SHA-256 of its bytes."""

    counts: Counter[tuple[str, str]]
    lsoa_names: dict[str, str]
    sha256: str


Message = Head | Read | Points | End


def read_files(
    files: list[ArchiveFile], overrides: dict[str, str]
) -> Generator[Message, None, None]:
    """Every file's messages in order: its Head, Read and Points as it goes, its End last.
    Raises PoliceUkFileError at the first broken file or row. `overrides` are the districts
    of LSOAs set by an ONS lookup, by code."""
    if _processors() > 1:
        return _read_in_child(files, overrides)
    return _read(files, overrides)


def _processors() -> int:
    """The processors this process may use: its CPU affinity (taskset, a cpuset) or, if
    fewer, its CPU quota under cgroup v2 (`docker --cpus`, a Kubernetes CPU limit)."""
    if hasattr(os, "sched_getaffinity"):
        allowed = len(os.sched_getaffinity(0))
    else:
        allowed = os.cpu_count() or 1
    try:
        quota, period = Path("/sys/fs/cgroup/cpu.max").read_text().split()
        return max(1, min(allowed, int(quota) // int(period)))
    except (OSError, ValueError):  # no cgroup v2 here, or "max": no quota
        return allowed


def _read(files: list[ArchiveFile], overrides: dict[str, str]) -> Generator[Message, None, None]:
    for file in files:
        hashing = HashingOpener(file)
        street = StreetFile(
            ArchiveFile(file.source, file.name, hashing.open), district_overrides=overrides
        )
        try:
            yield Head(street.force, street.month, street.force_name)
            records = 0
            points: Counter[Row] = Counter()
            counts: Counter[tuple[str, str]] = Counter()
            rows = street.rows()
            while chunk := list(islice(rows, PROGRESS_ROWS)):
                points.update(chunk)  # Counter counts an iterable in C
                records += len(chunk)
                if len(points) >= FLUSH_POINTS:
                    yield Points(records, _drain(points, counts))
                else:
                    yield Read(records)
            if points:
                yield Points(records, _drain(points, counts))
            yield End(records, counts, street.lsoa_names, hashing.hexdigest())
        finally:
            street.close()


def _drain(points: Counter[Row], counts: Counter[tuple[str, str]]) -> list[StreetCountRow]:
    """The street counts gathered, as rows to write (emptying `points`), added to the
    records per (district, category)."""
    for (district, _, category, *_), count in points.items():
        counts[district, category] += count
    rows = [(*point, count) for point, count in points.items()]
    points.clear()
    return rows


class HashingOpener:
    """Opens an archive file so that what is read through it is hashed on the way (the file
    is read once), to record which file each force-month came from."""

    def __init__(self, file: ArchiveFile):
        self.file = file
        self.stream: _Hashing | None = None

    def open(self):
        self.stream = _Hashing(self.file.open())
        return self.stream

    def hexdigest(self) -> str:
        return self.stream.sha.hexdigest() if self.stream else ""


class _Hashing:
    """Reads through a binary stream, hashing what passes (so a file is read once)."""

    def __init__(self, raw: IO[bytes]):
        self.raw: Any = raw
        self.sha = hashlib.sha256()
        # Asked for on every line read: a plain attribute costs no Python call.
        self.closed = False

    def __getattr__(self, name):
        return getattr(self.raw, name)

    def close(self) -> None:
        self.raw.close()
        self.closed = True

    def read(self, size=-1):
        data = self.raw.read(size)
        self.sha.update(data)
        return data

    def read1(self, size=-1):
        data = self.raw.read1(size) if hasattr(self.raw, "read1") else self.raw.read(size)
        self.sha.update(data)
        return data

    def readinto(self, buffer):
        count = self.raw.readinto(buffer)
        self.sha.update(memoryview(buffer)[:count])
        return count

    def readable(self):
        return True


@dataclass(frozen=True)
class _Failed:
    """A PoliceUkFileError in the child, sent as its parts (an exception's own pickling
    would lose the file, line and column)."""

    source: str
    message: str
    line: int | None
    column: str


@dataclass(frozen=True)
class _Crashed:
    """Anything else that stopped the child: a fault in saferplan, told as its traceback."""

    traceback: str


_FINISHED = "finished"

# How long the import waits for the reader's next message before it gives up on it. A message
# comes every 20,000 rows (a fraction of a second); a reader silent for minutes is stuck.
SILENCE_LIMIT = 300


def _read_in_child(
    files: list[ArchiveFile], overrides: dict[str, str]
) -> Generator[Message, None, None]:
    # Forked, not spawned: a new interpreter would take half a second to set Django up, and
    # could not be given files that live only in this process (an upload, a zip opened here).
    # One child, not one per processor: the importing process, writing, is as busy as it (two
    # readers were slower on two processors), and only one process reads a zip's shared file
    # offset while the import runs.
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    child = context.Process(
        target=_send_all,
        args=(files, overrides, receiving, sending, translation.get_language()),
        name="police.uk reader",
        daemon=True,
    )
    try:
        with warnings.catch_warnings():
            # Python 3.12 on warns of forking a process with threads (db_worker's job
            # heartbeat and sweeper): _send_all says why the child is safe from their locks.
            warnings.filterwarnings(
                "ignore", r".*use of fork\(\) may lead to deadlocks", DeprecationWarning
            )
            child.start()
    except OSError:
        # No memory or processes left for a child: read here, more slowly, rather than fail.
        receiving.close()
        sending.close()
        yield from _read(files, overrides)
        return
    # Each end now held by one process only: a child that dies is an EOFError here, and an
    # import that stops is a BrokenPipeError in the child at its next message.
    sending.close()
    try:
        while True:
            if not receiving.poll(SILENCE_LIMIT):
                child.kill()  # stuck: it would not stop at its next message
                raise RuntimeError(
                    "the process reading the police.uk files sent nothing for "
                    f"{SILENCE_LIMIT} seconds and was stopped"
                )
            try:
                message = receiving.recv()
            except EOFError:
                child.join()
                raise RuntimeError(
                    f"the process reading the police.uk files stopped (exit code {child.exitcode})"
                ) from None
            if isinstance(message, _Failed):
                raise PoliceUkFileError(
                    message.source, message.message, line=message.line, column=message.column
                )
            if isinstance(message, _Crashed):
                raise RuntimeError(
                    f"the process reading the police.uk files failed:\n{message.traceback}"
                )
            if message == _FINISHED:
                return
            yield message
    finally:
        receiving.close()  # a child still sending stops at its next message
        child.join(timeout=5)
        if child.is_alive():
            child.kill()
            child.join()


def _send_all(files, overrides, receiving, sending, language: str | None) -> None:
    """The child: read the files, sending each message as it comes (waiting while the pipe is
    full, so it is never far ahead), then _FINISHED; a failure is sent, not raised."""
    receiving.close()  # the importing process's end: held here too, it would never break
    # The handlers of the process forked from (db_worker's, the command's) are not this one's.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    # The child's only thread is the one that forked. A lock another thread held at that
    # moment stays held here for good: Python renews its own (logging's, the import lock),
    # and the child takes no lock of the database's, Redis's or the job heartbeat's. Django's
    # translation state is behind such a lock (asgiref's Local, taken by db_worker's sweeper
    # as it writes its notes), and the child translates the messages of broken rows: it is
    # made anew, in the language the import had.
    trans_real._active = Local()  # type: ignore[attr-defined]  # private to Django, unstubbed
    if language:
        translation.activate(language)
    try:
        try:
            for message in _read(files, overrides):
                sending.send(message)
            sending.send(_FINISHED)
        except PoliceUkFileError as error:
            sending.send(_Failed(error.source, error.message, error.line, error.column))
        except (BrokenPipeError, ConnectionResetError):
            raise
        except BaseException:
            sending.send(_Crashed(traceback.format_exc()))
    except (BrokenPipeError, ConnectionResetError):
        pass  # the import stopped (a file refused, a record limit passed): nobody is listening
    finally:
        sending.close()
