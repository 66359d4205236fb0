"""The API's pages for people: its documentation (written from the OpenAPI schema itself,
so it cannot drift from it) and each person's API tokens."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST
from drf_spectacular.generators import SchemaGenerator

from saferplan.core.forms import NOT_SAVED, save_form
from saferplan.core.templatetags.saferplan import own_words, own_words_in

from . import services
from .forms import ApiTokenForm
from .permissions import api_token_policy

METHODS = ("get", "post", "put", "patch", "delete")


def _endpoints(schema: dict) -> list[dict]:
    """One entry per path and method, in the schema's order, for the documentation page."""
    endpoints = []
    for path, operations in schema["paths"].items():
        for method in METHODS:
            operation = operations.get(method)
            if operation is None:
                continue
            endpoints.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "tag": (operation.get("tags") or [""])[0],
                    "parameters": [
                        {
                            "name": p["name"],
                            "where": p["in"],
                            "required": p.get("required", False),
                            "description": p.get("description", ""),
                            "choices": _choices(schema, p.get("schema", {})),
                        }
                        for p in operation.get("parameters", [])
                    ],
                    "body": _body_fields(schema, operation),
                    "responses": [
                        (code, response.get("description", ""))
                        for code, response in operation.get("responses", {}).items()
                    ],
                }
            )
    return endpoints


def _body_fields(schema: dict, operation: dict) -> list[dict]:
    content = operation.get("requestBody", {}).get("content", {})
    reference = content.get("application/json", {}).get("schema", {}).get("$ref", "")
    if not reference:
        return []
    component = schema["components"]["schemas"][reference.rsplit("/", 1)[-1]]
    required = set(component.get("required", []))
    return [
        {
            "name": name,
            "required": name in required,
            "description": field.get("description", ""),
            "choices": _choices(schema, field),
            "format": field.get("format", field.get("type", "")),
        }
        for name, field in component.get("properties", {}).items()
    ]


def _choices(schema: dict, field: dict) -> list[str]:
    """A field's allowed values, inline or behind a reference to a shared enum."""
    if "enum" in field:
        return [value for value in field["enum"] if value]
    for option in [field, *field.get("allOf", []), *field.get("oneOf", [])]:
        reference = option.get("$ref", "")
        if reference:
            target = schema["components"]["schemas"][reference.rsplit("/", 1)[-1]]
            return [value for value in target.get("enum", []) if value]
    return []


@require_GET
def documentation(request):
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return render(
        request,
        "api/documentation.html",
        {"endpoints": _endpoints(schema), "version": schema["info"]["version"]},
    )


@login_required
def tokens(request):
    form = ApiTokenForm(request.POST or None)
    made = save_form(
        request, form, lambda data: services.api_token_create(actor=request.user, name=data["name"])
    )
    if made is not NOT_SAVED:
        token, key = made
        # Shown once, on this answer to the POST; only its digest is kept.
        return render(request, "api/token_made.html", {"token": token, "key": key})
    return render(
        request,
        "api/tokens.html",
        {
            "form": form,
            "tokens": api_token_policy.instances_user_has_permission_for(request.user, "view"),
            "token_days": settings.SAFERPLAN_API_TOKEN_DAYS,
        },
    )


@login_required
@require_POST
def token_revoke(request, pk):
    # Another person's token is not found (404), not refused: its existence is not told.
    token = get_object_or_404(
        api_token_policy.instances_user_has_permission_for(request.user, "revoke"), pk=pk
    )
    services.api_token_revoke(actor=request.user, token=token)
    messages.success(
        request,
        own_words_in(
            _("The token “%(name)s” has been revoked: it no longer works."), name=token.name
        ),
    )
    return redirect("api-tokens:list")


@login_required
@require_POST
def token_renew(request, pk):
    token = get_object_or_404(
        api_token_policy.instances_user_has_permission_for(request.user, "renew"), pk=pk
    )
    try:
        services.api_token_renew(actor=request.user, token=token)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        # The name is the owner's words, marked with their language on a Welsh page.
        wording = _("The token “%(name)s” has been renewed: it now works until %(date)s.")
        date = date_format(timezone.localtime(token.expires_at), "j F Y")
        messages.success(
            request,
            mark_safe(  # noqa: S308 - every part escaped
                conditional_escape(wording)
                % {"name": own_words(token.name), "date": conditional_escape(date)}
            ),
        )
    return redirect("api-tokens:list")
