"""Reading a downloaded file as a person (or a search) could: every word it holds."""

import io
import re
import zipfile

from pypdf import PdfReader


def readable_text(kind: str, content: bytes) -> str:
    """Everything a reader of the file could find, without spaces (PDF lines may wrap)."""
    if kind in ("docx", "xlsx"):
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            text = " ".join(
                archive.read(name).decode("utf-8", "replace") for name in archive.namelist()
            )
    elif kind == "pdf":
        reader = PdfReader(io.BytesIO(content))
        text = " ".join(page.extract_text() for page in reader.pages) + str(reader.metadata)
    else:
        text = content.decode("utf-8")
    # pypdf gives some runs of WeasyPrint's subset fonts as UTF-16, a NUL before each letter.
    return re.sub(r"[\s\x00]+", "", text)


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content
