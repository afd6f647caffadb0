"""tools/template_helpers.py's `pagination`: which list operations get page functions, read from a small spec."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.generation import parsed_endpoints
from tools.template_helpers import Pagination, pagination

ITEM: dict[str, Any] = {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}}
PAGE: dict[str, Any] = {
    "type": "object",
    "required": ["data", "total_count"],
    "properties": {
        "data": {"type": "array", "items": {"$ref": "#/components/schemas/Item"}},
        "total_count": {"type": "integer"},
    },
}
BARE: dict[str, Any] = {"type": "array", "items": {"$ref": "#/components/schemas/Item"}}


def listing(success: dict[str, Any], *, limit: dict[str, Any] | None = None, switch: bool = False) -> Pagination | None:
    parameters = [
        {"name": "limit", "in": "query", "schema": limit or {"type": "integer", "minimum": 1, "maximum": 50}},
        {"name": "offset", "in": "query", "schema": {"type": "integer"}},
    ] + ([{"name": "paginated", "in": "query", "schema": {"type": "boolean"}}] if switch else [])
    spec = {
        "openapi": "3.0.3",
        "info": {"title": "scratch", "version": "1"},
        "paths": {
            "/items": {
                "get": {
                    "operationId": "ListItems",
                    "parameters": parameters,
                    "responses": {"200": {"description": "OK", "content": {"application/json": {"schema": success}}}},
                }
            }
        },
        "components": {"schemas": {"Item": ITEM, "Page": PAGE}},
    }
    endpoints, processed_model = parsed_endpoints(spec)
    return pagination(spec, endpoints["list_items"], processed_model)


def test_a_page_model_is_paginated_with_the_maximum_as_page_size() -> None:
    found = listing({"$ref": "#/components/schemas/Page"})

    assert found is not None
    assert (found.item_type, found.max_page_size, found.bare_list, found.choice) == ("Item", 50, None, None)
    assert not found.total_is_number
    assert found.item_import == "from ...models.item import Item"


def test_the_paginated_switch_is_left_out_of_the_plain_functions_endpoint() -> None:
    found = listing({"oneOf": [BARE, {"$ref": "#/components/schemas/Page"}]}, switch=True)

    assert found is not None and found.choice is not None and found.bare_list is not None
    assert [p.name for p in found.endpoint.query_parameters] == ["limit", "offset"]
    assert found.choice.name == "paginated"


@pytest.mark.parametrize(
    "success",
    [
        BARE,  # no total count
        {"type": "object", "properties": {"items": BARE}},  # the list under another key
        {
            **PAGE,
            "properties": {
                **PAGE["properties"],
                "data": {"type": "array", "items": {"anyOf": [ITEM, {"type": "string"}]}},
            },
        },
    ],
    ids=["bare-list", "other-key", "page-of-a-union"],
)
def test_other_lists_get_no_page_functions(success: dict[str, Any]) -> None:
    assert listing(success) is None


def test_a_number_total_is_taken_as_an_int() -> None:
    found = listing({**PAGE, "properties": {**PAGE["properties"], "total_count": {"type": "number"}}})

    assert found is not None and found.total_is_number


def test_a_limit_without_maximum_gets_no_page_functions() -> None:
    assert listing({"$ref": "#/components/schemas/Page"}, limit={"type": "integer"}) is None
