"""tools/model_schema.py: what from_dict checks and what _from_mirror reads for each kind of property.

Unit-level, on the generator's own Property classes read from a small spec; tests/pipeline/test_model_generation.py
proves the generated code on a scratch spec.
"""

from __future__ import annotations

from typing import Any

import pytest
from openapi_python_client.config import Config, ConfigFile, MetaType
from openapi_python_client.parser import GeneratorData

from tools.model_schema import FieldPlan, schema_globals


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


PROPERTIES: dict[str, Any] = {
    "name": {"type": "string"},
    "note": {"type": ["string", "null"]},
    "ratio": {"type": "number"},
    "kind": ref("Kind"),
    "metadata": ref("Metadata"),
    "names": {"type": "array", "items": {"type": "string"}},
    "tags": {"type": "array", "items": ref("Tag")},
    "owner": {"anyOf": [ref("Tag"), {"type": "null"}]},
    "either": {"oneOf": [ref("Tag"), ref("Other")]},
    "anything": {},
    # Optional, and named as words of the guards' own text (`is not None`): guards name the property, never a part
    "one": {"anyOf": [ref("Tag"), {"type": "null"}]},
    "no": {"type": "array", "items": ref("Tag")},
}
REQUIRED = ["name", "ratio", "kind", "metadata", "tags", "owner", "either", "anything"]
LINK_PROPERTIES: dict[str, Any] = {
    "url": {"type": "string"},
    "avatar_url": {"type": ["string", "null"]},
    "click_url": {"type": "integer"},
    "urls": {"type": "array", "items": {"type": "string"}},
    "label": {"type": "string"},
}


@pytest.fixture(scope="module")
def models() -> list[Any]:
    tag = {"type": "object", "required": ["label"], "properties": {"label": {"type": "string"}}}
    document = {
        "openapi": "3.1.0",
        "info": {"title": "Unit", "version": "1"},
        "paths": {},
        "components": {
            "schemas": {
                "Kind": {"type": "string", "enum": ["a"]},
                "Metadata": {"type": "object", "additionalProperties": True},
                "Tag": tag,
                "Other": {**tag, "required": ["size"], "properties": {"size": {"type": "integer"}}},
                "Team": {"type": "object", "required": REQUIRED, "properties": PROPERTIES},
                "Link": {"type": "object", "required": ["url"], "properties": LINK_PROPERTIES},
            }
        },
    }
    config = Config.from_sources(
        ConfigFile(), MetaType.NONE, document_source=__file__, file_encoding="utf-8", overwrite=False, output_path=None
    )
    data = GeneratorData.from_dict(document, config=config)
    assert isinstance(data, GeneratorData)
    return data.models


def properties_of(models: list[Any], name: str) -> list[Any]:
    (model,) = [model for model in models if model.class_info.name == name]
    return [*(model.required_properties or []), *(model.optional_properties or [])]


@pytest.fixture(scope="module")
def plans(models: list[Any]) -> dict[str, FieldPlan]:
    plan = schema_globals(models)["field_plan"]
    return {str(prop.python_name): plan(prop) for prop in properties_of(models, "Team")}


def test_json_values_are_read_as_they_are_and_checked_by_their_class(plans: dict[str, FieldPlan]) -> None:
    assert plans["name"] == FieldPlan("raw", "name.__class__ is not str", "", "name", "mirror.name")
    assert plans["ratio"].check == "(ratio.__class__ is not float and ratio.__class__ is not int)"
    assert plans["note"].check == "(note.__class__ is not str and note is not UNSET and note is not None)"


def test_a_free_form_object_is_checked_and_copied(plans: dict[str, FieldPlan]) -> None:
    assert plans["metadata"].check == "(metadata.__class__ is not dict and not decoding.is_object(metadata))"
    assert (plans["metadata"].value, plans["metadata"].mirror) == ("dict(metadata)", "mirror.metadata")


def test_lists_are_checked_and_lists_of_models_built_after_the_checks(plans: dict[str, FieldPlan]) -> None:
    names = plans["names"]
    assert names.check == (
        "((names.__class__ is not list or any(item.__class__ is not str for item in names)) and names is not UNSET)"
    )
    tags = plans["tags"]
    assert (tags.check, tags.after) == ("tags.__class__ is not list", "tags = [Tag.from_dict(item) for item in tags]")
    assert tags.mirror == "list(map(decoding.builder(Tag), mirror.tags))"


def test_enums_models_and_nullable_models_check_themselves(plans: dict[str, FieldPlan]) -> None:
    assert (plans["kind"].kind, plans["kind"].check) == ("enum", "")
    assert plans["owner"].mirror == "decoding.builder(Tag)(mirror.owner) if mirror.owner is not None else mirror.owner"
    assert plans["anything"] == FieldPlan("raw", "", "", "anything", "mirror.anything")


def test_a_union_of_two_objects_cannot_be_mirrored_and_is_checked_by_the_walk(plans: dict[str, FieldPlan]) -> None:
    either = plans["either"]
    assert (either.kind, either.check, either.mirror) == (
        "other",
        'decoding.wrong_value(cls, "either", src_dict)',
        None,
    )


def test_a_string_named_url_or_ending_in_url_is_a_url_field(models: list[Any]) -> None:
    url_field = schema_globals(models)["url_field"]

    found = {str(prop.python_name) for prop in properties_of(models, "Link") if url_field(prop)}

    assert found == {"url", "avatar_url"}


def test_an_optional_models_guard_names_the_mirrors_attribute_whatever_the_name(plans: dict[str, FieldPlan]) -> None:
    assert plans["one"].mirror == (
        "decoding.builder(Tag)(mirror.one) if mirror.one is not UNSET and mirror.one is not None else mirror.one"
    )
    assert plans["no"].mirror == (
        "list(map(decoding.builder(Tag), mirror.no)) if mirror.no is not UNSET else mirror.no"
    )
    assert plans["no"].after == "if no is not UNSET:\n    no = [Tag.from_dict(item) for item in no]"
