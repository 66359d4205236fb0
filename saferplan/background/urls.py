from django.urls import path

from . import views

app_name = "background"
urlpatterns = [
    path("partnerships/<slug:slug>/jobs/<int:pk>/", views.job, name="job"),
    path("partnerships/<slug:slug>/jobs/<int:pk>/file", views.job_file, name="job-file"),
]
