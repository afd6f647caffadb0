"""tools/template_helpers.py's answers about bulk operations and references, on small documents."""

from __future__ import annotations

from typing import Any

import pytest

from tools.spec_lookup import resolve
from tools.template_helpers import Bulk, bulk_operation


def test_resolve_follows_references_through_references() -> None:
    document = {"components": {"schemas": {"A": {"$ref": "#/components/schemas/B"}, "B": {"type": "string"}}}}
    assert resolve(document, {"$ref": "#/components/schemas/A"}) == {"type": "string"}


@pytest.mark.parametrize("reference", ["#/components/schemas/A", "other.yaml#/A"], ids=["cycle", "external"])
def test_resolve_refuses_what_it_cant_follow(reference: str) -> None:
    document = {"components": {"schemas": {"A": {"$ref": "#/components/schemas/A"}}}}
    with pytest.raises(ValueError, match="can't resolve"):
        resolve(document, {"$ref": reference})


def bulk_spec(parent: dict[str, Any] | None, *, parent_parameters: tuple[dict[str, Any], ...] = ()) -> dict[str, Any]:
    body = {"content": {"application/json": {"schema": {"type": "array", "maxItems": 5, "items": {"type": "object"}}}}}
    paths: dict[str, Any] = {"/things/bulk": {"post": {"requestBody": body}}}
    if parent is not None:
        paths["/things"] = {"post": {**parent, "parameters": list(parent_parameters)}}
    return {"paths": paths}


SINGLE = {"requestBody": {"content": {"application/json": {"schema": {"type": "object"}}}}}


def test_a_bulk_operation_has_the_post_one_segment_up_as_its_single_twin() -> None:
    assert bulk_operation(bulk_spec(SINGLE), "/things/bulk", "post") == Bulk(5, ("/things", "post"))


@pytest.mark.parametrize(
    "spec",
    [
        bulk_spec(None),
        bulk_spec({}),
        bulk_spec(SINGLE, parent_parameters=({"name": "q", "in": "query", "required": True},)),
        bulk_spec(SINGLE, parent_parameters=({"name": "team_id", "in": "path", "required": True},)),
    ],
    ids=["no-parent", "parent-without-body", "parent-requires-a-query", "parent-has-another-path-parameter"],
)
def test_no_single_twin_where_it_couldnt_take_one_item(spec: dict[str, Any]) -> None:
    assert bulk_operation(spec, "/things/bulk", "post") == Bulk(5, None)


def test_the_single_operation_itself_is_no_bulk_operation() -> None:
    assert bulk_operation(bulk_spec(SINGLE), "/things", "post") is None
