from django.conf import settings


def service(request):
    """The service's name, phase and contact, for the base template."""
    return {
        "service_name": settings.SERVICE_NAME,
        "service_phase": settings.SERVICE_PHASE,
        "service_contact_email": settings.SERVICE_CONTACT_EMAIL,
    }
