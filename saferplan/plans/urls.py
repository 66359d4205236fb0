from django.urls import path

from .views import actions, my_actions, photo, plans, structure, update_files, updates

app_name = "plans"
urlpatterns = [
    path("<slug:slug>/plans/", plans.plan_list, name="list"),
    path("<slug:slug>/plans/add/", plans.plan_add, name="add"),
    path("<slug:slug>/plans/<int:plan_pk>/", plans.plan_overview, name="overview"),
    path("<slug:slug>/plans/<int:plan_pk>/edit/", plans.plan_edit, name="edit"),
    path(
        "<slug:slug>/plans/<int:plan_pk>/foreword-photo/",
        photo.foreword_photo,
        name="foreword-photo",
    ),
    path(
        "<slug:slug>/plans/<int:plan_pk>/foreword-photo/remove/",
        photo.foreword_photo_remove,
        name="foreword-photo-remove",
    ),
    path(
        "<slug:slug>/plans/<int:plan_pk>/foreword-photo/image/",
        photo.foreword_photo_file,
        name="foreword-photo-file",
    ),
    path("<slug:slug>/plans/<int:plan_pk>/status/", plans.plan_transition, name="transition"),
    path("<slug:slug>/plans/<int:plan_pk>/refresh/", plans.plan_refresh, name="refresh"),
    path(
        "<slug:slug>/plans/<int:plan_pk>/sent-to-commissioner/",
        plans.plan_sent_to_pcc,
        name="sent-to-pcc",
    ),
    path("<slug:slug>/plans/<int:plan_pk>/actions/", plans.action_table, name="action-table"),
    path(
        "<slug:slug>/plans/<int:plan_pk>/priorities/add/",
        structure.priority_add,
        name="priority-add",
    ),
    path(
        "<slug:slug>/plans/<int:plan_pk>/priorities/<int:number>/",
        structure.priority_detail,
        name="priority",
    ),
    path(
        "<slug:slug>/plans/<int:plan_pk>/priorities/<int:number>/edit/",
        structure.priority_edit,
        name="priority-edit",
    ),
    path(
        "<slug:slug>/plans/<int:plan_pk>/priorities/<int:number>/rag/",
        structure.priority_rag,
        name="priority-rag",
    ),
    path(
        "<slug:slug>/plans/<int:plan_pk>/priorities/<int:number>/objectives/add/",
        structure.objective_add,
        name="objective-add",
    ),
    path(
        "<slug:slug>/plans/<int:plan_pk>/priorities/<int:number>/actions/add/",
        actions.action_add,
        name="action-add",
    ),
    path("<slug:slug>/objectives/<int:pk>/edit/", structure.objective_edit, name="objective-edit"),
    path("<slug:slug>/objectives/<int:pk>/rag/", structure.objective_rag, name="objective-rag"),
    path("<slug:slug>/actions/<int:pk>/", actions.action_detail, name="action"),
    path("<slug:slug>/actions/<int:pk>/edit/", actions.action_edit, name="action-edit"),
    path("<slug:slug>/actions/<int:pk>/update/", updates.update_add, name="update-add"),
    path("<slug:slug>/updates/<int:pk>/correct/", updates.update_correct, name="update-correct"),
    path(
        "<slug:slug>/actions/<int:pk>/updates/<int:update_pk>/files/add/",
        update_files.update_file_add,
        name="update-file-add",
    ),
    path(
        "<slug:slug>/actions/<int:pk>/updates/<int:update_pk>/files/<int:attachment_pk>/",
        update_files.update_file,
        name="update-file",
    ),
    path("<slug:slug>/rag-key/", my_actions.rag_key, name="rag-key"),
]
