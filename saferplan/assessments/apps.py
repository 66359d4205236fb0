from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "saferplan.assessments"
    label = "assessments"
    verbose_name = "Strategic assessments"

    def ready(self) -> None:
        from saferplan.attachments.receivers import files_go_with

        from .models import StrategicAssessment

        files_go_with(StrategicAssessment, "files")
