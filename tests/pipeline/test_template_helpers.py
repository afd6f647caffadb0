"""tools/template_helpers.py: the Python the templates call to decide what to generate."""

from __future__ import annotations

import pytest

from tests.support.generation import parsed_endpoints
from tools.spec_lookup import nullable_alternative
from tools.template_helpers import lazy_imports, raised_errors, read_with_json_loads

REFERENCE = {"$ref": "#/components/schemas/Metadata"}


@pytest.mark.parametrize("keyword", ["anyOf", "oneOf"])
def test_a_nullable_union_stands_for_its_other_member(keyword: str) -> None:
    assert nullable_alternative({keyword: [REFERENCE, {"type": "null"}]}) == REFERENCE
    assert nullable_alternative({keyword: [{"type": "null"}, REFERENCE]}) == REFERENCE


@pytest.mark.parametrize(
    "schema",
    [
        REFERENCE,
        {"anyOf": [REFERENCE, {"type": "string"}]},
        {"anyOf": [REFERENCE, {"type": "null"}, {"type": "string"}]},
        {"anyOf": [{"type": "null"}, {"type": "null"}]},
        {"type": ["object", "null"]},
        "not a schema",
    ],
)
def test_anything_else_is_not_a_nullable_union(schema: object) -> None:
    assert nullable_alternative(schema) is None


def test_raises_names_the_documented_statuses_and_those_clerk_answers_anywhere() -> None:
    assert raised_errors([200, 404, 409]) == [
        "errors.AuthenticationError (401)",
        "errors.PermissionDeniedError (403)",
        "errors.NotFoundError (404)",
        "errors.ConflictError (409)",
        "errors.RateLimitError (429)",
    ]
    assert "errors.BadRequestError (400)" not in raised_errors([404])


def test_a_status_without_a_subclass_is_the_base_class() -> None:
    assert "errors.ClerkAPIError (418)" in raised_errors([418])


def test_lazy_imports_name_each_model_and_its_module() -> None:
    imports = ["from .b_model import BModel", "from .a_model import AModel, AOther"]
    assert lazy_imports(imports) == [("AModel", ".a_model"), ("AOther", ".a_model"), ("BModel", ".b_model")]


def test_lazy_imports_refuse_what_isnt_a_from_import() -> None:
    with pytest.raises(ValueError, match="can't make the import"):
        lazy_imports(["import something"])


def test_a_json_body_is_read_with_json_loads_and_any_other_as_upstream_reads_it() -> None:
    content = {
        "application/json": {"schema": {"type": "array", "items": {"type": "string"}}},
        "text/plain": {"schema": {"type": "string"}},
    }
    spec = {
        "openapi": "3.0.3",
        "info": {"title": "scratch", "version": "1"},
        "paths": {
            f"/{kind}": {
                "get": {
                    "operationId": f"Get{kind.title()}",
                    "responses": {"200": {"description": "OK", "content": {media: content[media]}}},
                }
            }
            for kind, media in (("json", "application/json"), ("text", "text/plain"))
        },
    }
    endpoints, _ = parsed_endpoints(spec)
    (json_response,) = endpoints["get_json"].responses
    (text_response,) = endpoints["get_text"].responses

    assert read_with_json_loads(json_response).source["attribute"] == "json_loads(response.content)"
    assert json_response.source["attribute"] == "response.json()"  # the generator's own data is left as it was
    assert read_with_json_loads(text_response) is text_response
