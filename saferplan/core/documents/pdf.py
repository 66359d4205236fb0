"""PDF from the pages' own HTML, with WeasyPrint (docs/adr/0005-documents.md).

The documents are tagged (headings, tables and their header cells, reading order), carry
their language (the html element's lang) and title (the title element), as the Public
Sector Bodies Accessibility Regulations ask of downloadable documents; a part in another
language (a paragraph with its own lang) carries that language in its tag."""

from functools import cache

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import pgettext

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


@cache
def _tag_languages() -> None:
    """WeasyPrint (70.0, pinned) tags the structure of a PDF but gives no part of it its own
    language: a paragraph in Arabic would be read with the document's English voice (WCAG 2.2
    3.1.2; PDF technique PDF19, /Lang on the structure element). The function that builds
    each element is wrapped, once per process, so that the element of an HTML element with a
    lang attribute gets it (docs/adr/0031-language-of-parts.md).
    saferplan/public/tests/test_languages_published.py fails if a new WeasyPrint builds its
    tags another way."""
    from weasyprint.pdf import tags

    build = tags._build_box_tree

    def build_with_languages(box, *args):
        element = getattr(box, "element", None)
        own = getattr(box, "element_tag", None) not in (None, "html", "body")
        lang = element.get("lang") if own and element is not None else None
        for structure in build(box, *args):
            if lang and "Lang" not in structure:
                structure["Lang"] = tags.pydyf.String(lang)  # WeasyPrint's own PDF writer
            yield structure

    tags._build_box_tree = build_with_languages


@cache
def _page_numbers(language: str):
    """ "Page 3 of 12" at the foot of each page, in the document's language (the stylesheet's
    own words are English)."""
    from weasyprint import CSS

    words = {"page": pgettext("page numbers", "Page"), "of": pgettext("page numbers", "of")}
    return CSS(
        string='@page { @bottom-right { content: "%(page)s " counter(page) " %(of)s " '
        "counter(pages); } }" % {key: value.replace('"', "") for key, value in words.items()}
    )


def html_to_pdf(html: str) -> bytes:
    # Imported here: WeasyPrint loads Pango at import, which pages that make no PDF need not pay for.
    from weasyprint import HTML

    _tag_languages()
    # A fetcher per document: WeasyPrint's fetcher keeps per-request state.
    document = HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=_url_fetcher())
    stylesheets = [_stylesheet()]
    if translation.get_language() != "en-gb":
        stylesheets.append(_page_numbers(translation.get_language()))
    return document.write_pdf(stylesheets=stylesheets, pdf_tags=True)


def render_pdf(template: str, context: dict) -> bytes:
    return html_to_pdf(render_to_string(template, context))
