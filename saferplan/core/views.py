"""The site's own pages that belong to no app (the accessibility statement, the health
check, the error pages). The home page is accounts' (saferplan.accounts.views.home): it is
the signed-in person's partnerships."""

import sys

from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.http import require_GET


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


def _is_api(request) -> bool:
    """An API caller gets errors as JSON, as its schema says, not as a page."""
    return request.path.startswith("/api/")


def permission_denied(request, exception=None):
    message = str(exception) if exception and str(exception) else ""
    if _is_api(request):
        return JsonResponse({"detail": message or "You do not have permission."}, status=403)
    return render(request, "403.html", {"message": message}, status=403)


def page_not_found(request, exception=None):
    if _is_api(request):
        return JsonResponse({"detail": "Not found."}, status=404)
    return render(request, "404.html", status=404)


def server_error(request):
    """The page for an error nobody foresaw, or a database that cannot be reached (503, so
    that a load balancer and the user both know to try again). Rendered without context
    processors: the error may be in them or in the database. Django has already logged the
    exception; the page shows no detail of it."""
    if isinstance(sys.exception(), OperationalError | InterfaceError):
        if _is_api(request):
            response = JsonResponse(
                {"detail": "saferplan cannot reach its database: try again shortly"}, status=503
            )
        else:
            response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = "60"
        return response
    if _is_api(request):
        return JsonResponse({"detail": "Something went wrong in saferplan"}, status=500)
    return HttpResponse(loader.get_template("500.html").render(), status=500)
