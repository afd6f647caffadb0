"""Response checks are generated from the spec for every model (issue 20): a scratch spec with each kind of
property (string, integer, number, boolean, nullable, optional, enum, free-form object, list of strings, list of
models, nullable reference, a renamed key, a union of two objects) goes through the generator with our templates.

Each model checks each value's JSON type on the Python path; each model msgspec can mirror also gets
`_from_mirror` and takes the fast path, with the same results; the one with a union of two objects takes the
Python path only (decided in Python: tools/model_schema.py gives it no `_from_mirror`).
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.support.generation import imported_scratch, mypy_strict
from tests.support.paths import ROOT


def obj(required: list[str], properties: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "required": required, "properties": properties}


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


SCHEMAS: dict[str, Any] = {
    "Kind": {"type": "string", "enum": ["a", "b"]},
    "Tag": obj(["label"], {"label": {"type": "string"}}),
    "Other": obj(["size"], {"size": {"type": "integer"}}),
    "Metadata": {"type": "object", "additionalProperties": True},
    "Team": obj(
        ["id", "type", "count", "ratio", "active", "kind", "metadata", "names", "tags", "owner"],
        {
            "id": {"type": "string"},
            "type": {"type": "string"},  # a key the generator renames (type_)
            "count": {"type": "integer"},
            "ratio": {"type": "number"},
            "active": {"type": "boolean"},
            "kind": ref("Kind"),
            "metadata": ref("Metadata"),
            "names": {"type": "array", "items": {"type": "string"}},
            "tags": {"type": "array", "items": ref("Tag")},
            "owner": {"anyOf": [ref("Tag"), {"type": "null"}]},
            "note": {"type": ["string", "null"]},
            "extra": {"anyOf": [ref("Metadata"), {"type": "null"}]},
            "later": ref("Kind"),
        },
    ),
    "Either": obj(
        ["value"],
        {"value": {"oneOf": [ref("Tag"), ref("Other")]}, "label": {"oneOf": [{"type": "string"}, ref("Tag")]}},
    ),
}

TEAM: dict[str, Any] = {
    "id": "t1",
    "type": "squad",
    "count": 3,
    "ratio": 0.5,
    "active": True,
    "kind": "a",
    "metadata": {"any": [1, {"x": None}]},
    "names": ["ada", "grace"],
    "tags": [{"label": "x"}, {"label": "y"}],
    "owner": None,
    "note": "n",
    "extra": None,
}

WRONG: list[tuple[str, Any, str]] = [
    ("id", 1, "id: expected a string, got a number"),
    ("type", None, "type: expected a string, got null"),
    ("count", 1.5, "count: expected an integer, got a number"),
    ("ratio", "0.5", "ratio: expected a number, got a string"),
    ("active", 1, "active: expected a boolean, got a number"),
    ("kind", 1, "kind: expected a string, got a number"),
    ("metadata", [["k", 1]], "metadata: expected an object, got an array"),
    ("names", "ada", "names: expected an array, got a string"),
    ("names", ["ada", 1], "names[1]: expected a string, got a number"),
    ("tags", {}, "tags: expected an array, got an object"),
    ("tags", [{"label": "x"}, {"label": 2}], "tags[1].label: expected a string, got a number"),
    ("owner", "me", "owner: expected an object or null, got a string"),
    ("owner", {"label": None}, "owner.label: expected a string, got null"),
    ("note", 5, "note: expected a string or null, got a number"),
    ("extra", [], "extra: expected an object or null, got an array"),
    ("later", None, "later: expected a string, got null"),
]


def scratch_spec(ours: dict[str, Any]) -> dict[str, Any]:
    def get(operation_id: str, schema: dict[str, Any]) -> dict[str, Any]:
        return {
            "operationId": operation_id,
            "tags": ["Teams"],
            "responses": {"200": {"description": "OK", "content": {"application/json": {"schema": schema}}}},
        }

    return {
        "openapi": "3.1.0",
        "info": {"title": "Scratch", "version": "1"},
        "security": [{"bearerAuth": []}],
        "paths": {
            "/teams": {"get": get("ListTeams", {"type": "array", "items": ref("Team")})},
            "/either": {"get": get("GetEither", ref("Either"))},
        },
        "components": {
            "securitySchemes": ours["components"]["securitySchemes"],
            # errors.py (a runtime module) reads Clerk's error body.
            "schemas": {name: ours["components"]["schemas"][name] for name in ("ClerkError", "ClerkErrors")} | SCHEMAS,
        },
    }


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    spec = scratch_spec(yaml.safe_load((ROOT / "openapi.yaml").read_text()))
    with imported_scratch(spec, tmp_path_factory.mktemp("models"), "models_client") as output:
        yield output


def read_all_ways(body: Any, model: str) -> list[Any]:
    """A body of `model`s read by msgspec's fast path, then by the Python path (json.loads): each result, or the
    mismatch's message."""
    decoding = importlib.import_module("models_client.decoding")
    cls = getattr(importlib.import_module("models_client.models"), model)
    outcomes = []
    for loads in (None, json.loads):
        decoding.set_json_decoder(loads)
        try:
            outcomes.append(decoding.parse_list(json.dumps(body).encode(), cls))
        except decoding.BodyMismatch as error:
            outcomes.append(str(error))
        finally:
            decoding.set_json_decoder(None)
    return outcomes


def test_a_body_of_every_kind_of_property_parses_alike_both_ways(scratch: Path) -> None:
    fast, python = read_all_ways([TEAM, {**TEAM, "owner": {"label": "o"}, "later": "z", "extra": {"k": 1}}], "Team")

    assert fast == python
    first, second = fast
    assert (first.type_, first.ratio, first.names, first.tags[1].label, first.owner) == (
        "squad",
        0.5,
        TEAM["names"],
        "y",
        None,
    )
    assert (second.owner.label, second.later.is_known, second.extra) == ("o", False, {"k": 1})


@pytest.mark.parametrize(("key", "value", "problem"), WRONG, ids=[f"{key}={value!r}" for key, value, _ in WRONG])
def test_each_wrong_value_is_refused_alike_both_ways_naming_its_place(
    scratch: Path, key: str, value: Any, problem: str
) -> None:
    assert read_all_ways([TEAM, {**TEAM, key: value}], "Team") == [f"[1].{problem}"] * 2


def test_a_missing_required_key_is_named(scratch: Path) -> None:
    body = [{name: value for name, value in TEAM.items() if name != "type"}]

    assert read_all_ways(body, "Team") == ["[0].type: required, missing"] * 2


def test_a_union_of_two_objects_takes_the_python_path_and_is_checked(scratch: Path) -> None:
    models = importlib.import_module("models_client.models")
    decoding = importlib.import_module("models_client.decoding")

    assert hasattr(models.Team, "_from_mirror") and decoding._fast_decoder(models.Team) is not None
    assert not hasattr(models.Either, "_from_mirror") and decoding._fast_decoder(models.Either) is None
    either = decoding.parse(b'{"value": {"size": 2}}', models.Either)
    assert isinstance(either.value, models.Other) and either.value.size == 2
    with pytest.raises(decoding.BodyMismatch, match="^value: expected an object, got a string$"):
        decoding.parse(b'{"value": "x"}', models.Either)
    with pytest.raises(decoding.BodyMismatch, match="^value.size: expected an integer, got a string$"):
        decoding.parse(b'{"value": {"size": "2"}}', models.Either)
    # Upstream reads a union no member of which matches as the value it is: the walk refuses it.
    assert decoding.parse(b'{"value": {"size": 2}, "label": "x"}', models.Either).label == "x"
    with pytest.raises(decoding.BodyMismatch, match="^label: expected a string or an object, got an array$"):
        decoding.parse(b'{"value": {"size": 2}, "label": [1]}', models.Either)


def test_the_generated_package_passes_mypy_strict(scratch: Path) -> None:
    """Its endpoints too: one parses Either, a model with no `_from_mirror`."""
    result = mypy_strict(scratch, "models_client")
    assert result.returncode == 0, result.stdout + result.stderr
