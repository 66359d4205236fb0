from django.urls import path

from saferplan.core.converters import register_choices

from . import respond, views
from .models import Section

register_choices("consultation_section", *Section.values)

app_name = "consultations"
manage = "partnerships/<slug:slug>/consultations/"
one = manage + "<int:pk>/"
entered = manage + "entered/<int:pk>/"
public = "p/<slug:slug>/consultations/<int:pk>/"
urlpatterns = [
    path(manage, views.consultation_list, name="list"),
    path(manage + "add/", views.consultation_add, name="add"),
    path(one, views.consultation_detail, name="detail"),
    # A consultation run elsewhere: its results entered from its report.
    path(manage + "entered/add/", views.entered_add, name="entered-add"),
    path(entered, views.entered_detail, name="entered"),
    path(entered + "edit/", views.entered_edit, name="entered-edit"),
    path(entered + "relevance/", views.entered_relevance, name="entered-relevance"),
    path(entered + "delete/", views.entered_delete, name="entered-delete"),
    path(one + "edit/", views.consultation_edit, name="edit"),
    path(one + "results.csv", views.results_csv, name="results-csv"),
    path(one + "results.svg", views.results_chart, name="results-chart"),
    path(one + "themes/", views.themes, name="themes"),
    path(one + "themes/add/", views.theme_add, name="theme-add"),
    path(one + "themes/<int:theme_pk>/", views.theme_detail, name="theme"),
    path(one + "themes/<int:theme_pk>/merge/", views.theme_merge, name="theme-merge"),
    path(one + "themes/<int:theme_pk>/split/", views.theme_split, name="theme-split"),
    path(one + "themes/<int:theme_pk>/delete/", views.theme_delete, name="theme-delete"),
    path(one + "import/", views.import_upload, name="import"),
    path(one + "import/<int:import_pk>/", views.import_preview, name="import-preview"),
    path(one + "answers/", views.answers, name="answers"),
    path(one + "answers/<int:answer_pk>/", views.answer_detail, name="answer"),
    path(one + "answers/<int:answer_pk>/approval/", views.answer_approval, name="answer-approval"),
    # The public form: no sign-in.
    path(public, respond.start, name="respond-start"),
    path(public + "privacy/", respond.privacy, name="respond-privacy"),
    path(public + "contact/", respond.contact, name="respond-contact"),
    path(public + "check/", respond.check, name="respond-check"),
    path(public + "done/", respond.done, name="respond-done"),
    path(public + "<consultation_section:section>/", respond.section, name="respond-section"),
]
