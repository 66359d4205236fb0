"""Actions, their progress updates and RAG history, and adding an update or a rating."""

import re

from django.core.exceptions import ValidationError
from django.db.models import Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import NotAuthenticated, PermissionDenied
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from saferplan.attachments.responses import download
from saferplan.plans import services as plan_services
from saferplan.plans.filters import ActionFilters
from saferplan.plans.models import ActionStatus, RagRating, Update

from .. import access
from ..serializers import (
    ActionSerializer,
    RagChangeSerializer,
    RagSetSerializer,
    UpdateCreateSerializer,
    UpdateSerializer,
)
from .common import BAD_QUERY, NOT_FOUND, Listed, Pages, raise_as_api_error, write_answers


def _with_progress(actions, *, sensitive: bool):
    """Current RAG and the latest update's date; for the public, of the latest update they
    may read (even the date of an OFFICIAL-SENSITIVE update is not for them)."""
    latest = Update.objects.latest_of_action()
    if not sensitive:
        latest = latest.not_sensitive()
    return (
        actions.with_progress()
        .annotate(latest_update_on=Subquery(latest.values("described_on")[:1]))
        .select_related("priority", "objective")
        .prefetch_related("owner_organisations")
    )


def _action_filters(query) -> ActionFilters:
    """The action plan table's filters from the query string; 400 naming each bad one."""
    filters, errors = ActionFilters(), {}
    if "rag" in query:
        if query["rag"] not in RagRating.values:
            errors["rag"] = _choose_one(RagRating.values)
        filters.rag = query["rag"]
    if "status" in query:
        if query["status"] not in ActionStatus.values:
            errors["status"] = _choose_one(ActionStatus.values)
        filters.status = query["status"]
    if "priority" in query:
        # ASCII digits only: str.isdigit() also accepts "²", which int() refuses.
        if not re.fullmatch(r"[0-9]{1,9}", query["priority"]):
            errors["priority"] = _("Give the priority's number in digits 0-9, for example 2")
        else:
            filters.priority = int(query["priority"])
    if errors:
        raise ApiValidationError(errors)
    return filters


def _choose_one(values: list[str]) -> str:
    # Translators: %(values)s are the API's own codes, such as "red, amber, green": keep them.
    return _("Choose one of %(values)s") % {"values": ", ".join(values)}


@extend_schema(
    tags=["actions"],
    summary="A plan's actions, in plan order",
    parameters=[
        OpenApiParameter("rag", str, enum=RagRating.values, description="Only actions rated so"),
        OpenApiParameter(
            "status", str, enum=ActionStatus.values, description="Only actions with this status"
        ),
        OpenApiParameter(
            "priority",
            # the digits the filter reads (_action_filters): 0 to 999,999,999
            {"type": "integer", "minimum": 0, "maximum": 999_999_999},
            description="Only the actions of this priority number",
        ),
    ],
    responses={200: ActionSerializer(many=True), 400: BAD_QUERY, 404: NOT_FOUND},
)
class ActionList(Listed):
    serializer_class = ActionSerializer

    def get_queryset(self):
        user = self.request.user
        plan = access.plan(user, self.kwargs["plan_id"])
        actions = _with_progress(
            access.actions(user, plan), sensitive=access.sees_sensitive(user, plan)
        )
        return actions.matching(_action_filters(self.request.query_params)).in_plan_order()


@extend_schema(
    tags=["actions"], summary="One action", responses={200: ActionSerializer, 404: NOT_FOUND}
)
class ActionDetail(APIView):
    def get(self, request, action_id):
        action, member = access.action(request.user, action_id)
        shaped = _with_progress(type(action).objects.filter(pk=action.pk), sensitive=member).get()
        return Response(ActionSerializer(shaped, context={"request": request}).data)


class ActionUpdates(generics.ListCreateAPIView):
    """An action's progress updates (newest first), and adding one."""

    pagination_class = Pages

    def get_serializer_class(self):
        return UpdateCreateSerializer if self.request.method == "POST" else UpdateSerializer

    def get_queryset(self):
        action, member = access.action(self.request.user, self.kwargs["action_id"])
        self.read_as_public = not member
        updates = Update.objects.filter(action=action).current().prefetch_related("attachments")
        # A non-member reads a published, non-sensitive action (access.action): of it, what
        # the published plan shows.
        return (updates if member else updates.public()).newest_first()

    def get_serializer_context(self):
        # Attached files are for members only, whatever their marking.
        return {**super().get_serializer_context(), "public": getattr(self, "read_as_public", True)}

    @extend_schema(
        tags=["actions"],
        summary="An action's progress updates, newest first (corrected ones left out)",
        responses={200: UpdateSerializer(many=True), 404: NOT_FOUND},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        tags=["actions"],
        summary="Add a dated progress update (and, with it, a RAG rating)",
        request=UpdateCreateSerializer,
        responses=write_answers(UpdateSerializer),
    )
    def post(self, request, action_id):
        return _write(
            request, action_id, UpdateCreateSerializer, plan_services.update_add, UpdateSerializer
        )


def _write(request, action_id, form_class, service, answer_class) -> Response:
    """A write to an action: the body checked by `form_class`, then `service` (a plans
    service, so audited and under the pages' rules); 201 with what was made, 400 naming the
    fields, or 409 when the RAG rating changed since it was read."""
    action = _writable_action(request, action_id)
    form = form_class(data=request.data)
    form.is_valid(raise_exception=True)
    try:
        made = service(actor=request.user, action=action, **form.validated_data)
    except ValidationError as error:
        raise_as_api_error(error)
    except plan_services.EditConflictError as conflict:
        return Response({"detail": str(conflict)}, status=status.HTTP_409_CONFLICT)
    return Response(answer_class(made).data, status=status.HTTP_201_CREATED)


def _writable_action(request, action_id):
    """The action, if the caller may add updates to it: signed in (401 otherwise), able to
    read it (404 otherwise), and its owner or a coordinator (403 otherwise)."""
    if not request.user.is_authenticated:
        raise NotAuthenticated(_("Send your API token: Authorization: Bearer <token>"))
    action, member = access.action(request.user, action_id)
    if not member or not access.may_add_update(request.user, action):
        raise PermissionDenied(
            _("Only the action's owners and the partnership's coordinators can change it")
        )
    return action


class ActionRag(generics.ListCreateAPIView):
    pagination_class = Pages

    def get_serializer_class(self):
        return RagSetSerializer if self.request.method == "POST" else RagChangeSerializer

    def get_queryset(self):
        action, member = access.action(self.request.user, self.kwargs["action_id"])
        self.read_as_public = not member
        self.publishes_progress = action.priority.plan.publish_updates
        return action.rag_changes.select_related("action").order_by("-changed_at", "-id")

    def get_serializer_context(self):
        return {
            **super().get_serializer_context(),
            "public": getattr(self, "read_as_public", True),
            "publishes_progress": getattr(self, "publishes_progress", False),
        }

    @extend_schema(
        tags=["actions"],
        summary="An action's RAG ratings, newest first, each with its reason",
        responses={200: RagChangeSerializer(many=True), 404: NOT_FOUND},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        tags=["actions"],
        summary="Set the action's RAG rating, with its reason",
        request=RagSetSerializer,
        responses=write_answers(RagChangeSerializer),
    )
    def post(self, request, action_id):
        return _write(
            request, action_id, RagSetSerializer, plan_services.action_rag_set, RagChangeSerializer
        )


@extend_schema(
    tags=["actions"],
    summary="A file attached to an update (members only)",
    responses={(200, "application/octet-stream"): OpenApiTypes.BINARY, 404: NOT_FOUND},
)
class UpdateFile(APIView):
    def get(self, request, action_id, update_id, file_id):
        action, member = access.action(request.user, action_id)
        if not member:  # the public never reads attached files
            raise Http404(_("No file here"))
        update = get_object_or_404(Update.objects.current(), pk=update_id, action=action)
        return download(get_object_or_404(update.attachments, pk=file_id))
