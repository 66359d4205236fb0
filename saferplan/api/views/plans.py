"""Partnerships, their plans, and each plan's priorities and objectives."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from saferplan.plans.models import Objective
from saferplan.plans.permissions import plan_policy

from .. import access
from ..serializers import (
    ObjectiveSerializer,
    PartnershipSerializer,
    PlanSerializer,
    PrioritySerializer,
)
from .common import NOT_FOUND, Listed


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


@extend_schema(
    tags=["partnerships"],
    summary="Partnerships with a published plan, and yours",
    responses={200: PartnershipSerializer(many=True), 404: NOT_FOUND},
)
class PartnershipList(Listed):
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
class PartnershipPlanList(Listed):
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
class PriorityList(Listed):
    serializer_class = PrioritySerializer

    def get_queryset(self):
        plan = access.plan(self.request.user, self.kwargs["plan_id"])
        self.read_as_public = not plan_policy.user_has_permission_for_instance(
            self.request.user, "view", plan
        )
        return (
            plan.priorities.select_related("lead_user", "lead_organisation")
            .prefetch_related("pcc_priorities__police_and_crime_plan")
            .order_by("number")
        )

    def get_serializer_context(self):
        # The lead (a person's name) is for members; anyone reads a published plan's priorities.
        return {**super().get_serializer_context(), "public": getattr(self, "read_as_public", True)}


@extend_schema(
    tags=["plans"],
    summary="A plan's objectives",
    responses={200: ObjectiveSerializer(many=True), 404: NOT_FOUND},
)
class ObjectiveList(Listed):
    serializer_class = ObjectiveSerializer

    def get_queryset(self):
        plan = access.plan(self.request.user, self.kwargs["plan_id"])
        return (
            Objective.objects.filter(priority__plan=plan)
            .select_related("priority")
            .order_by("priority__number", "position", "pk")
        )
