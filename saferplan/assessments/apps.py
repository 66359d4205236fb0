from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "saferplan.assessments"
    label = "assessments"
    verbose_name = "Strategic assessments"

    def ready(self) -> None:
        from saferplan.attachments.receivers import files_go_with
        from saferplan.plans.signals import plan_page_drawn

        from .models import StrategicAssessment
        from .receivers import on_plan_page_drawn

        files_go_with(StrategicAssessment, "files")
        plan_page_drawn.connect(on_plan_page_drawn, dispatch_uid="assessments.plan_page_drawn")
