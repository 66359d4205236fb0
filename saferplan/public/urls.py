from django.urls import path

from saferplan.core.converters import register_choices

from . import manage_views, views

register_choices("published_format", "pdf", "docx")
register_choices("section", *manage_views.SECTIONS)

app_name = "public"
urlpatterns = [
    path("p/<slug:slug>/", views.published_plan, name="plan"),
    path(
        "p/<slug:slug>/plan.<published_format:kind>",
        views.published_plan_document,
        name="plan-document",
    ),
    path(
        "p/<slug:slug>/strategic-assessment.csv",
        views.published_assessment_csv,
        name="assessment-csv",
    ),
    path("p/<slug:slug>/plans/<int:plan_pk>/", views.published_action_plan, name="action-plan"),
    path("p/<slug:slug>/foreword-photo/", views.foreword_photo, name="foreword-photo"),
    path("partnerships/<slug:slug>/published-plan/", manage_views.manage, name="manage"),
    path(
        "partnerships/<slug:slug>/published-plan/<section:section>/add/",
        manage_views.item_add,
        name="item-add",
    ),
    path(
        "partnerships/<slug:slug>/published-plan/<section:section>/<int:pk>/",
        manage_views.item_edit,
        name="item-edit",
    ),
    path(
        "partnerships/<slug:slug>/published-plan/<section:section>/<int:pk>/delete/",
        manage_views.item_delete,
        name="item-delete",
    ),
    path(
        "partnerships/<slug:slug>/published-plan/sections/", manage_views.sections, name="sections"
    ),
    path("partnerships/<slug:slug>/published-plan/welsh/", manage_views.welsh_texts, name="welsh"),
    path(
        "partnerships/<slug:slug>/published-plan/glossary/adopt/",
        manage_views.glossary_adopt,
        name="glossary-adopt",
    ),
]
