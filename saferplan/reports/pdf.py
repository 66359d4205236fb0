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


def html_to_pdf(html: str) -> bytes:
    # Imported here: WeasyPrint loads Pango at import, which pages that make no PDF need not pay for.
    from weasyprint import HTML

    document = HTML(string=html, base_url=str(settings.BASE_DIR))
    return document.write_pdf(stylesheets=[_stylesheet()], pdf_tags=True)


def render_pdf(template: str, context: dict) -> bytes:
    return html_to_pdf(render_to_string(template, context))
