"""What a model's from_dict and _from_mirror do with each property, decided from the generator's Property (issue 20).

templates/model.py.jinja lays the code out; this module decides it, where it is tested
(tests/pipeline/test_model_schema.py) and type-checked:

- how from_dict reads the property (`kind`): `raw` (the JSON value as it is, checked by `check`: strings,
  numbers, booleans, null, free-form objects, lists of those or of models), `enum` (a member, found from the
  value), `model` (the model's from_dict) or `other` (upstream's construct: dates, unions of several objects...);
- `check`: a Python expression, true when the value read into the local of the property's name has the wrong
  JSON type, joined by the template into one test per object; empty where reading raises by itself (an enum, a
  model, a date) or any value will do (Any); for a union or list upstream reads (`other`), decoding.wrong_value,
  which walks the JSON value along the annotation;
- `after`: a statement run once the checks passed (a list of models built from the checked list);
- `value`: the expression from_dict sets the attribute to;
- `mirror`: the expression `_from_mirror` sets the attribute to, from `mirror.<attribute>` (what
  decoding.py's msgspec Struct mirror decoded), or None when the property can't be mirrored, in which case the
  model has no `_from_mirror` and always takes the Python path.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tools.argument_checks import is_free_form
from tools.template_helpers import processed_models

# The JSON types a property of each of the generator's simple classes takes, as `type(value) is ...` names them.
_SIMPLE_TYPES = {
    "StringProperty": ("str",),
    "IntProperty": ("int",),
    "FloatProperty": ("float", "int"),
    "BooleanProperty": ("bool",),
    "NoneProperty": ("None",),
}


@dataclass(frozen=True)
class FieldPlan:
    """How from_dict and _from_mirror read one property (see the module's docstring)."""

    kind: str
    check: str
    after: str
    value: str
    mirror: str | None


def _wrong_type(name: str, json_type: str) -> str:
    """True when the local `name` isn't of `json_type`; an object may be any Mapping (from_dict takes one).

    `__class__`, not `type()`: a little faster, and type checkers don't narrow the local on it (a narrowed Any
    is an unknown type to pyright strict).
    """
    if json_type == "dict":
        return f"({name}.__class__ is not dict and not decoding.is_object({name}))"
    return f"{name}.__class__ is not {json_type}"


def _class(prop: Any) -> str:
    return type(prop).__name__


class Planner:
    """FieldPlans for the properties of the generator's models (`processed` finds a referenced model's properties)."""

    def __init__(self, processed: Callable[[Any], Any]) -> None:
        self.processed = processed

    def _json_types(self, prop: Any) -> tuple[str, ...] | None:
        """The JSON types `type(value) is` must name for `prop` (`dict` for a free-form object, `list` for a list of
        simple values, which `_item_check` checks), or None if it isn't a value from_dict keeps as it is."""
        name = _class(prop)
        if name in _SIMPLE_TYPES:
            return _SIMPLE_TYPES[name]
        if name == "ModelProperty" and is_free_form(self.processed(prop)):
            return ("dict",)
        if name == "UnionProperty":
            found: list[str] = []
            for inner in prop.inner_properties:
                inner_types = self._json_types(inner)
                if inner_types is None or "list" in inner_types:
                    return None
                found += [json_type for json_type in inner_types if json_type not in found]
            return tuple(found)
        if name == "ListProperty" and self._json_types(prop.inner_property) not in (None, ()):
            return ("list",)
        return None

    def _is_any(self, prop: Any) -> bool:
        name = _class(prop)
        if name == "UnionProperty":
            return any(self._is_any(inner) for inner in prop.inner_properties)
        return name == "AnyProperty"

    def _nullable(self, prop: Any) -> bool:
        return _class(prop) == "UnionProperty" and any(
            _class(inner) == "NoneProperty" for inner in prop.inner_properties
        )

    def _present(self, prop: Any, subject: str, operator: str = "is not") -> list[str]:
        """The tests that the expression `subject` holds a value of `prop`: not UNSET where the property is optional,
        not None where it is nullable (with `operator="is"`: that it holds none)."""
        tests = [] if prop.required else [f"{subject} {operator} UNSET"]
        if self._nullable(prop) or _class(prop) == "NoneProperty":
            tests.append(f"{subject} {operator} None")
        return tests

    def _list_item_model(self, prop: Any) -> Any:
        """The model of a list of (not free-form) models, or None."""
        if _class(prop) != "ListProperty" or _class(prop.inner_property) != "ModelProperty":
            return None
        return None if is_free_form(self.processed(prop.inner_property)) else prop.inner_property

    def _nullable_model(self, prop: Any) -> Any:
        """The model of `Model | None` (a nullable reference), or None."""
        if _class(prop) != "UnionProperty" or len(prop.inner_properties) != 2 or not self._nullable(prop):
            return None
        model = next(inner for inner in prop.inner_properties if _class(inner) != "NoneProperty")
        return model if _class(model) == "ModelProperty" and not is_free_form(self.processed(model)) else None

    def plan(self, prop: Any) -> FieldPlan:
        """The FieldPlan of one property."""
        name = prop.python_name
        mirrored = f"mirror.{name}"
        present = self._present(prop, name)
        if self._is_any(prop):
            return FieldPlan("raw", "", "", name, mirrored)
        json_types = self._json_types(prop)
        if json_types is not None:
            wrong = [_wrong_type(name, json_type) for json_type in json_types if json_type != "None"]
            if "list" in json_types:
                item_types = self._json_types(prop.inner_property) or ()
                item_wrong = " and ".join(
                    f"item.__class__ is not {json_type}" for json_type in item_types if json_type != "None"
                )
                if "None" in item_types:
                    item_wrong += " and item is not None"
                wrong = [f"({name}.__class__ is not list or any({item_wrong} for item in {name}))"]
            check = " and ".join(wrong + present)  # the wrong type first: a value of the right type stops there
            copy = name
            values = [json_type for json_type in json_types if json_type != "None"]
            if values == ["dict"]:  # copied: a model shares no dict with its source
                kept = " or ".join(self._present(prop, name, "is"))
                copy = f"{name} if {kept} else dict({name})" if present else f"dict({name})"
            elif "dict" in values:
                copy = f'dict(cast("Mapping[str, Any]", {name})) if decoding.is_object({name}) else {name}'
            return FieldPlan("raw", f"({check})" if len(present) + len(wrong) > 1 else check, "", copy, mirrored)
        if _class(prop) == "EnumProperty":
            return FieldPlan("enum", "", "", name, mirrored)
        item_model = self._list_item_model(prop)
        if item_model is not None:
            cls = item_model.class_info.name
            guard = " and ".join(present)
            check = " and ".join([f"{name}.__class__ is not list", *present])
            build = f"[{cls}.from_dict(item) for item in {name}]"
            after = f"{name} = {build}" if not guard else f"if {guard}:\n    {name} = {build}"
            mirror_build = f"list(map(decoding.builder({cls}), {mirrored}))"
            mirror_guard = " and ".join(self._present(prop, mirrored))
            mirror = mirror_build if not guard else f"{mirror_build} if {mirror_guard} else {mirrored}"
            return FieldPlan("raw", f"({check})" if present else check, after, name, mirror)
        if _class(prop) == "ModelProperty":
            cls = prop.class_info.name
            mirror = f"decoding.builder({cls})({mirrored})"
            if not prop.required:
                mirror = f"UNSET if {mirrored} is UNSET else {mirror}"
            return FieldPlan("model", "", "", name, mirror)
        model = self._nullable_model(prop)
        if model is not None:
            guard = " and ".join(self._present(prop, mirrored))
            mirror = f"decoding.builder({model.class_info.name})({mirrored}) if {guard} else {mirrored}"
            return FieldPlan("other", "", "", name, mirror)
        if _class(prop) in ("UnionProperty", "ListProperty"):
            # Upstream's reading keeps a value no member of a union matches as it came: checked by the slow walk.
            return FieldPlan("other", f'decoding.wrong_value(cls, "{name}", src_dict)', "", name, None)
        return FieldPlan("other", "", "", name, None)


def is_url_field(prop: Any) -> bool:
    """Whether a property is a URL a ticket may ride in: a string (or string or null) named `url` or `*_url`, such as
    an invitation's `url`, whose query holds the sign-up ticket; repr() shows it without its query (types.url_repr)."""
    named = prop.python_name == "url" or prop.python_name.endswith("_url")
    types = set(prop.get_base_type_string().as_unembedded_code().split(" | ")) - {"None", "Unset"}
    return named and types == {"str"}


def schema_globals(models: list[Any]) -> dict[str, Any]:
    """The functions model.py.jinja calls, as Jinja globals: `field_plan(property)` and `url_field(property)`."""
    return {"field_plan": Planner(processed_models(models)).plan, "url_field": is_url_field}
