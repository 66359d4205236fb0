from django.urls import path, register_converter

from . import views


class ExportKind:
    """The export formats: any other ending is not a page."""

    regex = "csv|json|docx|xlsx|pdf"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class DocumentKind:
    regex = "docx|pdf"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(ExportKind, "kind")
register_converter(DocumentKind, "document")

app_name = "reports"
urlpatterns = [
    path(
        "partnerships/<slug:slug>/plans/<int:plan_pk>/export.<kind>",
        views.plan_export,
        name="plan-export",
    ),
    path(
        "partnerships/<slug:slug>/plans/<int:plan_pk>/board-reports/",
        views.board_reports,
        name="board-reports",
    ),
    path(
        "partnerships/<slug:slug>/board-reports/<int:pk>/", views.board_report, name="board-report"
    ),
    path(
        "partnerships/<slug:slug>/board-reports/<int:pk>/report.<document:kind>",
        views.board_report_download,
        name="board-report-download",
    ),
    path(
        "partnerships/<slug:slug>/board-reports/<int:pk>/edit/",
        views.board_report_edit,
        name="board-report-edit",
    ),
    path(
        "partnerships/<slug:slug>/board-reports/<int:pk>/issue/",
        views.board_report_issue_view,
        name="board-report-issue",
    ),
    path(
        "p/<slug:slug>/plans/<int:plan_pk>/actions.<kind>",
        views.public_plan_export,
        name="public-plan-export",
    ),
]
