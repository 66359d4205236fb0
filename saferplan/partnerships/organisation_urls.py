from django.urls import path

from . import views

app_name = "organisations"
urlpatterns = [
    path("", views.organisation_directory, name="directory"),
    path("<int:pk>/edit/", views.organisation_edit, name="edit"),
]
