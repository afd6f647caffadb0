"""What decoding.py needs from the models' annotations, only at a model's first body or at a mismatch (issue 20).

- `find_mismatch`: the walk that names the first place where a body doesn't match a model (from_dict calls it,
  through decoding.mismatch, once its checks have failed);
- `new_decoder`: msgspec's decoder into private Struct mirrors of a model, built from its annotations, and
  `free_too_deep`, the fast path's depth check of the free-form values it decoded.

Apart from decoding.py, so that importing the package doesn't compile what most processes never run (import time).
"""

from __future__ import annotations

import datetime
import sys
import types
import typing
import uuid
from collections.abc import Callable, Mapping
from enum import Enum
from functools import partial
from operator import attrgetter, is_not
from typing import Any

import attrs

from .decoding import FAST_PATH_DEPTH, BodyMismatch, deeper_than, is_object, json_type
from .types import UNSET, Unset

# `value is not UNSET`, in C: which values of an optional field the fast path's depth check looks into.
_IS_SET = partial(is_not, UNSET)


def _expected(hint: Any) -> str:
    """What a type annotation asks for, in JSON's words."""
    if hint in (type(None), None):
        return "null"
    if hint is bool:
        return "a boolean"
    if hint is int:
        return "an integer"
    if hint is float:
        return "a number"
    if hint is str or (isinstance(hint, type) and issubclass(hint, str)):
        return "a string"
    origin = typing.get_origin(hint)
    if origin is list:
        return "an array"
    if origin is dict or attrs.has(typing.cast("type[Any]", hint)):
        return "an object"
    if origin in (typing.Union, types.UnionType):
        expected = (_expected(member) for member in sorted(_members(hint), key=lambda m: m is type(None)))
        return " or ".join(dict.fromkeys(expected))
    return str(typing.cast("object", hint))


def _members(hint: Any) -> list[Any]:
    """The members of a union, without Unset (an absent field, not a JSON value)."""
    return [member for member in typing.get_args(hint) if member is not Unset]


_FIELDS: dict[type[Any], list[tuple[str, str, Any, bool]]] = {}


def _fields(model: type[Any]) -> list[tuple[str, str, Any, bool]]:
    """(JSON key, attribute, annotation, required) of each of a model's fields; additional_properties last, if any,
    with key "" (its annotation that of the values)."""
    if model in _FIELDS:
        return _FIELDS[model]
    hints = typing.get_type_hints(model)
    # The generated module's {JSON key: attribute}.
    keys: dict[str, str] = getattr(sys.modules[model.__module__], "_KNOWN_KEYS", {})
    fields = [
        (key, attribute, hints[attribute], Unset not in typing.get_args(hints[attribute]))
        for key, attribute in keys.items()
    ]
    if "additional_properties" in hints:
        fields.append(("", "additional_properties", typing.get_args(hints["additional_properties"])[1], False))
    _FIELDS[model] = fields
    return fields


def find_mismatch(value: Any, hint: Any, path: str) -> BodyMismatch | None:
    """The first place where `value` doesn't match annotation `hint`, or None."""
    if hint is Any:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        found = [find_mismatch(value, member, path) for member in _members(hint)]
        if None in found:
            return None
        # A member of the value's own JSON type explains it best (an object: why it isn't that model).
        inner = next((f for f in found if f is not None and f.path != path.removeprefix(".")), None)
        return inner or BodyMismatch(path, f"expected {_expected(hint)}, got {json_type(value)}")
    if hint is float:
        matches = type(value) in (int, float)
    elif hint in (str, int, bool, type(None)):
        matches = type(value) is hint
    elif isinstance(hint, type) and issubclass(hint, Enum):
        matches = _is_value_of(value, hint)
    elif hint in (datetime.datetime, datetime.date, uuid.UUID):  # a string in JSON, which from_dict converts
        matches = type(value) is str
    elif origin is list:
        if value.__class__ is not list:  # (__class__: Any isn't narrowed to a list of unknowns)
            return BodyMismatch(path, f"expected an array, got {json_type(value)}")
        (item_hint,) = typing.get_args(hint)
        return next((m for i, item in enumerate(value) if (m := find_mismatch(item, item_hint, f"{path}[{i}]"))), None)
    elif origin is dict or attrs.has(typing.cast("type[Any]", hint)):
        if not is_object(value):
            return BodyMismatch(path, f"expected an object, got {json_type(value)}")
        if origin is dict:
            return _mismatch_in_values(value, typing.get_args(hint)[1], path)
        return _mismatch_in_model(value, typing.cast("type[Any]", hint), path)
    else:
        matches = isinstance(value, hint)
    return None if matches else BodyMismatch(path, f"expected {_expected(hint)}, got {json_type(value)}")


def field_mismatch(model: type[Any], attribute: str, data: Mapping[str, Any]) -> BodyMismatch | None:
    """Where the value of `model`'s `attribute` in `data` (decoded JSON) doesn't match its annotation, or None
    (None too if it is absent: from_dict finds a missing required key itself)."""
    for key, field_attribute, hint, _required in _fields(model):
        if field_attribute == attribute:
            return find_mismatch(data[key], hint, key) if key in data else None
    return None


def _is_value_of(value: object, enum: type[Enum]) -> bool:
    """Whether `value` is a value of `enum`: any string for an open enum (types.OpenStrEnum)."""
    try:
        enum(value)
    except (ValueError, TypeError):
        return False
    return True


def _mismatch_in_values(value: Mapping[str, Any], hint: Any, path: str) -> BodyMismatch | None:
    for key, item in value.items():
        if found := find_mismatch(item, hint, f"{path}.{key}"):
            return found
    return None


def _mismatch_in_model(value: Mapping[str, Any], model: type[Any], path: str) -> BodyMismatch | None:
    known: set[str] = set()
    for key, _attribute, hint, required in _fields(model):
        if not key:  # additional_properties: the keys the spec doesn't list
            return _mismatch_in_values({k: v for k, v in value.items() if k not in known}, hint, path)
        known.add(key)
        if key not in value:
            if required:
                return BodyMismatch(f"{path}.{key}", "required, missing")
        elif found := find_mismatch(value[key], hint, f"{path}.{key}"):
            return found
    return None


class _Layout:
    """Where a mirror's free-form values are (whose depth the fast path checks), and its nested mirrors."""

    def __init__(self) -> None:
        self.free: list[tuple[Callable[[Any], Any], bool]] = []  # (getter, whether UNSET may stand there)
        self.nested: list[tuple[Callable[[Any], Any], type[Any]]] = []  # (getter, a mirror it may hold)
        self.has_free = False


_LAYOUTS: dict[type[Any], _Layout] = {}


def new_decoder(target: Any) -> Any:
    try:
        import msgspec
    except ImportError:
        return None
    try:
        return msgspec.json.Decoder(_mirror(target, set()))
    except (TypeError, _Unmirrorable):  # a union msgspec can't tell apart, a recursive model
        return None


class _Unmirrorable(Exception):
    """A model the fast path can't mirror: it takes the Python path."""


def free_too_deep(mirrors: list[Any]) -> bool:
    """Whether a free-form value in `mirrors` (all of one mirror type) nests deeper than FAST_PATH_DEPTH."""
    values = _free_values(mirrors, mirrors[0].__class__)
    return bool(values) and deeper_than(FAST_PATH_DEPTH, values)


def _free_values(mirrors: list[Any], mirror_type: type[Any]) -> list[Any]:
    layout = _LAYOUTS[mirror_type]
    if not layout.has_free:
        return []
    found: list[Any] = []
    for getter, may_be_unset in layout.free:
        # UNSET, an enum member, would lead the walk into its class: left out (in C). None has no referents.
        found += filter(_IS_SET, map(getter, mirrors)) if may_be_unset else map(getter, mirrors)
    for getter, nested_type in layout.nested:
        held: list[Any] = []
        for value in map(getter, mirrors):
            if type(value) is list:
                held += value
            elif type(value) is nested_type:
                held.append(value)
        if held:
            found += _free_values(held, nested_type)
    return found


def _mirror(hint: Any, building: set[type[Any]]) -> Any:
    """The type msgspec decodes into for annotation `hint`: a model becomes its mirror Struct, Unset goes."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        members = tuple(_mirror(member, building) for member in _members(hint))
        return members[0] if len(members) == 1 else typing.Union[members]  # noqa: UP007 - built from a tuple
    if origin is list:
        return list[_mirror(typing.get_args(hint)[0], building)]  # type: ignore[misc]
    if origin is dict:
        return dict[str, _mirror(typing.get_args(hint)[1], building)]  # type: ignore[misc]
    if attrs.has(hint):
        return _struct(hint, building)
    return hint


_STRUCTS: dict[type[Any], type[Any]] = {}


def _struct(model: type[Any], building: set[type[Any]]) -> type[Any]:
    """The private msgspec Struct mirroring `model`: its fields, their JSON keys, and no other key."""
    if model in _STRUCTS:
        return _STRUCTS[model]
    if model in building or not hasattr(model, "_from_mirror"):
        raise _Unmirrorable(model.__name__)
    import msgspec

    building.add(model)
    fields: list[tuple[str, Any, Any]] = []
    rename: dict[str, str] = {}
    layout = _Layout()
    for key, attribute, hint, required in _fields(model):
        if not key:
            continue  # additional_properties: the mirror refuses unknown keys, the Python path keeps them
        mirrored = _mirror(hint, building)
        fields.append((attribute, mirrored, msgspec.NODEFAULT if required else UNSET))
        rename[attribute] = key
        getter = attrgetter(attribute)
        # The nested mirrors that hold free-form values (a recursive model can't be mirrored: all are built).
        nested = [member for member in _mirrored_types(mirrored) if member in _LAYOUTS and _LAYOUTS[member].has_free]
        layout.nested += [(getter, nested_type) for nested_type in nested]
        if _holds_any(mirrored):
            layout.free.append((getter, not required))
    struct: type[Any] = msgspec.defstruct(
        f"{model.__name__}Mirror",
        fields,
        kw_only=True,
        forbid_unknown_fields=True,
        rename=rename,
        gc=False,  # decoded JSON makes no reference cycle; untracked Structs are cheaper to make
        module=__name__,
    )
    layout.has_free = bool(layout.free) or any(_LAYOUTS[nested].has_free for _, nested in layout.nested)
    _LAYOUTS[struct] = layout
    _STRUCTS[model] = struct
    building.discard(model)
    return struct


def _mirrored_types(hint: Any) -> list[Any]:
    """The types a mirrored annotation names at its top, and those of a list's items."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return [found for member in typing.get_args(hint) for found in _mirrored_types(member)]
    if origin is list:
        return _mirrored_types(typing.get_args(hint)[0])
    return [hint]


def _holds_any(hint: Any) -> bool:
    """Whether values of the mirrored annotation may hold any JSON (a free-form object, Any)."""
    return hint is Any or any(_holds_any(argument) for argument in typing.get_args(hint))
