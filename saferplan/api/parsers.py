"""The API's JSON parser: the request body's strings without control characters, as every
form's are (saferplan/core/text.py), whatever serializer reads them."""

from rest_framework.parsers import JSONParser

from saferplan.core.text import clean_data


class CleanJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        return clean_data(super().parse(stream, media_type, parser_context))
