"""A partnership's measures and crime comparison (members only), and its strategic
assessments (members; the published one for anyone)."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from saferplan.assessments import selectors as assessment_selectors
from saferplan.crimedata import selectors as crime_selectors
from saferplan.crimedata.periods import Period
from saferplan.indicators import selectors as indicator_selectors

from .. import access
from ..serializers import (
    AssessmentSerializer,
    ComparisonSerializer,
    MeasureSerializer,
)
from .common import BAD_QUERY, NOT_FOUND


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
    responses={200: ComparisonSerializer(many=True), 400: BAD_QUERY, 404: NOT_FOUND},
)
class CrimeComparison(APIView):
    def get(self, request, slug):
        partnership = access.crime_partnership(request.user, slug)
        errors, periods = {}, {}
        for name in ("period", "against"):
            text = request.query_params.get(name, "")
            if not text:
                if name == "period":
                    errors[name] = _("Give the period, for example 2018-10..2018-12")
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
            ComparisonSerializer([c for c in comparisons if c.worth_showing], many=True).data
        )


@extend_schema(
    tags=["performance"],
    summary="A partnership's strategic assessments: every one for its members, with their "
    "OFFICIAL-SENSITIVE parts; the published one for anyone else, without them",
    responses={200: AssessmentSerializer(many=True), 404: NOT_FOUND},
)
class AssessmentList(APIView):
    def get(self, request, slug):
        partnership = access.partnership(request.user, slug)
        reports = [
            assessment_selectors.assessment_report(assessment=assessment, user=request.user)
            for assessment in access.assessments(request.user, partnership)
        ]
        return Response(AssessmentSerializer(reports, many=True).data)
