from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
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
    """For load balancers: 200 when the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def csrf_failure(request, reason=""):
    return render(request, "core/csrf_failure.html", status=403)


def permission_denied(request, exception=None):
    message = str(exception) if exception and str(exception) else ""
    return render(request, "403.html", {"message": message}, status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processors: the error may be in them or in the database.
    from django.template import loader

    return HttpResponse(loader.get_template("500.html").render(), status=500)
