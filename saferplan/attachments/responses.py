"""An attachment sent to a browser, after the page's own permission check."""

from django.http import FileResponse, Http404


def inline(attachment, *, public: bool = False) -> FileResponse:
    """The attachment shown in the page (an image), or 404 when there is none. Never an
    OFFICIAL-SENSITIVE one to the public; `public`: browsers and proxies may keep it."""
    if attachment is None or (public and attachment.is_sensitive):
        raise Http404("There is no such file here.")
    response = FileResponse(attachment.file.open("rb"), content_type=attachment.content_type)
    response["Content-Disposition"] = "inline"
    if public:
        response["Cache-Control"] = "public, max-age=3600"
    return response
