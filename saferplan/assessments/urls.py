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
    path(assessments + "<int:pk>/findings/add/", views.finding_add, name="finding-add"),
    path(assessments + "<int:pk>/risks/add/", views.risk_add, name="risk-add"),
    path(assessments + "<int:pk>/agree/", views.assessment_agree, name="agree"),
    path(assessments + "<int:pk>/matrix/", views.matrix, name="matrix"),
    path(assessments + "<int:pk>/matrix/add/", views.candidate_add, name="candidate-add"),
    path(
        assessments + "<int:pk>/matrix/<int:candidate_pk>/",
        views.candidate_edit,
        name="candidate-edit",
    ),
    path(
        assessments + "<int:pk>/matrix/<int:candidate_pk>/<slug:criterion>/",
        views.score_edit,
        name="score-edit",
    ),
    path(assessments + "<int:pk>/evidence/", views.evidence_add, name="evidence-add"),
]
