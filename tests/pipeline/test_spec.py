"""openapi.yaml itself: valid OpenAPI 3.1, and every example valid against its schema."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

from jsonschema import Draft202012Validator, FormatChecker
from openapi_spec_validator import validate
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from tools.spec_lookup import resolve
from tools.upstream_spec import operations

SPEC_URI = "urn:clerk-invitations:openapi.yaml"


def test_the_spec_is_valid_openapi_3_1(spec: dict[str, Any]) -> None:
    validate(spec)
    assert spec["openapi"].startswith("3.1")


def examples_with_schemas(node: Any, pointer: str = "") -> Iterator[tuple[str, str, Any]]:
    """(where, pointer to the schema, example value) for every example beside a schema in the spec."""
    if isinstance(node, dict):
        if "schema" in node:
            if "example" in node:
                yield f"{pointer}/example", f"{pointer}/schema", node["example"]
            for name, example in node.get("examples", {}).items():
                yield f"{pointer}/examples/{name}", f"{pointer}/schema", example
        for key, value in node.items():
            escaped = quote(str(key).replace("~", "~0").replace("/", "~1"))  # RFC 6901, in a URI fragment
            yield from examples_with_schemas(value, f"{pointer}/{escaped}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from examples_with_schemas(value, f"{pointer}/{index}")


def example_errors(spec: dict[str, Any]) -> tuple[int, list[str]]:
    """How many examples the spec has, and what is wrong with them."""
    registry = Registry().with_resource(SPEC_URI, DRAFT202012.create_resource(spec))
    checked, errors = 0, []
    for where, schema_pointer, example in examples_with_schemas(spec):
        if "/examples/" in where:  # an Example Object, maybe a reference to components/examples
            if "$ref" in example:
                example = registry.resolver(SPEC_URI).lookup(example["$ref"]).contents
            value = example["value"]
        else:
            value = example
        validator = Draft202012Validator(
            {"$ref": f"{SPEC_URI}#{schema_pointer}"}, registry=registry, format_checker=FormatChecker()
        )
        errors += [f"{where}: {error.message}" for error in validator.iter_errors(value)]
        checked += 1
    return checked, errors


def test_every_example_validates_against_its_schema(spec: dict[str, Any]) -> None:
    checked, errors = example_errors(spec)
    assert not errors
    assert checked > 0  # which parts need an example: test_every_request_body_and_response_has_an_example


def documented_contents(spec: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """(where, media type object) of every request body and response of every operation, references followed."""
    found = []
    for operation_id, (_, _, operation, _) in operations(spec).items():
        parts = [("request body", operation["requestBody"])] if "requestBody" in operation else []
        parts += [(f"response {status}", response) for status, response in operation["responses"].items()]
        for what, part in parts:
            part = resolve(spec, part)
            for media_type, media in part.get("content", {}).items():
                found.append((f"{operation_id} {what} {media_type}", media))
    return found


def test_every_request_body_and_response_has_an_example(spec: dict[str, Any]) -> None:
    """So that Prism answers coherent data (ids of the right prefix, non-negative totals) instead of made-up values."""
    contents = documented_contents(spec)
    missing = [where for where, media in contents if "example" not in media and not media.get("examples")]
    assert not missing


def test_a_wrong_example_is_caught(spec: dict[str, Any]) -> None:
    broken = copy.deepcopy(spec)
    broken["components"]["examples"]["PendingInvitation"]["value"]["email_address"] = "not an address"
    broken["components"]["responses"]["TooManyRequests"]["headers"]["Retry-After"]["example"] = -1
    _, errors = example_errors(broken)
    assert len(errors) == 2, errors
    assert any("'not an address' is not a 'email'" in error for error in errors)
