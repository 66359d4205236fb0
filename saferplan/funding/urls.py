from django.urls import path

from . import views

app_name = "funding"
urlpatterns = [
    path("<slug:slug>/funding/", views.grant_list, name="list"),
    path("<slug:slug>/funding/add/", views.grant_add, name="add"),
    path("<slug:slug>/funding/<int:pk>/", views.grant_detail, name="detail"),
    path("<slug:slug>/funding/<int:pk>/edit/", views.grant_edit, name="edit"),
    path("<slug:slug>/funding/<int:pk>/delete/", views.grant_delete, name="delete"),
    path("<slug:slug>/funding/<int:pk>/actions/add/", views.allocation_add, name="allocation-add"),
    path(
        "<slug:slug>/funding/<int:pk>/actions/<int:allocation_pk>/delete/",
        views.allocation_delete,
        name="allocation-delete",
    ),
    path("<slug:slug>/funding/<int:pk>/spend/<slug:quarter>/", views.spend, name="spend"),
    path(
        "<slug:slug>/funding/<int:pk>/returns/<slug:quarter>/<slug:kind>/",
        views.monitoring_return,
        name="return",
    ),
    path("<slug:slug>/funding/<int:pk>/files/add/", views.file_add, name="file-add"),
    path("<slug:slug>/funding/<int:pk>/files/<int:attachment_pk>/", views.grant_file, name="file"),
    path(
        "<slug:slug>/funding/<int:pk>/files/<int:attachment_pk>/delete/",
        views.file_delete,
        name="file-delete",
    ),
]
