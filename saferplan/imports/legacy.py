"""Older word-processor files (.doc, .odt, .rtf), converted to .docx by LibreOffice when it is
installed on the server (docs/adr/0025-reading-pdf-plans.md), then read as Word documents.

LibreOffice runs headless, without macros, in a profile and folder of its own that are
removed afterwards, with a time limit: the file is a stranger's."""

import shutil
import subprocess
import tempfile
from pathlib import Path

from django.utils.translation import gettext as _

from .parsed import PlanFileError

LEGACY_SUFFIXES = {".doc", ".odt", ".rtf"}
CONVERT_SECONDS = 60


def libreoffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_docx(data: bytes, name: str, suffix: str) -> bytes:
    program = libreoffice()
    if program is None:
        raise PlanFileError(
            # Translators: %(suffix)s is the file's extension, such as ".doc".
            _(
                "%(name)s: saferplan reads Word documents saved as .docx, and this is an older "
                "“%(suffix)s” file. Open it in Word or LibreOffice and save it as a Word Document "
                "(.docx), then upload that. (Where LibreOffice is installed on the server, "
                "saferplan converts these files itself: ask your administrator.)"
            )
            % {"name": name, "suffix": suffix}
        )
    with tempfile.TemporaryDirectory(prefix="saferplan-convert-") as folder:
        work = Path(folder)
        source = work / f"plan{suffix}"
        source.write_bytes(data)
        try:
            subprocess.run(  # noqa: S603 - a fixed program and arguments; the file is ours
                [
                    program,
                    f"-env:UserInstallation={(work / 'profile').as_uri()}",
                    "--headless",
                    "--norestore",
                    "--convert-to",
                    "docx:MS Word 2007 XML",
                    "--outdir",
                    str(work),
                    str(source),
                ],
                check=True,
                capture_output=True,
                timeout=CONVERT_SECONDS,
            )
        except subprocess.TimeoutExpired:
            raise PlanFileError(
                _(
                    "%(name)s: converting the file took longer than %(seconds)s seconds. "
                    "Save it as a Word Document (.docx) and upload that."
                )
                % {"name": name, "seconds": CONVERT_SECONDS}
            ) from None
        except (subprocess.CalledProcessError, OSError):
            raise PlanFileError(_not_converted(name)) from None
        converted = work / "plan.docx"
        if not converted.exists():
            raise PlanFileError(_not_converted(name))
        return converted.read_bytes()


def _not_converted(name: str) -> str:
    return _(
        "%(name)s: LibreOffice could not convert the file; it may be damaged. Save it "
        "as a Word Document (.docx) and upload that."
    ) % {"name": name}
