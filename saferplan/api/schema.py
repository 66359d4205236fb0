"""How the OpenAPI schema describes saferplan's personal API tokens."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "saferplan.api.authentication.BearerTokenAuthentication"
    name = "personalApiToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal API token (sp_…), made on the API tokens page.",
        }


PATH_PARAMETERS = {
    "slug": "The partnership's short name in addresses, for example hertsmere",
    "plan_id": "The plan's id (the id field of a plan)",
    "action_id": "The action's id (the id field of an action)",
}


def describe_path_parameters(result, generator, request, public):
    """drf-spectacular hook: say what each path parameter is (it cannot tell from a URL
    converter), for the schema and the documentation page written from it."""
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                if parameter.get("in") == "path" and parameter["name"] in PATH_PARAMETERS:
                    parameter["description"] = PATH_PARAMETERS[parameter["name"]]
    return result
