from django.urls import path

from . import views

app_name = "imports"
urlpatterns = [
    path("<slug:slug>/imports/", views.upload, name="upload"),
    path("<slug:slug>/imports/template.csv", views.template_csv, name="template"),
    path("<slug:slug>/imports/<int:pk>/", views.preview, name="preview"),
    path("<slug:slug>/imports/<int:pk>/keep-apart/", views.keep_apart, name="keep-apart"),
    path("<slug:slug>/imports/<int:pk>/owners/", views.resolve_owner, name="resolve-owner"),
    path("<slug:slug>/imports/<int:pk>/correct/", views.correct, name="correct"),
    path("<slug:slug>/imports/<int:pk>/choices.json", views.mapping, name="mapping"),
    path("<slug:slug>/imports/<int:pk>/confirm/", views.confirm, name="confirm"),
    path("<slug:slug>/imports/<int:pk>/cancel/", views.cancel, name="cancel"),
]
