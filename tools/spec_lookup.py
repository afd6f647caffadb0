"""Where an endpoint's pieces are in the OpenAPI document, and the error a template helper raises when it can't go on.

The generator's parser keeps each property's type but drops most of its schema (constraints, where it was). The
template helpers find the schema again in the raw document (`openapi_document`), following `$ref`s, and keep its
location, a JSON pointer (`#/paths/~1invitations/get/parameters/3/schema`), to name it when they refuse it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from openapi_python_client.parser.openapi import Endpoint

NULL_SCHEMA = {"type": "null"}


def nullable_alternative(schema: Any) -> Any:
    """The schema a nullable union stands for: X of `anyOf` (or `oneOf`) `[X, {type: "null"}]`, in either order.

    None for any other schema. The generator reads such a union as `X | None`, with X's own name when X is a
    `$ref`: the way to make a referenced schema nullable without a `…Type0` class.
    """
    if not isinstance(schema, dict):
        return None
    for keyword in ("anyOf", "oneOf"):
        alternatives = schema.get(keyword)
        if isinstance(alternatives, list) and len(alternatives) == 2 and NULL_SCHEMA in alternatives:
            other = alternatives[1 - alternatives.index(NULL_SCHEMA)]
            return other if other != NULL_SCHEMA else None
    return None


class SpecRefusal(Exception):
    """What a template helper raises when the spec asks for what it can't generate: the operation, the location in
    the spec and the keyword, then why. The generator prints it and stops."""

    def __init__(self, operation: str, location: str, keyword: str, why: str) -> None:
        super().__init__(f"can't generate {operation}: {location}: {keyword}: {why}")
        self.operation, self.location, self.keyword, self.why = operation, location, keyword, why


@dataclass(frozen=True)
class Located:
    """A node of the document and its JSON pointer."""

    node: Any
    pointer: str

    def child(self, *keys: str | int) -> Located:
        """The node under `keys`, with its pointer (None as the node where a key is missing)."""
        node, pointer = self.node, self.pointer
        for key in keys:
            if isinstance(node, dict):
                node = node.get(key)
            else:
                node = node[key] if isinstance(node, list) and isinstance(key, int) else None
            pointer += "/" + str(key).replace("~", "~0").replace("/", "~1")
        return Located(node, pointer)


def resolve(document: dict[str, Any], node: Any) -> Any:
    """`node` with its `$ref` followed, through as many references as there are."""
    return resolve_at(document, Located(node, "")).node


def resolve_at(document: dict[str, Any], located: Located) -> Located:
    """`located` with its `$ref` followed, through as many references as there are; the pointer is the target's."""
    seen: set[str] = set()
    while isinstance(located.node, dict) and "$ref" in located.node:
        reference = located.node["$ref"]
        if not isinstance(reference, str) or not reference.startswith("#/") or reference in seen:
            raise ValueError(f"can't resolve $ref {reference!r}: only acyclic references into the document are")
        seen.add(reference)
        node: Any = document
        for part in reference[2:].split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
        located = Located(node, reference)
    return located


def original_path(endpoint: Endpoint) -> str:
    """The endpoint's path as the document writes it: the generator renames its parameters (`{userId}` is
    `{user_id}` in `endpoint.path`)."""
    path = endpoint.path.get_untrusted_value()
    for parameter in endpoint.path_parameters:
        path = path.replace("{" + parameter.python_name + "}", "{" + parameter.name.get_untrusted_value() + "}")
    return path


def operation_at(document: dict[str, Any], endpoint: Endpoint) -> tuple[Located, Located]:
    """The path item and the operation object of `endpoint` in the document."""
    path_item = Located(document, "#").child("paths", original_path(endpoint))
    operation = path_item.child(endpoint.method)
    if not isinstance(operation.node, dict):
        raise SpecRefusal(str(endpoint.name), operation.pointer, "paths", "the document has no such operation")
    return path_item, operation


def parameter_schema(document: dict[str, Any], endpoint: Endpoint, name: str, location: str) -> Located:
    """The schema of the parameter `name` in `location` (query, path...), declared on the operation or its path."""
    path_item, operation = operation_at(document, endpoint)
    for parent in (operation, path_item):
        for index in range(len(parent.node.get("parameters", []))):
            parameter = resolve_at(document, parent.child("parameters", index))
            if parameter.node.get("name") == name and parameter.node.get("in") == location:
                return parameter.child("schema")
    raise SpecRefusal(str(endpoint.name), operation.pointer, "parameters", f"no {location} parameter {name!r}")
