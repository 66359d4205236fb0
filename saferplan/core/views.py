import sys

from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.http import require_GET

from saferplan.accounts.selectors import memberships_for_user


@require_GET
def home(request):
    """Signed in: the user's partnerships. Signed out: what saferplan is, and sign in."""
    if not request.user.is_authenticated:
        return render(request, "core/landing.html")
    return render(
        request, "core/home.html", {"memberships": memberships_for_user(user=request.user)}
    )


@require_GET
def accessibility_statement(request):
    return render(request, "core/accessibility.html")


@require_GET
def healthz(request):
    """For load balancers: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return JsonResponse({"status": "database unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


def csrf_failure(request, reason=""):
    return render(request, "core/csrf_failure.html", status=403)


def permission_denied(request, exception=None):
    message = str(exception) if exception and str(exception) else ""
    return render(request, "403.html", {"message": message}, status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    """The page for an error nobody foresaw, or a database that cannot be reached (503, so
    that a load balancer and the user both know to try again). Rendered without context
    processors: the error may be in them or in the database. Django has already logged the
    exception; the page shows no detail of it."""
    if isinstance(sys.exception(), OperationalError | InterfaceError):
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = "60"
        return response
    return HttpResponse(loader.get_template("500.html").render(), status=500)
