"""Types shared by the models and endpoints, and the Response every `*_detailed` call returns."""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from enum import Enum, StrEnum
from typing import IO, BinaryIO, Final, Generic, Literal, Self, TypeVar

from attrs import define, field

from ._pagination import Identified, Page, PageScan, iterate_pages, iterate_pages_async

# Decoding moved to its own module (issue 20); imported here, where it has always been importable from.
from .decoding import MAX_JSON_DEPTH, build_response, json_decoder, json_loads, set_json_decoder


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
