from django.urls import path
from drf_spectacular.views import SpectacularJSONAPIView

from . import pages
from .views import actions, data, plans

app_name = "api"
urlpatterns = [
    path("", plans.ApiRoot.as_view(), name="root"),
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="openapi"),
    path("docs/", pages.documentation, name="docs"),
    path("partnerships/", plans.PartnershipList.as_view(), name="partnerships"),
    path("partnerships/<slug:slug>/", plans.PartnershipDetail.as_view(), name="partnership"),
    path(
        "partnerships/<slug:slug>/plans/",
        plans.PartnershipPlanList.as_view(),
        name="partnership-plans",
    ),
    path("partnerships/<slug:slug>/measures/", data.MeasureList.as_view(), name="measures"),
    path(
        "partnerships/<slug:slug>/crime/comparison/",
        data.CrimeComparison.as_view(),
        name="crime-comparison",
    ),
    path(
        "partnerships/<slug:slug>/assessments/",
        data.AssessmentList.as_view(),
        name="assessments",
    ),
    path("plans/<int:plan_id>/", plans.PlanDetail.as_view(), name="plan"),
    path("plans/<int:plan_id>/priorities/", plans.PriorityList.as_view(), name="plan-priorities"),
    path("plans/<int:plan_id>/objectives/", plans.ObjectiveList.as_view(), name="plan-objectives"),
    path("plans/<int:plan_id>/actions/", actions.ActionList.as_view(), name="plan-actions"),
    path("actions/<int:action_id>/", actions.ActionDetail.as_view(), name="action"),
    path(
        "actions/<int:action_id>/updates/", actions.ActionUpdates.as_view(), name="action-updates"
    ),
    path(
        "actions/<int:action_id>/updates/<int:update_id>/files/<int:file_id>/",
        actions.UpdateFile.as_view(),
        name="update-file",
    ),
    path("actions/<int:action_id>/rag/", actions.ActionRag.as_view(), name="action-rag-history"),
]
