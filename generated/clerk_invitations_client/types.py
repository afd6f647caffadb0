"""Types shared by the models and endpoints, and the Response every `*_detailed` call returns."""

from collections.abc import Callable, Mapping, MutableMapping
from typing import IO, BinaryIO, Generic, Literal, TypeVar

import httpx
from attrs import define, field


class Unset:
    def __bool__(self) -> Literal[False]:
        return False


UNSET: Unset = Unset()

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


T = TypeVar("T")


@define
class Response(Generic[T]):
    """A completed HTTP exchange, whatever its status.

    Attributes:
        status_code: The HTTP status code, any integer (520 included).
        content: The raw body.
        headers: The response headers.
        parsed: The body as the model the operation documents for this status; None if the status
            is undocumented or the body didn't parse.
        parse_error: Why a documented status's body didn't parse, else None.
    """

    status_code: int
    content: bytes
    headers: MutableMapping[str, str]
    parsed: T | None
    parse_error: Exception | None = field(default=None, kw_only=True)


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


__all__ = ["UNSET", "File", "FileTypes", "RequestFiles", "Response", "Unset", "build_response"]
