from django.urls import path

from . import views

app_name = "duties"
register = "partnerships/<slug:slug>/case-reviews/"
urlpatterns = [
    path(register, views.register, name="register"),
    path(register + "add/", views.case_add, name="case-add"),
    path(register + "access/", views.access, name="access"),
    path(register + "access/<int:pk>/end/", views.access_end, name="access-end"),
    path(register + "timescales/", views.timescales, name="timescales"),
    path(register + "figures/<int:year>/publish/", views.figures_publish, name="figures-publish"),
    path(
        register + "figures/<int:year>/withdraw/", views.figures_withdraw, name="figures-withdraw"
    ),
    path(register + "<int:pk>/", views.case_detail, name="case"),
    path(register + "<int:pk>/threshold/", views.threshold, name="threshold"),
    path(register + "<int:pk>/review/", views.review, name="review"),
    path(
        register + "<int:pk>/recommendations/add/",
        views.recommendation_add,
        name="recommendation-add",
    ),
]
