"""How much work one plan file may ask of saferplan (docs/adr/0017): a plan is a few hundred
rows and a few thousand paragraphs; a file far bigger is a mistake or an attack, and is
refused with a message naming the file, where, and the limit, before anything is saved.

A Budget goes with one file through its reader and its builder: it counts paragraphs, rows
and cells, refuses a row wider than the column limit, and stops the work when the file has
taken longer than the time limit."""

import time
import zipfile

from django.utils.translation import gettext as _

from .parsed import PlanFileError

MAX_PARAGRAPHS = 25_000  # of a Word document, in its body and its table cells
MAX_ROWS = 10_000  # table rows of a file (all its tables and sheets)
MAX_COLUMNS = 100  # of one row
MAX_CELLS = 250_000  # filled cells of a file
MAX_SECONDS = 20.0  # to read and recognise one file
MAX_UNPACKED_BYTES = 40 * 1024 * 1024  # the XML inside a Word or Excel file, unpacked


class Budget:
    def __init__(self, name: str, *, seconds: float = MAX_SECONDS):
        self.name = name
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds
        self.paragraphs = 0
        self.rows = 0
        self.cells = 0

    def _refuse(self, what: str, where: str = "") -> None:
        message = (
            # Translators: the file's name, where in it (such as "table 2, row 14"), then what
            # is wrong.
            _("%(name)s, %(where)s: %(what)s")
            if where
            # Translators: the file's name, then what is wrong with it.
            else _("%(name)s: %(what)s")
        )
        raise PlanFileError(message % {"name": self.name, "where": where, "what": what})

    def tick(self, where: str = "") -> None:
        """Stop when the file has taken longer than its time."""
        if time.monotonic() > self.deadline:
            self._refuse(
                _(
                    "reading the file took longer than %(seconds)s seconds, the limit for one "
                    "plan file. Split the file, or remove what is not the plan."
                )
                % {"seconds": f"{self.seconds:g}"},
                where,
            )

    def paragraph(self, count: int = 1) -> None:
        self.paragraphs += count
        if self.paragraphs > MAX_PARAGRAPHS:
            self._refuse(
                _(
                    "the file has more than %(limit)s paragraphs, the limit for one plan "
                    "file. Split the file, or remove what is not the plan."
                )
                % {"limit": f"{MAX_PARAGRAPHS:,}"}
            )
        if self.paragraphs % 500 == 0:
            self.tick()

    def row(self, cells: list[str], where: str) -> list[str]:
        """Count a table row; returns it without its empty cells at the end (spreadsheets
        and CSV files often carry empty columns after the last one used)."""
        end = len(cells)
        while end and not cells[end - 1]:
            end -= 1
        if end > MAX_COLUMNS:
            self._refuse(
                _(
                    "a row has %(count)s columns; a plan file can have at most %(limit)s columns. "
                    "Remove the columns that are not the plan's."
                )
                % {"count": f"{end:,}", "limit": MAX_COLUMNS},
                where,
            )
        self.rows += 1
        if self.rows > MAX_ROWS:
            self._refuse(
                _(
                    "the file has more than %(limit)s rows, the limit for one plan file. "
                    "Split the file, or remove the rows that are not the plan's."
                )
                % {"limit": f"{MAX_ROWS:,}"},
                where,
            )
        self.cells += sum(1 for cell in cells[:end] if cell)
        if self.cells > MAX_CELLS:
            self._refuse(
                _(
                    "the file has more than %(limit)s filled cells, the limit for one plan file. "
                    "Split the file."
                )
                % {"limit": f"{MAX_CELLS:,}"},
                where,
            )
        if self.rows % 100 == 0:
            self.tick(where)
        return cells[:end] if end < len(cells) else cells


def check_unpacked(archive: zipfile.ZipFile, name: str) -> None:
    """A Word or Excel file is a zip archive: refuse one whose XML unpacks to more than the
    limit (a few KB can unpack to gigabytes), before reading any of it. The sizes come from
    the archive's directory, and Python's zipfile never unpacks more than they say."""
    unpacked = sum(item.file_size for item in archive.infolist() if item.filename.endswith(".xml"))
    if unpacked > MAX_UNPACKED_BYTES:
        raise PlanFileError(
            _(
                "%(name)s: the XML inside it unpacks to %(size)s MB; a plan file can unpack "
                "to at most %(limit)s MB. Save the plan without what is "
                "not the plan (pictures are not counted), or split it."
            )
            % {
                "name": name,
                "size": f"{unpacked // 1024 // 1024:,}",
                "limit": MAX_UNPACKED_BYTES // 1024 // 1024,
            }
        )
