from django.urls import path

from .views import assessments as pages
from .views import files, matrix

app_name = "assessments"
assessments = "partnerships/<slug:slug>/assessments/"
urlpatterns = [
    path(assessments, pages.assessment_list, name="list"),
    path(assessments + "draft/", pages.assessment_draft, name="draft"),
    path(assessments + "reviews/<int:plan_pk>/", pages.plan_review, name="plan-review"),
    path(assessments + "<int:pk>/", pages.assessment_detail, name="detail"),
    path(
        assessments + "<int:pk>/findings/<int:finding_pk>/",
        pages.finding_edit,
        name="finding-edit",
    ),
    path(assessments + "<int:pk>/findings/add/", pages.finding_add, name="finding-add"),
    path(assessments + "<int:pk>/risks/add/", pages.risk_add, name="risk-add"),
    path(
        assessments + "<int:pk>/assessment.docx",
        pages.assessment_document,
        {"kind": "docx"},
        name="docx",
    ),
    path(
        assessments + "<int:pk>/assessment.pdf",
        pages.assessment_document,
        {"kind": "pdf"},
        name="pdf",
    ),
    path(assessments + "<int:pk>/agree/", pages.assessment_agree, name="agree"),
    path(assessments + "<int:pk>/publish/", pages.assessment_publish, name="publish"),
    path(assessments + "<int:pk>/withdraw/", pages.assessment_withdraw, name="withdraw"),
    path(
        assessments + "<int:pk>/recommendations/add/",
        pages.recommendation_add,
        name="recommendation-add",
    ),
    path(assessments + "<int:pk>/files/add/", files.file_add, name="file-add"),
    path(
        assessments + "<int:pk>/files/<int:attachment_pk>/",
        files.assessment_file,
        name="file",
    ),
    path(
        assessments + "<int:pk>/files/<int:attachment_pk>/delete/",
        files.file_delete,
        name="file-delete",
    ),
    path(assessments + "<int:pk>/matrix/", matrix.matrix, name="matrix"),
    path(assessments + "<int:pk>/matrix/add/", matrix.candidate_add, name="candidate-add"),
    path(
        assessments + "<int:pk>/matrix/<int:candidate_pk>/",
        matrix.candidate_edit,
        name="candidate-edit",
    ),
    path(
        assessments + "<int:pk>/matrix/<int:candidate_pk>/<slug:criterion>/",
        matrix.score_edit,
        name="score-edit",
    ),
    path(assessments + "<int:pk>/evidence/", matrix.evidence_add, name="evidence-add"),
    path(
        assessments + "<int:pk>/serious-violence-needs/",
        matrix.needs_link,
        name="needs-link",
    ),
]
