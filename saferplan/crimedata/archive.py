"""Where police.uk's street-level files come from: one file of the archive (ArchiveFile),
wherever it lives; the monthly zip, read within its limits (docs/adr/0015); and the error
every reader of police.uk's files raises, naming the file, the line and the column."""

import io
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import IO

from django.utils.translation import gettext as _

from .limits import limit_setting


class PoliceUkFileError(Exception):
    """A file that is not a police.uk street-level file, or a row of one that is broken."""

    def __init__(self, source: str, message: str, *, line: int | None = None, column: str = ""):
        self.source, self.message, self.line, self.column = source, message, line, column
        where = source
        if line is not None:
            # Translators: where in a police.uk file, as in "2018-10-…-street.csv, line 4".
            where = _("%(where)s, line %(line)s") % {"where": where, "line": line}
        if column:
            # Translators: %(column)s is the file's own column heading, such as Month.
            where = _("%(where)s, column “%(column)s”") % {"where": where, "column": column}
        # Translators: where in a police.uk file, then what is wrong there.
        super().__init__(_("%(where)s: %(message)s") % {"where": where, "message": message})


@dataclass(frozen=True)
class ArchiveFile:
    """One street-level CSV, wherever it lives (on disk, in a zip, uploaded)."""

    source: str  # what a person reads: the path, or archive.zip › 2018-10/…-street.csv
    name: str  # the file's own name
    open: Callable[[], IO[bytes]]


@dataclass(frozen=True)
class ZipLimits:
    """How far a zip's street-level files may unpack (docs/adr/0015): a zip bomb is refused
    before anything is read, by the sizes its directory declares, and a member that unpacks
    to more than it declared is stopped as it is read."""

    unzipped_bytes: int  # all the street-level files together
    ratio: int  # one member's unpacked size against its packed size

    @classmethod
    def from_settings(cls) -> "ZipLimits":
        return cls(
            unzipped_bytes=limit_setting("SAFERPLAN_POLICE_UK_UNZIPPED_MB", 4000) * 1024 * 1024,
            ratio=limit_setting("SAFERPLAN_POLICE_UK_ZIP_RATIO", 20),
        )


def zip_files(stream: IO[bytes], source: str, limits: ZipLimits | None = None) -> list[ArchiveFile]:
    limits = limits or ZipLimits.from_settings()
    try:
        archive = zipfile.ZipFile(stream)
    except zipfile.BadZipFile:
        raise PoliceUkFileError(source, _("this is not a zip file, or it is damaged")) from None
    members = sorted(
        (
            info
            for info in archive.infolist()
            if not info.is_dir() and info.filename.endswith("-street.csv")
        ),
        key=lambda info: info.filename,
    )
    if not members:
        raise PoliceUkFileError(source, _("the zip holds no street-level files (…-street.csv)"))
    total = 0
    for info in members:
        if info.file_size > limits.ratio * max(info.compress_size, 1):
            raise PoliceUkFileError(
                f"{source} › {info.filename}",
                _(
                    "it unpacks to %(times)s times its packed size (%(size)s from %(packed)s); "
                    "the limit is %(limit)s times, and police.uk's files unpack to about 5 "
                    "times. Nothing was read from the zip"
                )
                % {
                    "times": f"{info.file_size / max(info.compress_size, 1):,.0f}",
                    "size": _megabytes(info.file_size),
                    "packed": _megabytes(info.compress_size),
                    "limit": limits.ratio,
                },
            )
        total += info.file_size
        if total > limits.unzipped_bytes:
            raise PoliceUkFileError(
                source,
                # Translators: %(file)s is the name of the file in the zip where the limit passed.
                _(
                    "its street-level files unpack to more than %(limit)s (the limit), passed at "
                    "%(file)s. Import fewer months at a time. Nothing was read from the zip"
                )
                % {"limit": _megabytes(limits.unzipped_bytes), "file": info.filename},
            )
    return [
        ArchiveFile(
            f"{source} › {info.filename}",
            info.filename.rsplit("/", 1)[-1],
            partial(_open_member, archive, info, f"{source} › {info.filename}"),
        )
        for info in members
    ]


def _megabytes(count: int) -> str:
    return f"{count / 1024 / 1024:,.1f} MB"


def _open_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, source: str) -> IO[bytes]:
    return io.BufferedReader(_Bounded(archive.open(info), info.file_size, source))


class _Bounded(io.RawIOBase):
    """A zip member read no further than the size its directory declared. (Python's zipfile
    stops there itself; this keeps the promise whatever reads the zip.)"""

    def __init__(self, raw: IO[bytes], limit: int, source: str):
        self.raw, self.left, self.source = raw, limit, source

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        try:
            data = self.raw.read(len(buffer))
        except (zipfile.BadZipFile, zlib.error, EOFError) as error:
            raise PoliceUkFileError(
                self.source, _("the zip is damaged (%(error)s)") % {"error": error}
            ) from None
        if len(data) > self.left:
            raise PoliceUkFileError(
                self.source, _("it unpacks to more than the size the zip declares for it")
            )
        self.left -= len(data)
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self.raw.close()
        super().close()
