from django.urls import path
from drf_spectacular.views import SpectacularJSONAPIView

from . import pages, views

app_name = "api"
urlpatterns = [
    path("", views.ApiRoot.as_view(), name="root"),
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="openapi"),
    path("docs/", pages.documentation, name="docs"),
    path("partnerships/", views.PartnershipList.as_view(), name="partnerships"),
    path("partnerships/<slug:slug>/", views.PartnershipDetail.as_view(), name="partnership"),
    path(
        "partnerships/<slug:slug>/plans/",
        views.PartnershipPlanList.as_view(),
        name="partnership-plans",
    ),
    path("partnerships/<slug:slug>/measures/", views.MeasureList.as_view(), name="measures"),
    path(
        "partnerships/<slug:slug>/crime/comparison/",
        views.CrimeComparison.as_view(),
        name="crime-comparison",
    ),
    path("plans/<int:plan_id>/", views.PlanDetail.as_view(), name="plan"),
    path("plans/<int:plan_id>/priorities/", views.PriorityList.as_view(), name="plan-priorities"),
    path("plans/<int:plan_id>/objectives/", views.ObjectiveList.as_view(), name="plan-objectives"),
    path("plans/<int:plan_id>/actions/", views.ActionList.as_view(), name="plan-actions"),
    path("actions/<int:action_id>/", views.ActionDetail.as_view(), name="action"),
    path("actions/<int:action_id>/updates/", views.ActionUpdates.as_view(), name="action-updates"),
    path("actions/<int:action_id>/rag/", views.ActionRag.as_view(), name="action-rag-history"),
]
