"""core's pages. The root URL configuration (saferplan/urls.py) names them core:… together
with the home page, which accounts draws: core imports no app."""

from django.urls import path

from . import views

urlpatterns = [
    path("accessibility/", views.accessibility_statement, name="accessibility"),
    path("healthz", views.healthz, name="healthz"),
]
