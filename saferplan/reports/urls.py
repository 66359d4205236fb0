from django.urls import path

from saferplan.core.converters import register_choices

from . import views

# The export formats, and the board report's documents: any other ending is not a page.
register_choices("kind", "csv", "json", "docx", "xlsx", "pdf")
register_choices("document", "docx", "pdf")

app_name = "reports"
urlpatterns = [
    path(
        "partnerships/<slug:slug>/plans/<int:plan_pk>/export.<kind>",
        views.plan_export,
        name="plan-export",
    ),
    path(
        "partnerships/<slug:slug>/plans/<int:plan_pk>/documents/",
        views.plan_document_prepare,
        name="plan-document-prepare",
    ),
    path(
        "partnerships/<slug:slug>/plans/<int:plan_pk>/board-reports/",
        views.board_reports,
        name="board-reports",
    ),
    path(
        "partnerships/<slug:slug>/board-reports/",
        views.partnership_board_reports,
        name="partnership-board-reports",
    ),
    path(
        "partnerships/<slug:slug>/board-reports/latest/",
        views.board_report_latest,
        name="board-report-latest",
    ),
    path(
        "partnerships/<slug:slug>/board-reports/<int:pk>/", views.board_report, name="board-report"
    ),
    path(
        "partnerships/<slug:slug>/board-reports/<int:pk>/chart.svg",
        views.board_report_chart,
        name="board-report-chart",
    ),
    path(
        "partnerships/<slug:slug>/board-reports/<int:pk>/report.<document:kind>",
        views.board_report_download,
        name="board-report-download",
    ),
    path(
        "partnerships/<slug:slug>/board-reports/<int:pk>/prepare/",
        views.board_report_prepare,
        name="board-report-prepare",
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
