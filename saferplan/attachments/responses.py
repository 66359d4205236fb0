"""An attachment sent to a browser, after the page's own permission check."""

import csv

from django.http import FileResponse, Http404, HttpResponse, HttpResponseNotModified

from saferplan.core.csv_download import CONTENT_TYPE, attachment_header, formula_safe


def download(attachment):
    """The attachment as a file to save, after the page's own permission check (which also
    decides whether the person may read an OFFICIAL-SENSITIVE one). Never kept by the browser
    or a proxy: it may be sensitive, and removed at any time. A CSV is given out as every
    CSV saferplan writes, formula-safe (kept as it was sent: files._check_csv)."""
    try:
        opened = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404("The file is missing.") from None
    name = attachment.name
    if attachment.content_type.startswith("text/csv"):
        response = _formula_safe(opened)
        if response is None:  # no spreadsheet may open it: text, for a text editor
            name = f"{name}.txt"
            response = _as_text(attachment)
    else:
        response = FileResponse(opened, content_type=attachment.content_type, as_attachment=True)
    response["Content-Disposition"] = attachment_header(name)
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _formula_safe(opened) -> HttpResponse | None:
    """The CSV given out formula-safe; None when it cannot be (a file kept before the
    upload check refused it: files._check_csv)."""
    with opened:
        text = opened.read().decode("utf-8")  # checked on the way in: UTF-8, at most 10 MB
    try:
        return HttpResponse(formula_safe(text).encode("utf-8"), content_type=CONTENT_TYPE)
    except csv.Error:
        return None


def _as_text(attachment) -> HttpResponse:
    return HttpResponse(attachment.read() or b"", content_type="text/plain; charset=utf-8")


def inline(request, attachment, *, public: bool = False):
    """The attachment shown in the page (an image), or 404 when there is none. Never an
    OFFICIAL-SENSITIVE one to the public. Browsers and proxies must ask again each time (a
    photograph removed or replaced is gone at once), answered "not modified" while the file
    is the same (its digest is its ETag)."""
    if attachment is None or (public and attachment.is_sensitive):
        raise Http404("There is no such file here.")
    etag = f'"{attachment.sha256}"'
    if request.headers.get("If-None-Match") == etag:
        response = HttpResponseNotModified()
    else:
        try:
            opened = attachment.file.open("rb")
        except FileNotFoundError:
            raise Http404("The file is missing.") from None
        response = FileResponse(opened, content_type=attachment.content_type)
        response["Content-Disposition"] = "inline"
    response["ETag"] = etag
    if public:
        response["Cache-Control"] = "public, no-cache"
    return response
