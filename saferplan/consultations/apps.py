from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "saferplan.consultations"
    verbose_name = "Consultations"
