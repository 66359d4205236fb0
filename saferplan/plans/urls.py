from django.urls import path

from . import views

app_name = "plans"
urlpatterns = [
    path("<slug:slug>/plans/", views.plan_list, name="list"),
    path("<slug:slug>/plans/add/", views.plan_add, name="add"),
    path("<slug:slug>/plans/<int:plan_pk>/", views.plan_overview, name="overview"),
    path("<slug:slug>/plans/<int:plan_pk>/edit/", views.plan_edit, name="edit"),
    path("<slug:slug>/plans/<int:plan_pk>/status/", views.plan_transition, name="transition"),
    path("<slug:slug>/plans/<int:plan_pk>/refresh/", views.plan_refresh, name="refresh"),
    path("<slug:slug>/plans/<int:plan_pk>/actions/", views.action_table, name="action-table"),
    path(
        "<slug:slug>/plans/<int:plan_pk>/priorities/add/", views.priority_add, name="priority-add"
    ),
    path(
        "<slug:slug>/plans/<int:plan_pk>/priorities/<int:number>/",
        views.priority_detail,
        name="priority",
    ),
    path(
        "<slug:slug>/plans/<int:plan_pk>/priorities/<int:number>/edit/",
        views.priority_edit,
        name="priority-edit",
    ),
    path(
        "<slug:slug>/plans/<int:plan_pk>/priorities/<int:number>/rag/",
        views.priority_rag,
        name="priority-rag",
    ),
    path(
        "<slug:slug>/plans/<int:plan_pk>/priorities/<int:number>/objectives/add/",
        views.objective_add,
        name="objective-add",
    ),
    path(
        "<slug:slug>/plans/<int:plan_pk>/priorities/<int:number>/actions/add/",
        views.action_add,
        name="action-add",
    ),
    path("<slug:slug>/objectives/<int:pk>/edit/", views.objective_edit, name="objective-edit"),
    path("<slug:slug>/objectives/<int:pk>/rag/", views.objective_rag, name="objective-rag"),
    path("<slug:slug>/actions/<int:pk>/", views.action_detail, name="action"),
    path("<slug:slug>/actions/<int:pk>/edit/", views.action_edit, name="action-edit"),
    path("<slug:slug>/actions/<int:pk>/update/", views.update_add, name="update-add"),
    path("<slug:slug>/updates/<int:pk>/correct/", views.update_correct, name="update-correct"),
    path("<slug:slug>/rag-key/", views.rag_key, name="rag-key"),
]
