from django.urls import path, register_converter

from . import views


class PublishedFormat:
    regex = "pdf|docx"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class SectionName:
    regex = "achievements|glossary|contacts"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(PublishedFormat, "published_format")
register_converter(SectionName, "section")

app_name = "public"
urlpatterns = [
    path("p/<slug:slug>/", views.published_plan, name="plan"),
    path(
        "p/<slug:slug>/plan.<published_format:kind>",
        views.published_plan_document,
        name="plan-document",
    ),
    path("p/<slug:slug>/plans/<int:plan_pk>/", views.published_action_plan, name="action-plan"),
    path("partnerships/<slug:slug>/published-plan/", views.manage, name="manage"),
    path(
        "partnerships/<slug:slug>/published-plan/<section:section>/add/",
        views.item_add,
        name="item-add",
    ),
    path(
        "partnerships/<slug:slug>/published-plan/<section:section>/<int:pk>/",
        views.item_edit,
        name="item-edit",
    ),
    path(
        "partnerships/<slug:slug>/published-plan/<section:section>/<int:pk>/delete/",
        views.item_delete,
        name="item-delete",
    ),
    path(
        "partnerships/<slug:slug>/published-plan/glossary/adopt/",
        views.glossary_adopt,
        name="glossary-adopt",
    ),
]
