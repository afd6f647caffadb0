"""Types shared by the models and endpoints, and the Response every `*_detailed` call returns."""

from __future__ import annotations

import gc
from collections.abc import Callable, Mapping, MutableMapping
from enum import Enum, StrEnum
from typing import IO, TYPE_CHECKING, Any, BinaryIO, Final, Generic, Literal, Self, TypeVar

from attrs import define, field

from ._pagination import Identified, Page, PageScan, iterate_pages, iterate_pages_async

if TYPE_CHECKING:
    import httpx


class Unset(Enum):
    """The type of UNSET, a value left out: the one member of a one-member enum, so that `x is not UNSET` narrows."""

    UNSET = "UNSET"

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "UNSET"

    __str__ = __repr__


UNSET: Final = Unset.UNSET
"""A field or argument left out, as the spec allows: not sent, and absent from the JSON it was read from.

None is another value, JSON's null, sent as such where the spec allows it. Test with `x is UNSET` / `x is not UNSET`
(type checkers narrow on it); UNSET is also false, and stays the one UNSET through pickle and copy.
"""


def url_repr(value: object) -> str:
    """How repr() shows a URL field of a model: without its query and fragment, which may hold a credential.

    An invitation's `url` carries the sign-up ticket (`?__clerk_ticket=...`) that lets anyone sign up as the
    invitee: `https://accounts.example.com/sign-up?[hidden]`. The attribute itself keeps the whole URL.
    """
    if not isinstance(value, str):
        return repr(value)
    cut = next((index for index, character in enumerate(value) if character in "?#"), None)
    return repr(value if cut is None else f"{value[: cut + 1]}[hidden]")


# The types that `httpx.Client(files=)` can accept, copied from that library.
FileContent = IO[bytes] | bytes | str
FileTypes = (
    # (filename, file (or bytes), content_type)
    tuple[str | None, FileContent, str | None]
    # (filename, file (or bytes), content_type, headers)
    | tuple[str | None, FileContent, str | None, Mapping[str, str]]
)
RequestFiles = list[tuple[str, FileTypes]]


@define
class File:
    """Contains information for file uploads"""

    payload: BinaryIO
    file_name: str | None = None
    mime_type: str | None = None

    def to_tuple(self) -> FileTypes:
        """Return a tuple representation that httpx will accept for multipart/form-data"""
        return self.file_name, self.payload, self.mime_type


class OpenStrEnum(StrEnum):
    """A string enum that also takes values it doesn't list, as the API may add some.

    An unknown value becomes a pseudo-member: an instance of the enum, equal to its string, with
    `is_known` False. It isn't added to the enum, so iterating the enum lists the spec's values only.
    """

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _missing_(cls, value: object) -> Self | None:
        if not isinstance(value, str):
            return None
        unknown = str.__new__(cls, value)
        unknown._name_ = "UNKNOWN"
        unknown._value_ = value
        return unknown

    @property
    def is_known(self) -> bool:
        """Whether this value is one the spec lists."""
        return self._value_ in type(self)._value2member_map_


T = TypeVar("T")


@define
class Response(Generic[T]):
    """A completed HTTP exchange, whatever its status.

    Attributes:
        status_code: The HTTP status code, any integer (520 included).
        content: The raw body; repr() shows only its length, as an invitation's body holds its ticket.
        headers: The response headers.
        parsed: The body as the model the operation documents for this status; None if the status
            is undocumented or the body didn't parse.
        parse_error: Why a documented status's body didn't parse, else None.
    """

    status_code: int
    content: bytes = field(repr=lambda content: f"<{len(content):,} bytes>")
    headers: MutableMapping[str, str]
    parsed: T | None
    parse_error: Exception | None = field(default=None, kw_only=True)


# The JSON decoder: None until set_json_decoder() or the first body chooses one, so that importing the
# package imports no decoder.
_json_loads: Callable[[bytes], Any] | None = None


def set_json_decoder(loads: Callable[[bytes], Any] | None) -> None:
    """Decode every response body of this process with `loads` from now on, e.g. `json.loads` or `orjson.loads`.

    `None` restores the default, chosen at the next body decoded: orjson if the `orjson` extra is
    installed, else json.loads. A decoder must raise on a body that isn't JSON (the endpoint then
    raises errors.UnexpectedResponse, as for any unreadable body), and return plain dicts, lists,
    strings, numbers, booleans and None, as those two do.
    """
    global _json_loads
    _json_loads = loads


def json_decoder() -> Callable[[bytes], Any]:
    """The function response bodies are decoded with: the one set_json_decoder() set, else the default.

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
    if len(content) > 2 * MAX_JSON_DEPTH:
        _refuse_too_deep(decoded)
    return decoded


def _refuse_too_deep(decoded: Any) -> None:
    """Raise ValueError if `decoded` nests arrays and objects more than MAX_JSON_DEPTH levels deep.

    Level by level, without a Python loop over the values: gc.get_referents lists the items of every
    list and dict of a level at once, and nothing for strings, numbers, booleans and None.
    """
    level = [decoded]
    for _ in range(MAX_JSON_DEPTH):
        level = gc.get_referents(*level)
        if not level:
            return
    # `level` holds what sits one level deeper than allowed: a list or dict there is too deep.
    if any(isinstance(item, dict | list) for item in level):
        raise ValueError(_TOO_DEEP)


def build_response(response: httpx.Response, parse: Callable[[httpx.Response], T | None]) -> Response[T]:
    """A Response for any status; a body that `parse` can't read leaves `parsed` None, never raises."""
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


__all__ = [
    "MAX_JSON_DEPTH",
    "UNSET",
    "File",
    "FileTypes",
    "Identified",
    "OpenStrEnum",
    "Page",
    "PageScan",
    "RequestFiles",
    "Response",
    "Unset",
    "build_response",
    "iterate_pages",
    "iterate_pages_async",
    "json_decoder",
    "json_loads",
    "set_json_decoder",
    "url_repr",
]
