from django.urls import path

from . import views

app_name = "indicators"
measures = "partnerships/<slug:slug>/measures/"
urlpatterns = [
    path(measures, views.measure_list, name="list"),
    path(measures + "add/", views.measure_add, name="add"),
    path(measures + "<int:pk>/", views.measure_detail, name="detail"),
    path(measures + "<int:pk>/edit/", views.measure_edit, name="edit"),
    path(measures + "<int:pk>/delete/", views.measure_delete, name="delete"),
    path(
        measures + "<int:pk>/figures/<int:value_pk>/delete/",
        views.value_delete,
        name="value-delete",
    ),
]
