"""PDF from the pages' own HTML, with WeasyPrint (docs/adr/0005-documents.md).

The documents are tagged (headings, tables and their header cells, reading order), carry
their language (the html element's lang) and title (the title element), as the Public
Sector Bodies Accessibility Regulations ask of downloadable documents."""

from functools import cache

from django.conf import settings
from django.template.loader import render_to_string

PRINT_CSS = settings.BASE_DIR / "static" / "css" / "print-documents.css"


@cache
def _stylesheet():
    from weasyprint import CSS

    # Parsed once per process: every PDF uses the same stylesheet.
    return CSS(filename=str(PRINT_CSS))


def _url_fetcher():
    """WeasyPrint would fetch any URL a document names (http://, file:///etc/…): a PDF made
    from partnership text must never reach the network or read the server's files, even if a
    template one day let markup through. Only data: URLs (the charts and maps saferplan draws)
    and files under saferplan's own static folder are loaded; anything else is refused."""
    from weasyprint.urls import URLFetcher

    own = settings.BASE_DIR.joinpath("static").resolve().as_uri() + "/"

    class OwnFilesOnly(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:") or (
                url.startswith(own) and ".." not in url.removeprefix(own)
            ):
                return super().fetch(url, headers)
            raise ValueError(f"saferplan's documents load nothing from {url[:80]}")

    return OwnFilesOnly(allowed_protocols=("data", "file"), allow_redirects=False)


def html_to_pdf(html: str) -> bytes:
    # Imported here: WeasyPrint loads Pango at import, which pages that make no PDF need not pay for.
    from weasyprint import HTML

    # A fetcher per document: WeasyPrint's fetcher keeps per-request state.
    document = HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=_url_fetcher())
    return document.write_pdf(stylesheets=[_stylesheet()], pdf_tags=True)


def render_pdf(template: str, context: dict) -> bytes:
    return html_to_pdf(render_to_string(template, context))
