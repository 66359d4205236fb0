from django.urls import path, register_converter

from . import views


class ExportKind:
    """The export formats: any other ending is not a page."""

    regex = "csv|json|docx|xlsx|pdf"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(ExportKind, "kind")

app_name = "reports"
urlpatterns = [
    path(
        "partnerships/<slug:slug>/plans/<int:plan_pk>/export.<kind>",
        views.plan_export,
        name="plan-export",
    ),
    path(
        "p/<slug:slug>/plans/<int:plan_pk>/actions.<kind>",
        views.public_plan_export,
        name="public-plan-export",
    ),
]
