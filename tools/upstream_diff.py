"""Compare openapi.yaml with Clerk's published spec (upstream/clerk-bapi-invitations.yml), operation by operation.

Each spec is read into the elements it documents (operations, parameters, request bodies, statuses, and every
property and array item of their schemas, at any depth), each with the aspects compared: required or not,
types, enum values, format and other constraints, content types, security. Descriptions and examples are not
compared. A difference we keep on purpose is listed in upstream/differences.yml with its reason;
`python -m tools.upstream_diff` (`make upstream-diff`) prints every other one, and every listed one that is
gone, and exits 1 if there is any.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from tools.spec_lookup import nullable_alternative
from tools.upstream_spec import OUR_SPEC, UPSTREAM_DIR, UPSTREAM_SPEC, operations

DIFFERENCES = UPSTREAM_DIR / "differences.yml"
CONSTRAINTS = ("format", "pattern", "minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems", "default")
NONE = "none"


@dataclass(frozen=True)
class Difference:
    at: str  # where, as upstream/differences.yml names it: "ListInvitations query parameter limit (maximum)"
    clerk: str  # what Clerk's spec has there
    ours: str  # what openapi.yaml has there

    def __str__(self) -> str:
        return f"{self.at}: Clerk's spec has {self.clerk}, ours has {self.ours}"


@dataclass(frozen=True)
class Element:
    """Something a spec documents at a location: what it is, where it belongs, and its compared aspects."""

    what: str
    parent: str | None
    aspects: dict[str, str]


class Document:
    """An OpenAPI document, 3.0 or 3.1, whose local references and allOf can be followed."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self.spec = spec

    def resolve(self, node: dict[str, Any]) -> dict[str, Any]:
        """`node` with its `$ref` replaced by the target; sibling keywords (OpenAPI 3.1) are kept."""
        while "$ref" in node:
            target: Any = self.spec
            for part in node["$ref"].removeprefix("#/").split("/"):
                target = target[part.replace("~1", "/").replace("~0", "~")]
            node = {**target, **{key: value for key, value in node.items() if key != "$ref"}}
        return node

    def schema(self, node: dict[str, Any]) -> dict[str, Any]:
        """The schema with references followed, allOf merged, and its types as a set ("null" for nullable)."""
        schema = dict(self.resolve(node))
        if (alternative := nullable_alternative(schema)) is not None:  # anyOf [X, null]: X, nullable (OpenAPI 3.1)
            others = {key: value for key, value in schema.items() if key not in ("anyOf", "oneOf")}
            schema = {**self.schema(alternative), **others}
            schema["type"] = schema["type"] | {"null"}
            return schema
        parts = schema.pop("allOf", [])
        types = schema.get("type", [])
        schema["type"] = set(types if isinstance(types, list) else [types]) | (
            {"null"} if schema.get("nullable") else set()
        )
        nullable = "null" in schema["type"]
        for part in parts:
            schema = _merged(self.schema(part), schema)
        if nullable:  # OpenAPI 3.0's nullable beside an allOf: the allOf's schema, or null
            schema["type"] = schema["type"] | {"null"}
        return schema


def _merged(first: dict[str, Any], second: dict[str, Any]) -> dict[str, Any]:
    """Both schemas at once (allOf): properties are merged in turn, required names added up."""
    merged = {**first, **second}
    both = first["type"] and second["type"]
    merged["type"] = first["type"] & second["type"] if both else first["type"] | second["type"]
    properties = dict(first.get("properties", {}))
    for name, value in second.get("properties", {}).items():
        properties[name] = {"allOf": [properties[name], value]} if name in properties else value
    if properties:
        merged["properties"] = properties
    merged["required"] = sorted({*first.get("required", []), *second.get("required", [])})
    return merged


def _types(schema: dict[str, Any]) -> str:
    return " or ".join(sorted(schema["type"])) or "any type"


def _schema_aspects(schema: dict[str, Any]) -> dict[str, str]:
    aspects = {"type": _types(schema)}
    if "enum" in schema:  # the order of enum values means nothing
        aspects["enum"] = "enum " + json.dumps(sorted(schema["enum"], key=json.dumps))
    for keyword in CONSTRAINTS:
        if keyword in schema:
            aspects[keyword] = f"{keyword} {json.dumps(schema[keyword])}"
    if "object" in schema["type"]:
        refused = schema.get("additionalProperties") is False
        aspects["additionalProperties"] = f"other properties {'refused' if refused else 'allowed'}"
    return aspects


def _required(required: bool) -> str:
    return "required" if required else "optional"


class _Reader:
    """Reads a spec into {location: Element} for the operations it documents."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self.document = Document(spec)
        self.elements: dict[str, Element] = {"info": Element("info", None, {"version": repr(spec["info"]["version"])})}
        for operation_id, (method, path, operation, item) in operations(spec).items():
            self._operation(operation_id, method, path, operation, item)

    def _add(self, location: str, what: str, parent: str | None, aspects: dict[str, str]) -> None:
        self.elements[location] = Element(what, parent, aspects)

    def _operation(self, name: str, method: str, path: str, operation: dict[str, Any], item: dict[str, Any]) -> None:
        self._add(
            name,
            f"operation {method} {path}",
            None,
            {"method and path": f"{method} {path}", **self._security(operation)},
        )
        parameters = [self.document.resolve(p) for p in [*item.get("parameters", []), *operation.get("parameters", [])]]
        for parameter in parameters:  # an operation's parameter overrides its path item's of the same name
            location = f"{name} {parameter['in']} parameter {parameter['name']}"
            required = {"required": _required(parameter.get("required", False))}
            self._schema(parameter.get("schema", {}), location, "", f"parameter {parameter['name']}", name, required)
        if "requestBody" in operation:
            body = self.document.resolve(operation["requestBody"])
            self._content(
                body,
                f"{name} request body",
                "a request body",
                name,
                {"required": _required(body.get("required", False))},
            )
        for status, response in operation.get("responses", {}).items():
            self._content(self.document.resolve(response), f"{name} response {status}", f"status {status}", name, {})

    def _security(self, operation: dict[str, Any]) -> dict[str, str]:
        requirements = operation.get("security", self.document.spec.get("security", []))
        schemes = self.document.spec.get("components", {}).get("securitySchemes", {})
        kinds = (
            " + ".join(f"{schemes[n]['type']} {schemes[n].get('scheme', '')}".strip() for n in r) for r in requirements
        )
        return {"security": " or ".join(sorted(kind or "anonymous" for kind in kinds)) or NONE}

    def _content(self, node: dict[str, Any], location: str, what: str, parent: str, aspects: dict[str, str]) -> None:
        """A request body or response: its content types, and the schema of its JSON (or only) content."""
        content = node.get("content", {})
        aspects = {**aspects, "content": ", ".join(sorted(content)) or NONE}
        media = content.get("application/json") or next(iter(content.values()), None)
        if media is None:
            self._add(location, what, parent, aspects)
        else:
            self._schema(media.get("schema", {}), location, "", what, parent, aspects)

    def _schema(
        self, node: dict[str, Any], base: str, path: str, what: str, parent: str, aspects: dict[str, str]
    ) -> None:
        """The schema at `base` + `path` (`.property`, `[]` for items), and everything inside it.

        A oneOf is read as its first alternative, there, and each other alternative at `path oneOf[i]`: Clerk's
        spec documents a body's main shape, and ours may add the shape a parameter asks for (`paginated`).
        """
        alternatives = self.document.resolve(node).get("oneOf")
        if alternatives:
            self._schema(alternatives[0], base, path, what, parent, aspects)
            location = f"{base} {path}" if path else base
            for index, alternative in enumerate(alternatives[1:], start=1):
                self._schema(alternative, base, f"{path} oneOf[{index}]".strip(), f"alternative {index}", location, {})
            return
        schema = self.document.schema(node)
        location = f"{base} {path}" if path else base
        self._add(location, f"{what} of type {_types(schema)}", parent, {**aspects, **_schema_aspects(schema)})
        required = set(schema.get("required", []))
        for name, child in schema.get("properties", {}).items():
            self._schema(
                child, base, f"{path}.{name}", f"property {name}", location, {"required": _required(name in required)}
            )
        if "items" in schema:
            self._schema(schema["items"], base, f"{path}[]", "items", location, {})


def compare(clerk_spec: dict[str, Any], our_spec: dict[str, Any]) -> list[Difference]:
    """Every difference between what the two specs document, each once: under an element only one spec has,
    nothing more is reported."""
    clerk, ours = _Reader(clerk_spec).elements, _Reader(our_spec).elements
    differences = []
    for location in sorted(clerk.keys() | ours.keys()):
        if location in clerk and location in ours:
            a, b = clerk[location].aspects, ours[location].aspects
            differences += [
                Difference(f"{location} ({aspect})", a.get(aspect, NONE), b.get(aspect, NONE))
                for aspect in sorted(a.keys() | b.keys())
                if a.get(aspect) != b.get(aspect)
            ]
        else:
            parent = (clerk.get(location) or ours[location]).parent
            if parent is None or (parent in clerk and parent in ours):
                what = {
                    side: elements[location].what if location in elements else NONE
                    for side, elements in (("clerk", clerk), ("ours", ours))
                }
                differences.append(Difference(location, what["clerk"], what["ours"]))
    return differences


def load_yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text())


def listed_differences(path: Path = DIFFERENCES) -> dict[str, str]:
    """{location: reason} from upstream/differences.yml, where an entry's `at` is one location or a list."""
    listed = {}
    for entry in load_yaml(path):
        for at in [entry["at"]] if isinstance(entry["at"], str) else entry["at"]:
            listed[at] = entry["reason"]
    return listed


def problems(clerk_spec: Path = UPSTREAM_SPEC, our_spec: Path = OUR_SPEC, differences: Path = DIFFERENCES) -> list[str]:
    """What upstream-diff fails on: each unlisted difference, and each listed one that is gone."""
    found = compare(load_yaml(clerk_spec), load_yaml(our_spec))
    listed = listed_differences(differences)
    unlisted = [str(difference) for difference in found if difference.at not in listed]
    gone = sorted(listed.keys() - {difference.at for difference in found})
    return unlisted + [
        f"{at}: listed in {differences.name}, but the specs no longer differ there: remove it" for at in gone
    ]


def main() -> int:
    found = problems()
    if found:
        print("\n".join(found))
        print(
            f"\n{len(found)} difference(s) between openapi.yaml and upstream/{UPSTREAM_SPEC.name}: bring openapi.yaml"
            f" in line, or list the difference with its reason in upstream/{DIFFERENCES.name}."
        )
        return 1
    print(f"openapi.yaml documents all that upstream/{UPSTREAM_SPEC.name} does, but for {DIFFERENCES.name}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
