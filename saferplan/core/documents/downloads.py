"""A file to download, named after its partnership and title: hertsmere-<title>.<kind>."""

from django.http import HttpResponse, StreamingHttpResponse
from django.utils.text import slugify

from saferplan.core.csv_download import CONTENT_TYPE as CSV_CONTENT_TYPE
from saferplan.core.csv_download import attachment_header

CONTENT_TYPES = {
    "csv": CSV_CONTENT_TYPE,
    "json": "application/json; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def file_name(*, kind: str, partnership, title: str, suffix: str = "") -> str:
    """The partnership's slug, then the title's; once only when the title already starts
    with the partnership's name ("Hertsmere Community Safety Action Plan" is
    hertsmere-community-safety-action-plan, not hertsmere-hertsmere-…)."""
    titled = slugify(title)
    if titled != partnership.slug and not titled.startswith(f"{partnership.slug}-"):
        titled = slugify(f"{partnership.slug} {title}")
    return (titled or "document") + suffix + "." + kind


def attachment(content, *, kind: str, partnership, title: str, suffix: str = ""):
    """`content` bytes or text, or an iterator of lines (streamed): a CSV's lines from
    core.csv_download.csv_lines, so that it has the byte order mark and formula-safe cells."""
    name = file_name(kind=kind, partnership=partnership, title=title, suffix=suffix)
    streamed = not isinstance(content, bytes | str)
    response_class = StreamingHttpResponse if streamed else HttpResponse
    response = response_class(content, content_type=CONTENT_TYPES[kind])
    response["Content-Disposition"] = attachment_header(name)
    return response
