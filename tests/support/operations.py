"""Every operation of openapi.yaml, as the tests call it: found in the spec, not listed by hand.

`OPERATIONS` maps each operationId to its generated module (`api/<tag>/<operationId>.py`, both in snake case, the
layout the generator gives) and to the least a call needs: each path parameter (an id of the parameter's own
example or `<name>_1`) and a required body built from the request body's example in the spec.
"""

from __future__ import annotations

import enum
import importlib
import re
import types
import typing
from dataclasses import dataclass
from typing import Any

import yaml
from clerk_invitations_client.types import Unset

from tests.support.paths import SPEC
from tools.spec_lookup import resolve
from tools.upstream_spec import operations


def snake_case(name: str) -> str:
    """How the generator names a module: `CreateOrganizationInvitation` -> `create_organization_invitation`."""
    name = re.sub(r"[^A-Za-z0-9]+", "_", name)
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).lower().strip("_")


@dataclass(frozen=True)
class Operation:
    operation_id: str
    endpoint: types.ModuleType
    spec: dict[str, Any]  # the operation object
    arguments: dict[str, Any]  # the least a call needs, `client` aside
    every_argument: dict[str, Any]  # every parameter, and the body of the spec's example even where optional
    error_statuses: tuple[int, ...]

    @property
    def path_parameters(self) -> list[str]:
        return [name for name in self.arguments if name != "body"]

    @property
    def paged(self) -> bool:
        return hasattr(self.endpoint, "sync_page")


def _body(endpoint: types.ModuleType, example: Any) -> Any:
    """The request body argument, from the spec's example, as the type `sync()` takes."""
    model = typing.get_type_hints(endpoint.sync)["body"]
    if typing.get_origin(model) in (typing.Union, types.UnionType):  # an optional body: `Model | Unset`
        model = typing.get_args(model)[0]
    if typing.get_origin(model) is list:
        (item,) = typing.get_args(model)
        return [item.from_dict(entry) for entry in example]
    return model.from_dict(example)


def _query_value(endpoint: types.ModuleType, name: str, schema: dict[str, Any]) -> Any:
    """A value the parameter's schema allows, of the type `sync()` takes (an enum member for an enum)."""
    if "default" in schema:
        value = schema["default"]
    elif schema.get("type") == "integer":
        value = schema.get("maximum", schema.get("minimum", 1))
    elif schema.get("type") == "boolean":
        value = True
    elif "enum" in schema:
        value = schema["enum"][0]
    else:
        value = "ada"
    for kind in typing.get_args(typing.get_type_hints(endpoint.sync)[name]):
        if isinstance(kind, type) and issubclass(kind, enum.Enum) and kind is not Unset:
            return kind(value)
    return value


def _operation(spec: dict[str, Any], operation_id: str, operation: dict[str, Any]) -> Operation:
    tag = operation["tags"][0]
    endpoint = importlib.import_module(f"clerk_invitations_client.api.{snake_case(tag)}.{snake_case(operation_id)}")
    arguments: dict[str, Any] = {}
    every: dict[str, Any] = {}
    for parameter in map(lambda node: resolve(spec, node), operation.get("parameters", [])):
        name = parameter["name"]
        if parameter["in"] == "path":
            arguments[name] = f"{name.removesuffix('_id')}_1"
        elif name in typing.get_type_hints(endpoint.sync):  # `paginated` is the page functions' own
            every[name] = _query_value(endpoint, name, resolve(spec, parameter["schema"]))
    body = resolve(spec, operation.get("requestBody", {}))
    if body:
        built = _body(endpoint, body["content"]["application/json"]["example"])
        (arguments if body.get("required") else every)["body"] = built
    statuses = tuple(int(status) for status in operation["responses"] if not status.startswith("2"))
    return Operation(operation_id, endpoint, operation, arguments, {**arguments, **every}, statuses)


def load_operations() -> dict[str, Operation]:
    spec = yaml.safe_load(SPEC.read_text())
    return {
        operation_id: _operation(spec, operation_id, operation)
        for operation_id, (_, _, operation, _) in operations(spec).items()
    }


OPERATIONS = load_operations()
