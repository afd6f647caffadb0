"""tools/argument_checks.py and tools/spec_lookup.py: the argument checks written from a spec, in process.

Each test parses a small spec with the generator's own parser, as `make generate` does, and reads the statements
`check_arguments()` gets, or the SpecRefusal that stops the generation.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.generation import parsed_endpoints
from tools.argument_checks import CHECKED_KEYWORDS, LEFT_TO_CLERK, REFUSED_KEYWORDS, argument_checks
from tools.spec_lookup import SpecRefusal, original_path
from tools.template_helpers import required_success

OK = {"200": {"description": "OK", "content": {"application/json": {"schema": {"type": "object"}}}}}


def one_operation(path: str, operation: dict[str, Any], schemas: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "openapi": "3.0.3",
        "info": {"title": "scratch", "version": "1"},
        "paths": {path: {"post": {"operationId": "DoThing", "responses": OK, **operation}}},
        "components": {"schemas": schemas or {}},
    }


def query(name: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": True, "schema": schema}


def checks_of(spec: dict[str, Any]) -> str:
    endpoints, processed_model = parsed_endpoints(spec)
    return argument_checks(spec, endpoints["do_thing"], processed_model).code


@pytest.mark.parametrize(
    ("schema", "check"),
    [
        ({"type": "integer", "minimum": 0, "exclusiveMinimum": True}, 'errors.check_int(value, "value", minimum=1)'),
        ({"type": "integer", "maximum": 9, "exclusiveMaximum": True}, 'errors.check_int(value, "value", maximum=8)'),
        ({"type": "number", "minimum": 0, "exclusiveMinimum": True}, 'errors.check_number(value, "value", minimum=0)'),
        ({"type": "integer", "format": "int64", "maximum": 5}, 'errors.check_int(value, "value", maximum=5)'),
        ({"type": "string", "format": "uri"}, 'errors.check_str(value, "value")'),
        ({"type": "string", "format": "email"}, 'errors.check_str(value, "value", email=True)'),
        ({"type": "string", "pattern": '^"a'}, 'errors.check_str(value, "value", pattern="^\\"a")'),
        (
            {"type": "array", "items": {"type": "string"}, "uniqueItems": True, "maxItems": 3},
            'errors.check_list(value, "value", max_items=3)\n'
            "for value_index, value_entry in enumerate(value):\n"
            '    errors.check_str(value_entry, f"value[{value_index}]")',
        ),
    ],
)
def test_each_keyword_is_checked_or_left_to_clerk(schema: dict[str, Any], check: str) -> None:
    assert checks_of(one_operation("/things", {"parameters": [query("value", schema)]})) == check


def test_a_union_and_a_multipart_body_are_left_to_clerk() -> None:
    union = query("value", {"anyOf": [{"type": "string"}, {"type": "integer"}]})
    multipart = {
        "content": {"multipart/form-data": {"schema": {"type": "object", "properties": {"a": {"type": "string"}}}}}
    }

    assert checks_of(one_operation("/things", {"parameters": [union], "requestBody": multipart})) == ""


def test_a_refusal_names_the_operation_the_place_and_the_keyword() -> None:
    spec = one_operation(
        "/things/{thingId}",
        {
            "parameters": [
                {"name": "thingId", "in": "path", "required": True, "schema": {"$ref": "#/components/schemas/Id"}}
            ]
        },
        {"Id": {"type": "string", "multipleOf": 2}},
    )

    with pytest.raises(SpecRefusal) as refused:
        checks_of(spec)

    assert (refused.value.operation, refused.value.location, refused.value.keyword) == (
        "DoThing",
        "#/components/schemas/Id",
        "multipleOf",
    )
    assert str(refused.value).startswith("can't generate DoThing: #/components/schemas/Id: multipleOf: ")


def test_a_constraint_beside_a_ref_is_refused_where_it_is() -> None:
    spec = one_operation(
        "/things",
        {"parameters": [query("value", {"$ref": "#/components/schemas/Id", "maxLength": 3})]},
        {"Id": {"type": "string"}},
    )

    with pytest.raises(SpecRefusal) as refused:
        checks_of(spec)

    assert (refused.value.location, refused.value.keyword) == ("#/paths/~1things/post/parameters/0/schema", "maxLength")


def test_a_camel_case_path_parameter_is_found_under_its_own_name() -> None:
    spec = one_operation(
        "/things/{thingId}",
        {
            "parameters": [
                {"name": "thingId", "in": "path", "required": True, "schema": {"type": "string", "minLength": 1}}
            ]
        },
    )
    endpoints, _ = parsed_endpoints(spec)

    assert endpoints["do_thing"].path.get_untrusted_value() == "/things/{thing_id}"
    assert original_path(endpoints["do_thing"]) == "/things/{thingId}"
    assert checks_of(spec) == 'errors.check_str(thing_id, "thing_id", min_length=1)'


def test_every_keyword_has_one_fate() -> None:
    fates = [
        CHECKED_KEYWORDS,
        LEFT_TO_CLERK.keys() - {"format", "body", "recursion", "additionalProperties"},
        REFUSED_KEYWORDS,
    ]
    assert all(not (a & b) for index, a in enumerate(fates) for b in fates[index + 1 :])
    assert all(reason.strip() for reason in LEFT_TO_CLERK.values())


def json_body(schema: dict[str, Any]) -> dict[str, Any]:
    return {"required": True, "content": {"application/json": {"schema": schema}}}


def test_typed_additional_properties_are_left_to_clerk_and_the_fields_checked() -> None:
    body = {"$ref": "#/components/schemas/Labels"}
    labels = {"type": "object", "properties": {"name": {"type": "string"}}, "additionalProperties": {"type": "string"}}

    code = checks_of(one_operation("/things", {"requestBody": json_body(body)}, {"Labels": labels}))

    assert code.splitlines() == [
        'errors.check_instance(body, Labels, "body")',
        "if not isinstance(body.name, Unset):",
        '    errors.check_str(body.name, "body.name")',
    ]


def test_a_value_of_another_type_is_checked_as_an_instance_of_it_with_its_import() -> None:
    spec = one_operation("/things", {"parameters": [query("since", {"type": "string", "format": "date-time"})]})
    endpoints, processed_model = parsed_endpoints(spec)

    checks = argument_checks(spec, endpoints["do_thing"], processed_model)

    assert checks.code == 'errors.check_instance(since, datetime.datetime, "since")'
    assert "import datetime" in checks.imports


def test_a_model_inside_itself_is_checked_one_level_deep() -> None:
    node = {
        "type": "object",
        "required": ["name"],
        "properties": {"name": {"type": "string"}, "child": {"$ref": "#/components/schemas/Node"}},
    }

    code = checks_of(
        one_operation("/things", {"requestBody": json_body({"$ref": "#/components/schemas/Node"})}, {"Node": node})
    )

    assert code.splitlines() == [
        'errors.check_instance(body, Node, "body")',
        'errors.check_json(body.additional_properties, "body")',  # additionalProperties: any JSON by default
        'errors.check_str(body.name, "body.name")',
        "",
        "if not isinstance(body.child, Unset):",
        '    errors.check_instance(body.child, Node, "body.child")',
    ]


def test_an_operation_without_a_success_response_is_refused_by_name() -> None:
    spec = one_operation("/things", {"responses": {"404": {"description": "Not found"}}})
    endpoints, _ = parsed_endpoints(spec)

    with pytest.raises(SpecRefusal, match="^can't generate DoThing: #/paths/~1things/post/responses: responses: "):
        required_success(spec, endpoints["do_thing"])
