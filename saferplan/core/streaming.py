"""Pages that show a long job's progress as it happens, in plain HTML (no JavaScript): the
page is sent in three parts, with progress lines after the first and the outcome after the
second. Templates mark the places with <!-- progress --> and <!-- result -->."""

from collections.abc import Generator, Iterator

from django.http import StreamingHttpResponse
from django.template.loader import render_to_string
from django.utils.html import format_html


def progress_page(
    request, template: str, context: dict, job: Generator[str, None, str]
) -> StreamingHttpResponse:
    """Stream `template` with each progress line `job` yields at <!-- progress --> as it
    comes, then the outcome the job returns (its success panel or failure_summary) at
    <!-- result -->."""
    page = render_to_string(template, context, request)
    top, rest = page.split("<!-- progress -->")
    middle, bottom = rest.split("<!-- result -->")

    def parts() -> Iterator[str]:
        yield top
        outcome = yield from job
        yield middle
        yield outcome
        yield bottom

    return StreamingHttpResponse(parts(), content_type="text/html; charset=utf-8")


def failure_summary(message: str) -> str:
    """The error summary that ends a job which failed and saved nothing."""
    return format_html(
        '<div class="govuk-error-summary" data-module="govuk-error-summary"><div role="alert">'
        '<h2 class="govuk-error-summary__title">The import failed and nothing was saved</h2>'
        '<div class="govuk-error-summary__body"><p class="govuk-body">{}</p></div></div></div>',
        message,
    )
