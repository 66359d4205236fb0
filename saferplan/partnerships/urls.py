from django.urls import path

from saferplan.accounts import views as account_views

from . import pcc_views, views

app_name = "partnerships"
urlpatterns = [
    path("<slug:slug>/", views.partnership_detail, name="detail"),
    path("<slug:slug>/structure/", views.structure, name="structure"),
    path("<slug:slug>/groups/add/", views.group_add, name="group-add"),
    path("<slug:slug>/groups/<int:pk>/edit/", views.group_edit, name="group-edit"),
    path("<slug:slug>/groups/<int:pk>/delete/", views.group_delete, name="group-delete"),
    path("<slug:slug>/organisations/add/", views.organisation_add, name="organisation-add"),
    path(
        "<slug:slug>/organisations/<int:pk>/remove/",
        views.organisation_remove,
        name="organisation-remove",
    ),
    path("<slug:slug>/people/", account_views.member_list, name="members"),
    path("<slug:slug>/people/add/", account_views.member_add, name="member-add"),
    path("<slug:slug>/people/<int:pk>/change/", account_views.member_change, name="member-change"),
    path("<slug:slug>/people/<int:pk>/remove/", account_views.member_remove, name="member-remove"),
    path("<slug:slug>/audit-log/", views.audit_log, name="audit-log"),
    path("<slug:slug>/police-and-crime-plan/", pcc_views.pcc_plans, name="pcc-plans"),
    path("<slug:slug>/police-and-crime-plan/add/", pcc_views.pcc_plan_add, name="pcc-plan-add"),
    path(
        "<slug:slug>/police-and-crime-plan/<int:pk>/edit/",
        pcc_views.pcc_plan_edit,
        name="pcc-plan-edit",
    ),
    path(
        "<slug:slug>/police-and-crime-plan/<int:pk>/priorities/add/",
        pcc_views.pcc_priority_add,
        name="pcc-priority-add",
    ),
    path(
        "<slug:slug>/police-and-crime-plan/<int:pk>/priorities/<int:priority_pk>/edit/",
        pcc_views.pcc_priority_edit,
        name="pcc-priority-edit",
    ),
    path(
        "<slug:slug>/police-and-crime-plan/<int:pk>/priorities/<int:priority_pk>/delete/",
        pcc_views.pcc_priority_delete,
        name="pcc-priority-delete",
    ),
]
