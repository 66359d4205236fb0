from django.urls import path

from . import views

app_name = "assessments"
assessments = "partnerships/<slug:slug>/assessments/"
urlpatterns = [
    path(assessments, views.assessment_list, name="list"),
    path(assessments + "draft/", views.assessment_draft, name="draft"),
    path(assessments + "<int:pk>/", views.assessment_detail, name="detail"),
    path(
        assessments + "<int:pk>/findings/<int:finding_pk>/",
        views.finding_edit,
        name="finding-edit",
    ),
    path(assessments + "<int:pk>/risks/add/", views.risk_add, name="risk-add"),
    path(assessments + "<int:pk>/agree/", views.assessment_agree, name="agree"),
]
