"""Response bodies into models, checked against the spec's types as they are parsed (issue 20).

Two paths give the same models and refuse the same bodies:

- the fast path, with msgspec installed (the `msgspec` extra) and no decoder set by set_json_decoder(): the
  body is decoded in C into private msgspec Structs that mirror the models (built by _schema.py from the models'
  annotations, the first time a model is parsed), which check every field's type; each model's
  `_from_mirror` then makes the attrs instances. A mirror knows no field the spec doesn't list, and free-form
  values (metadata) may nest at most FAST_PATH_DEPTH levels: a body it refuses for any reason takes the path below,
  which decides. A model msgspec can't mirror (a union of several objects) always takes the path below.
- the Python path: the body is decoded by json_decoder() and read by each model's `from_dict`, which checks
  the same types (one combined test per object) and keeps unknown fields in `additional_properties`.

A body that doesn't match raises BodyMismatch, which names the place (`[3].created_at`) and what was expected,
never the value (it may be an invitation's ticket); the endpoint turns it into errors.UnexpectedResponse. What
only a model's first body or a mismatch needs is in _schema.py, imported then (import time).
"""

from __future__ import annotations

import gc
import typing
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Protocol, Self, TypeVar

if TYPE_CHECKING:
    import httpx

    from .types import Response

T = TypeVar("T")


class Model(Protocol):
    """A generated model class: what the parsers call on it (and `_from_mirror`, which a model msgspec can't mirror
    doesn't have: the fast path only calls it on a model it has a decoder for)."""

    @classmethod
    def from_dict(cls, src_dict: Any) -> Self: ...


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
    if len(content) > 2 * MAX_JSON_DEPTH and deeper_than(MAX_JSON_DEPTH, [decoded]):
        raise ValueError(_TOO_DEEP)
    return decoded


def deeper_than(levels: int, values: list[Any]) -> bool:
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
        raise BodyMismatch("", f"expected an array, got {json_type(items)}")
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


def json_type(value: object) -> str:
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


def wrong_value(model: type[Any], attribute: str, data: Mapping[str, Any]) -> bool:
    """Whether the JSON value of `model`'s `attribute` in `data` doesn't match its annotation: from_dict's check of a
    property it can't check cheaply (a union of several objects, or of an object and a value), which upstream's
    reading would otherwise keep as it came when no member matches."""
    from ._schema import field_mismatch  # noqa: PLC0415 - import time

    return field_mismatch(model, attribute, data) is not None


def is_object(value: object) -> bool:
    """Whether a value read by from_dict stands for a JSON object: a Mapping (from_dict takes any)."""
    return isinstance(value, Mapping)


def builder(model: type[M]) -> Callable[[Any], M]:
    """The function that makes a `model` from its mirror (its generated `_from_mirror`)."""
    build: Callable[[Any], M] = typing.cast("Any", model)._from_mirror
    return build


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
    from ._schema import find_mismatch  # noqa: PLC0415 - only a failure needs it (import time)

    found = find_mismatch(data, model, "")
    return found if found is not None else BodyMismatch("", f"not a valid {model.__name__}")


# Fast path: msgspec

_DECODERS: dict[Any, Any] = {}  # model or list[model] -> msgspec decoder, or None: the Python path
_schema: Any = None  # the module _schema, imported with the first decoder


def _fast_decoder(target: Any) -> Any:
    """msgspec's decoder into the mirror of `target`, or None if the body takes the Python path."""
    global _schema
    if _decoder_set:
        return None
    try:
        return _DECODERS[target]
    except KeyError:
        from . import _schema as schema  # noqa: PLC0415 - import time

        _schema = schema
        decoder = _DECODERS[target] = schema.new_decoder(target)
        return decoder


def _decode_fast(decoder: Any, content: bytes) -> Any:
    """The mirror(s) of the body, or None if the fast path refuses it (the Python path then decides)."""
    try:
        decoded = decoder.decode(content)
    except Exception:  # msgspec.ValidationError, msgspec.DecodeError, RecursionError: the Python path decides
        return None
    found: list[Any] = decoded if decoded.__class__ is list else [decoded]
    if found and _schema.free_too_deep(found):
        return None
    return decoded


__all__ = [
    "FAST_PATH_DEPTH",
    "MAX_JSON_DEPTH",
    "BodyMismatch",
    "build_response",
    "deeper_than",
    "builder",
    "is_object",
    "wrong_value",
    "json_decoder",
    "json_loads",
    "mismatch",
    "parse",
    "parse_list",
    "parse_page",
    "set_json_decoder",
]
