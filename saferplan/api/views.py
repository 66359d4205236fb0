"""The JSON API at /api/ (docs/api.md). Thin views: reads through saferplan.api.access and
the apps' selectors, writes through the plans' services; the pages' permission policies
decide what each caller reads and may change."""

import re

from django.core.exceptions import ValidationError
from django.db.models import Subquery
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import NotAuthenticated, PermissionDenied
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from saferplan.crimedata import selectors as crime_selectors
from saferplan.crimedata.periods import Period
from saferplan.indicators import selectors as indicator_selectors
from saferplan.plans import services as plan_services
from saferplan.plans.filters import ActionFilters
from saferplan.plans.models import ActionStatus, Objective, RagRating, Update

from . import access
from .serializers import (
    ActionSerializer,
    ComparisonSerializer,
    ErrorSerializer,
    MeasureSerializer,
    ObjectiveSerializer,
    PartnershipSerializer,
    PlanSerializer,
    PrioritySerializer,
    RagChangeSerializer,
    RagSetSerializer,
    UpdateCreateSerializer,
    UpdateSerializer,
)

NOT_SIGNED_IN = OpenApiResponse(
    ErrorSerializer, description="No API token, or one that is not valid or was revoked"
)
NOT_ALLOWED = OpenApiResponse(
    ErrorSerializer, description="Not one of the action's owners or the partnership's coordinators"
)
NOT_FOUND = OpenApiResponse(
    ErrorSerializer, description="Not there, not yours to read, or a page past the last"
)


def write_answers(created) -> dict:
    """What a write to an action may answer, for the schema."""
    return {
        201: created,
        400: OpenApiResponse(description="A field is missing or wrong; each is named"),
        401: NOT_SIGNED_IN,
        403: NOT_ALLOWED,
        404: NOT_FOUND,
        409: OpenApiResponse(
            ErrorSerializer, description="The RAG rating changed since you read it"
        ),
    }


class Pages(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


def _raise_as_api_error(error: ValidationError):
    """A service's ValidationError as a 400 naming each field."""
    if hasattr(error, "message_dict"):
        raise ApiValidationError(error.message_dict)
    raise ApiValidationError({"non_field_errors": error.messages})


class ApiRoot(APIView):
    """The API's entry points."""

    @extend_schema(
        responses={200: OpenApiTypes.OBJECT}, summary="The API's entry points", tags=["about"]
    )
    def get(self, request):
        return Response(
            {
                "partnerships": reverse("api:partnerships", request=request),
                "openapi": reverse("api:openapi", request=request),
                "documentation": reverse("api:docs", request=request),
            }
        )


class _Listed(generics.ListAPIView):
    pagination_class = Pages

    def member_context(self) -> dict:
        ids = access.member_partnership_ids(self.request.user)
        return {"member_ids": ids or set(), "administrator": ids is None}


@extend_schema(
    tags=["partnerships"],
    summary="Partnerships with a published plan, and yours",
    responses={200: PartnershipSerializer(many=True), 404: NOT_FOUND},
)
class PartnershipList(_Listed):
    serializer_class = PartnershipSerializer

    def get_queryset(self):
        return access.partnerships(self.request.user)

    def get_serializer_context(self):
        return super().get_serializer_context() | self.member_context()


@extend_schema(
    tags=["partnerships"],
    summary="One partnership",
    responses={200: PartnershipSerializer, 404: NOT_FOUND},
)
class PartnershipDetail(APIView):
    def get(self, request, slug):
        partnership = access.partnership(request.user, slug)
        ids = access.member_partnership_ids(request.user)
        context = {"request": request, "member_ids": ids or set(), "administrator": ids is None}
        return Response(PartnershipSerializer(partnership, context=context).data)


@extend_schema(
    tags=["plans"],
    summary="A partnership's plans: all of them for members, the published ones for others",
    responses={200: PlanSerializer(many=True), 404: NOT_FOUND},
)
class PartnershipPlanList(_Listed):
    serializer_class = PlanSerializer

    def get_queryset(self):
        return access.plans(
            self.request.user, access.partnership(self.request.user, self.kwargs["slug"])
        )


@extend_schema(tags=["plans"], summary="One plan", responses={200: PlanSerializer, 404: NOT_FOUND})
class PlanDetail(APIView):
    def get(self, request, plan_id):
        plan = access.plan(request.user, plan_id)
        return Response(PlanSerializer(plan, context={"request": request}).data)


@extend_schema(
    tags=["plans"],
    summary="A plan's priorities",
    responses={200: PrioritySerializer(many=True), 404: NOT_FOUND},
)
class PriorityList(_Listed):
    serializer_class = PrioritySerializer

    def get_queryset(self):
        return access.plan(self.request.user, self.kwargs["plan_id"]).priorities.order_by("number")


@extend_schema(
    tags=["plans"],
    summary="A plan's objectives",
    responses={200: ObjectiveSerializer(many=True), 404: NOT_FOUND},
)
class ObjectiveList(_Listed):
    serializer_class = ObjectiveSerializer

    def get_queryset(self):
        plan = access.plan(self.request.user, self.kwargs["plan_id"])
        return (
            Objective.objects.filter(priority__plan=plan)
            .select_related("priority")
            .order_by("priority__number", "position", "pk")
        )


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
            errors["rag"] = f"Choose one of {', '.join(RagRating.values)}"
        filters.rag = query["rag"]
    if "status" in query:
        if query["status"] not in ActionStatus.values:
            errors["status"] = f"Choose one of {', '.join(ActionStatus.values)}"
        filters.status = query["status"]
    if "priority" in query:
        # ASCII digits only: str.isdigit() also accepts "²", which int() refuses.
        if not re.fullmatch(r"[0-9]{1,9}", query["priority"]):
            errors["priority"] = "Give the priority's number in digits 0-9, for example 2"
        else:
            filters.priority = int(query["priority"])
    if errors:
        raise ApiValidationError(errors)
    return filters


@extend_schema(
    tags=["actions"],
    summary="A plan's actions, in plan order",
    parameters=[
        OpenApiParameter("rag", str, enum=RagRating.values, description="Only actions rated so"),
        OpenApiParameter(
            "status", str, enum=ActionStatus.values, description="Only actions with this status"
        ),
        OpenApiParameter("priority", int, description="Only the actions of this priority number"),
    ],
    responses={200: ActionSerializer(many=True), 400: ErrorSerializer, 404: NOT_FOUND},
)
class ActionList(_Listed):
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
        updates = Update.objects.filter(action=action).current()
        # A non-member reads a published, non-sensitive action (access.action): of it, what
        # the published plan shows.
        return (updates if member else updates.public()).newest_first()

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
        _raise_as_api_error(error)
    except plan_services.EditConflictError as conflict:
        return Response({"detail": str(conflict)}, status=status.HTTP_409_CONFLICT)
    return Response(answer_class(made).data, status=status.HTTP_201_CREATED)


def _writable_action(request, action_id):
    """The action, if the caller may add updates to it: signed in (401 otherwise), able to
    read it (404 otherwise), and its owner or a coordinator (403 otherwise)."""
    if not request.user.is_authenticated:
        raise NotAuthenticated("Send your API token: Authorization: Bearer <token>")
    action, member = access.action(request.user, action_id)
    if not member or not access.may_add_update(request.user, action):
        raise PermissionDenied(
            "Only the action's owners and the partnership's coordinators can change it"
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
    tags=["performance"],
    summary="A partnership's performance measures with their status (members only)",
    responses={200: MeasureSerializer(many=True), 404: NOT_FOUND},
)
class MeasureList(APIView):
    def get(self, request, slug):
        partnership = access.measures_partnership(request.user, slug)
        measured = indicator_selectors.partnership_measures(partnership)
        return Response(MeasureSerializer(measured, many=True).data)


@extend_schema(
    tags=["performance"],
    summary="Crime and ASB in one period against another (members only)",
    parameters=[
        OpenApiParameter(
            "period", str, required=True, description="2022, 2021/22, 2018-10 or 2018-10..2018-12"
        ),
        OpenApiParameter(
            "against",
            str,
            description="The period compared with; the same months a year before when left out",
        ),
    ],
    responses={200: ComparisonSerializer(many=True), 400: ErrorSerializer, 404: NOT_FOUND},
)
class CrimeComparison(APIView):
    def get(self, request, slug):
        partnership = access.crime_partnership(request.user, slug)
        errors, periods = {}, {}
        for name in ("period", "against"):
            text = request.query_params.get(name, "")
            if not text:
                if name == "period":
                    errors[name] = "Give the period, for example 2018-10..2018-12"
                continue
            try:
                periods[name] = Period.parse(text)
            except ValueError as error:
                errors[name] = str(error)
        if errors:
            raise ApiValidationError(errors)
        period = periods["period"]
        against = periods.get("against") or period.year_before()
        comparisons = [
            crime_selectors.police_uk_comparison(partnership, period, against),
            crime_selectors.custom_comparison(partnership, period, against),
        ]
        return Response(
            ComparisonSerializer([c for c in comparisons if c.has_figures], many=True).data
        )
