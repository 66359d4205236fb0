"""What every endpoint shares: documented error answers, pagination, and turning a service's
ValidationError into a 400 naming the fields."""

from django.core.exceptions import ValidationError
from drf_spectacular.utils import OpenApiResponse
from rest_framework import generics
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.pagination import PageNumberPagination

from .. import access
from ..serializers import (
    ErrorSerializer,
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

# A query parameter that is wrong: {"priority": "Give the priority's number in digits 0-9, …"}
BAD_QUERY = OpenApiResponse(
    {"type": "object", "additionalProperties": {"type": "string"}},
    description="Each query parameter that is wrong, named, with what to give instead",
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


def raise_as_api_error(error: ValidationError):
    """A service's ValidationError as a 400 naming each field."""
    if hasattr(error, "message_dict"):
        raise ApiValidationError(error.message_dict)
    raise ApiValidationError({"non_field_errors": error.messages})


class Listed(generics.ListAPIView):
    pagination_class = Pages

    def member_context(self) -> dict:
        ids = access.member_partnership_ids(self.request.user)
        return {"member_ids": ids or set(), "administrator": ids is None}
