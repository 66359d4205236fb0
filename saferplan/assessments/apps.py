from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "saferplan.assessments"
    label = "assessments"
    verbose_name = "Strategic assessments"
