from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("accounts/notifications/", views.preferences, name="preferences"),
    path(
        "partnerships/<slug:slug>/plans/<int:plan_pk>/board-meetings/",
        views.board_meetings,
        name="board-meetings",
    ),
    path(
        "partnerships/<slug:slug>/board-meetings/<int:pk>/delete/",
        views.board_meeting_delete,
        name="board-meeting-delete",
    ),
]
