from django.urls import path

from . import views

app_name = "meetings"
urlpatterns = [
    path("<slug:slug>/meetings/", views.meeting_list, name="list"),
    path("<slug:slug>/meetings/add/", views.meeting_add, name="add"),
    path("<slug:slug>/meetings/<int:pk>/", views.meeting_detail, name="detail"),
    path("<slug:slug>/meetings/<int:pk>/edit/", views.meeting_edit, name="edit"),
    path("<slug:slug>/meetings/<int:pk>/delete/", views.meeting_delete, name="delete"),
    path("<slug:slug>/meetings/<int:pk>/attendance/", views.attendance, name="attendance"),
    path("<slug:slug>/meetings/<int:pk>/agenda/draft/", views.agenda_draft, name="agenda-draft"),
    path(
        "<slug:slug>/meetings/<int:pk>/agenda/add/", views.agenda_item_add, name="agenda-item-add"
    ),
    path(
        "<slug:slug>/meetings/<int:pk>/agenda/<int:item_pk>/delete/",
        views.agenda_item_delete,
        name="agenda-item-delete",
    ),
    path("<slug:slug>/meetings/<int:pk>/minutes/", views.minutes, name="minutes"),
    path("<slug:slug>/meetings/<int:pk>/decisions/add/", views.decision_add, name="decision-add"),
    path(
        "<slug:slug>/meetings/<int:pk>/decisions/<int:decision_pk>/delete/",
        views.decision_delete,
        name="decision-delete",
    ),
    path(
        "<slug:slug>/meetings/<int:pk>/documents/<slug:papers>/<slug:kind>/",
        views.papers,
        name="papers",
    ),
    path("<slug:slug>/meetings/<int:pk>/papers/add/", views.paper_add, name="paper-add"),
    path(
        "<slug:slug>/meetings/<int:pk>/papers/<int:attachment_pk>/",
        views.paper_file,
        name="paper-file",
    ),
    path(
        "<slug:slug>/meetings/<int:pk>/papers/<int:attachment_pk>/delete/",
        views.paper_delete,
        name="paper-delete",
    ),
]
