"""Response bodies into models, checked against the spec's types as they are parsed (issue 20).

Two paths give the same models and refuse the same bodies:

- the fast path, with msgspec installed (the `msgspec` extra) and no decoder set by set_json_decoder(): the
  body is decoded in C into private msgspec Structs that mirror the models (built here from the models'
  annotations, the first time a model is parsed), which check every field's type; each model's
  `_from_mirror` then makes the attrs instances. A mirror knows no field the spec doesn't list, and free-form
  values (metadata) may nest at most FAST_PATH_DEPTH levels: a body it refuses for any reason takes the path below,
  which decides. A model msgspec can't mirror (a union of several objects) always takes the path below.
- the Python path: the body is decoded by json_decoder() and read by each model's `from_dict`, which checks
  the same types (one combined test per object) and keeps unknown fields in `additional_properties`.

A body that doesn't match raises BodyMismatch, which names the place (`[3].created_at`) and what was expected,
never the value (it may be an invitation's ticket); the endpoint turns it into errors.UnexpectedResponse.
"""

from __future__ import annotations

import gc
import sys
import types
import typing
from collections.abc import Callable, Mapping
from enum import Enum
from functools import partial
from operator import attrgetter, is_not
from typing import TYPE_CHECKING, Any, Protocol, Self, TypeVar

import attrs

if TYPE_CHECKING:
    import httpx

    from .types import Response

T = TypeVar("T")


class Model(Protocol):
    """A generated model class: what the parsers call on it."""

    @classmethod
    def from_dict(cls, src_dict: Any) -> Self: ...

    @classmethod
    def _from_mirror(cls, mirror: Any) -> Self: ...


M = TypeVar("M", bound=Model)

# The JSON decoder of the Python path: None until set_json_decoder() or the first body chooses one, so that
# importing the package imports no decoder.
_json_loads: Callable[[bytes], Any] | None = None
# Whether set_json_decoder() chose the decoder: every body then takes the Python path, through it.
_decoder_set = False


def set_json_decoder(loads: Callable[[bytes], Any] | None) -> None:
    """Decode every response body of this process with `loads` from now on, e.g. `json.loads` or `orjson.loads`.

    Bodies are then always read by the models' from_dict, which checks their types (msgspec's fast path, if
    installed, is not used). `None` restores the default: msgspec's fast path if the `msgspec` extra is installed,
    and for the bodies it leaves to the Python path orjson if the `orjson` extra is installed, else json.loads. A
    decoder must raise on a body that isn't JSON (the endpoint then raises errors.UnexpectedResponse, as for any
    unreadable body), and return plain dicts, lists, strings, numbers, booleans and None, as those two do.
    """
    global _json_loads, _decoder_set
    _json_loads = loads
    _decoder_set = loads is not None


def json_decoder() -> Callable[[bytes], Any]:
    """The function the Python path decodes response bodies with: the one set_json_decoder() set, else the default.

    The default is orjson.loads if the `orjson` extra is installed, else json.loads. orjson decodes about
    twice as fast, and is stricter than json.loads where Clerk's responses never go: UTF-8 only (the
    encoding JSON over HTTP must use) without a byte order mark, no NaN or Infinity, and integers beyond
    64 bits become floats.
    """
    global _json_loads
    if _json_loads is None:
        try:
            import orjson

            _json_loads = orjson.loads
        except ImportError:
            import json

            _json_loads = json.loads
    return _json_loads


MAX_JSON_DEPTH = 128
"""The most levels of arrays and objects a response body may nest; a deeper body is refused, whichever the decoder.

Far more than Clerk's objects use, and far fewer than would make a model fail to print or pickle: the
standard library's decoder stops near 1,000 levels, less from a deep call stack, orjson's at 1,024.
"""
_TOO_DEEP = f"JSON nested more than {MAX_JSON_DEPTH} levels deep"

FAST_PATH_DEPTH = MAX_JSON_DEPTH // 2
"""The most levels a free-form value (metadata) may nest on the fast path; a deeper one takes the Python path.

Counted from the value, not from the body, so that the fast path never accepts a body MAX_JSON_DEPTH refuses
(no response nests its models half as deep); the Python path counts exactly.
"""


def json_loads(content: bytes) -> Any:
    """A response body's JSON, decoded by json_decoder(); ValueError if it nests deeper than MAX_JSON_DEPTH."""
    try:
        decoded = (_json_loads or json_decoder())(content)
    except RecursionError:  # the standard library's decoder, at its own limit
        raise ValueError(_TOO_DEEP) from None
    except ValueError as error:
        if "depth limit exceeded" in str(error):  # orjson's, at its own limit
            raise ValueError(_TOO_DEEP) from None
        raise
    # A body nested N levels deep has at least 2 * N bytes.
    if len(content) > 2 * MAX_JSON_DEPTH and _deeper_than(MAX_JSON_DEPTH, [decoded]):
        raise ValueError(_TOO_DEEP)
    return decoded


def _deeper_than(levels: int, values: list[Any]) -> bool:
    """Whether the JSON values (plain lists, dicts, strings, numbers...) nest more than `levels` levels deep.

    Level by level, without a Python loop over the values: gc.get_referents lists the items of every
    list and dict of a level at once, and nothing for strings, numbers, booleans and None.
    """
    level = values
    for _ in range(levels):
        level = gc.get_referents(*level)
        if not level:
            return False
    # `level` holds what sits one level deeper than allowed: a list or dict there is too deep.
    return any(isinstance(item, dict | list) for item in level)


class BodyMismatch(ValueError):
    """A response body that doesn't match the spec: `path` says where (`[3].created_at`; empty: the whole body).

    The message says what was expected and what JSON type came, never the value itself.
    """

    def __init__(self, path: str, problem: str) -> None:
        path = path.removeprefix(".")
        super().__init__(path, problem)
        self.path = path
        self.problem = problem

    def __str__(self) -> str:
        return f"{self.path or 'the body'}: {self.problem}"

    def within(self, outer: str) -> BodyMismatch:
        """The same mismatch, its path seen from `outer` (the place of the value it was found in)."""
        return BodyMismatch(
            f"{outer}.{self.path}" if self.path[:1] not in ("", "[") else outer + self.path, self.problem
        )


# Python path


def parse(content: bytes, model: type[M]) -> M:
    """A body that is one `model` (a generated model class), checked; BodyMismatch or ValueError if it isn't."""
    decoder = _fast_decoder(model)
    if decoder is not None:
        mirror = _decode_fast(decoder, content)
        if mirror is not None:
            return builder(model)(mirror)
    return model.from_dict(json_loads(content))


def parse_list(content: bytes, model: type[M]) -> list[M]:
    """A body that is an array of `model`, checked. On the Python path each item is replaced by its model in place
    (each dict freed once read: the garbage collector runs less); a mirror costs the collector nothing."""
    decoder = _fast_decoder(list[model])  # type: ignore[valid-type]
    if decoder is not None:
        mirrors = _decode_fast(decoder, content)
        if mirrors is not None:
            return list(map(builder(model), mirrors))
    items = json_loads(content)
    if items.__class__ is not list:  # (__class__: Any isn't narrowed to a list of unknowns)
        raise BodyMismatch("", f"expected an array, got {_json_type(items)}")
    return _read_in_place(items, model, "")


def parse_page(content: bytes, page_model: type[M], item_model: type[Model], key: str, attribute: str) -> M:
    """A body that is one `page_model` whose `key` (attribute `attribute`) holds an array of `item_model`: `parse`,
    with the items read in place as in parse_list."""
    decoder = _fast_decoder(page_model)
    if decoder is not None:
        mirror = _decode_fast(decoder, content)
        if mirror is not None:
            return builder(page_model)(mirror)
    body = json_loads(content)
    items: Any = body.get(key) if body.__class__ is dict else None
    if items.__class__ is not list:
        return page_model.from_dict(body)  # which says what is wrong
    body[key] = []
    page = page_model.from_dict(body)
    setattr(page, attribute, _read_in_place(items, item_model, key))
    return page


def is_object(value: object) -> bool:
    """Whether a value read by from_dict stands for a JSON object: a Mapping (from_dict takes any)."""
    return isinstance(value, Mapping)


def builder(model: type[M]) -> Callable[[Any], M]:
    """The function that makes a `model` from its mirror (its generated `_from_mirror`)."""
    return model._from_mirror  # pyright: ignore[reportPrivateUsage] - the generated models' own, for this module


def _read_in_place(items: list[Any], model: type[Model], path: str) -> list[Any]:
    """`items` (decoded JSON), each replaced by its `model`; BodyMismatch with the place (`path[3]...`) if one isn't."""
    from_dict = model.from_dict  # looked up once, not once per item
    index = 0
    try:
        for index, item in enumerate(items):
            items[index] = from_dict(item)
    except BodyMismatch as mismatch:
        raise mismatch.within(f"{path}[{index}]") from None
    return items


def build_response(response: httpx.Response, parse: Callable[[httpx.Response], T | None]) -> Response[T]:
    """A Response for any status; a body that `parse` can't read leaves `parsed` None, never raises."""
    from .types import Response  # noqa: PLC0415 - types imports this module

    parsed: T | None = None
    parse_error: Exception | None = None
    try:
        parsed = parse(response)
    except Exception as error:  # any failure to read the body means it doesn't match the spec
        parse_error = error
    return Response(
        status_code=response.status_code,
        content=response.content,
        headers=response.headers,
        parsed=parsed,
        parse_error=parse_error,
    )


def mismatch(model: type[Any], data: object) -> BodyMismatch:
    """Why `data` (decoded JSON) isn't a `model`: the first place that doesn't match. What from_dict raises.

    Walks `data` along the model's annotations; only called once from_dict has failed, so it can be slow.
    """
    found = _mismatch(data, model, "")
    return found if found is not None else BodyMismatch("", f"not a valid {model.__name__}")


def _json_type(value: object) -> str:
    """The JSON type of a decoded value, as the messages name it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


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
    from .types import Unset  # noqa: PLC0415 - types imports this module

    return [member for member in typing.get_args(hint) if member is not Unset]


_FIELDS: dict[type[Any], list[tuple[str, str, Any, bool]]] = {}


def _fields(model: type[Any]) -> list[tuple[str, str, Any, bool]]:
    """(JSON key, attribute, annotation, required) of each of a model's fields; additional_properties last, if any,
    with key "" (its annotation that of the values)."""
    if model in _FIELDS:
        return _FIELDS[model]
    from .types import Unset  # noqa: PLC0415 - types imports this module

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


def _mismatch(value: Any, hint: Any, path: str) -> BodyMismatch | None:
    """The first place where `value` doesn't match annotation `hint`, or None."""
    if hint is Any:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        found = [_mismatch(value, member, path) for member in _members(hint)]
        if None in found:
            return None
        # A member of the value's own JSON type explains it best (an object: why it isn't that model).
        inner = next((f for f in found if f is not None and f.path != path.removeprefix(".")), None)
        return inner or BodyMismatch(path, f"expected {_expected(hint)}, got {_json_type(value)}")
    if hint is float:
        matches = type(value) in (int, float)
    elif hint in (str, int, bool, type(None)):
        matches = type(value) is hint
    elif isinstance(hint, type) and issubclass(hint, Enum):
        matches = _is_value_of(value, hint)
    elif origin is list:
        if value.__class__ is not list:  # (__class__: Any isn't narrowed to a list of unknowns)
            return BodyMismatch(path, f"expected an array, got {_json_type(value)}")
        (item_hint,) = typing.get_args(hint)
        return next((m for i, item in enumerate(value) if (m := _mismatch(item, item_hint, f"{path}[{i}]"))), None)
    elif origin is dict or attrs.has(typing.cast("type[Any]", hint)):
        if not is_object(value):
            return BodyMismatch(path, f"expected an object, got {_json_type(value)}")
        if origin is dict:
            return _mismatch_in_values(value, typing.get_args(hint)[1], path)
        return _mismatch_in_model(value, typing.cast("type[Any]", hint), path)
    else:
        matches = isinstance(value, hint)
    return None if matches else BodyMismatch(path, f"expected {_expected(hint)}, got {_json_type(value)}")


def _is_value_of(value: object, enum: type[Enum]) -> bool:
    """Whether `value` is a value of `enum`: any string for an open enum (types.OpenStrEnum)."""
    try:
        enum(value)
    except (ValueError, TypeError):
        return False
    return True


def _mismatch_in_values(value: Mapping[str, Any], hint: Any, path: str) -> BodyMismatch | None:
    for key, item in value.items():
        if found := _mismatch(item, hint, f"{path}.{key}"):
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
        elif found := _mismatch(value[key], hint, f"{path}.{key}"):
            return found
    return None


# Fast path: msgspec


class _Layout:
    """Where a mirror's free-form values are (whose depth the fast path checks), and its nested mirrors."""

    def __init__(self) -> None:
        self.free: list[tuple[Callable[[Any], Any], bool]] = []  # (getter, whether UNSET may stand there)
        self.set: Callable[[Any], bool] = lambda value: True  # `value is not UNSET`, in C (set by _struct)
        self.nested: list[tuple[Callable[[Any], Any], type[Any]]] = []  # (getter, a mirror it may hold)
        self.has_free = False


_LAYOUTS: dict[type[Any], _Layout] = {}
_DECODERS: dict[Any, Any] = {}  # model or list[model] -> msgspec decoder, or None: the Python path


def _fast_decoder(target: Any) -> Any:
    """msgspec's decoder into the mirror of `target`, or None if the body takes the Python path."""
    if _decoder_set:
        return None
    try:
        return _DECODERS[target]
    except KeyError:
        decoder = _DECODERS[target] = _new_decoder(target)
        return decoder


def _new_decoder(target: Any) -> Any:
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


def _decode_fast(decoder: Any, content: bytes) -> Any:
    """The mirror(s) of the body, or None if the fast path refuses it (the Python path then decides)."""
    try:
        decoded = decoder.decode(content)
    except Exception:  # msgspec.ValidationError, msgspec.DecodeError, RecursionError: the Python path decides
        return None
    found: list[Any] = decoded if decoded.__class__ is list else [decoded]
    if found and type(found[0]) in _LAYOUTS and _free_too_deep(found):
        return None
    return decoded


def _free_too_deep(mirrors: list[Any]) -> bool:
    """Whether a free-form value in `mirrors` (all of one mirror type) nests deeper than FAST_PATH_DEPTH."""
    values = _free_values(mirrors, mirrors[0].__class__)
    return bool(values) and _deeper_than(FAST_PATH_DEPTH, values)


def _free_values(mirrors: list[Any], mirror_type: type[Any]) -> list[Any]:
    layout = _LAYOUTS[mirror_type]
    if not layout.has_free:
        return []
    found: list[Any] = []
    for getter, may_be_unset in layout.free:
        # UNSET, an enum member, would lead the walk into its class: left out (in C). None has no referents.
        found += filter(layout.set, map(getter, mirrors)) if may_be_unset else map(getter, mirrors)
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

    from .types import UNSET  # noqa: PLC0415 - types imports this module

    building.add(model)
    fields: list[tuple[str, Any, Any]] = []
    rename: dict[str, str] = {}
    layout = _Layout()
    layout.set = partial(is_not, UNSET)
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


__all__ = [
    "FAST_PATH_DEPTH",
    "MAX_JSON_DEPTH",
    "BodyMismatch",
    "build_response",
    "builder",
    "is_object",
    "json_decoder",
    "json_loads",
    "mismatch",
    "parse",
    "parse_list",
    "parse_page",
    "set_json_decoder",
]
