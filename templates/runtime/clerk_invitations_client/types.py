"""Types shared by the models and endpoints, and the Response every `*_detailed` call returns."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Mapping, MutableMapping
from enum import Enum, StrEnum
from typing import IO, BinaryIO, Final, Generic, Literal, Protocol, Self, TypeVar

from attrs import define, field

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


# Pagination: what the `*_page` and `*_all` functions of a list operation (one whose query has `limit` and
# `offset`) are made of. Each page is one ordinary call: the same retries, timeouts and exceptions.


@define(frozen=True)
class Page(Generic[T]):
    """One page of a list operation, with the total count.

    Attributes:
        items: The page's items, at most `limit` of them.
        total_count: How many items match the filters in all, before `limit` and `offset`.
        offset: How many items were skipped before this page.
        limit: How many items were asked for.
    """

    items: list[T]
    total_count: int
    offset: int
    limit: int

    @property
    def next_offset(self) -> int | None:
        """The `offset` of the next page, or None if this page is the last."""
        end = self.offset + len(self.items)
        return end if self.items and end < self.total_count else None

    @property
    def has_more(self) -> bool:
        """Whether items remain after this page."""
        return self.next_offset is not None


class Identified(Protocol):
    """An item with an id, as every item a scan yields: the scan yields no id twice."""

    @property
    def id(self) -> str: ...


Item = TypeVar("Item", bound=Identified)


class PageScan:
    """Where a scan across pages stands: the next offset, the ids yielded so far, how many more it may yield.

    Offset paging shifts when items are added before the scan's position (a new invitation under
    `-created_at`): the ids seen keep an item from being yielded twice. The scan ends after a page that
    is the last (`next_offset` None), is shorter than asked, or brings no item not yielded before (a
    server that repeats a page, or says "more" while sending nothing new): every page but the last
    yields at least one item, so a scan sends at most one request more than the items it yields, and
    with `max_items` at most `max_items + 1`.
    """

    def __init__(self, page_size: int, max_items: int | None) -> None:
        self.page_size = page_size
        self.left = max_items
        self.offset: int | None = 0
        self._seen: set[str] = set()

    def next_window(self) -> tuple[int, int] | None:
        """The `offset` and `limit` of the next page to fetch; None when the scan is over."""
        if self.offset is None or self.left == 0:
            return None
        return self.offset, self.page_size if self.left is None else min(self.page_size, self.left)

    def take(self, page: Page[Item]) -> list[Item]:
        """The page's items not yielded before, up to the cap; moves the scan to the next page."""
        seen = self._seen
        new: list[Item] = []
        for item in page.items:
            if item.id not in seen:
                seen.add(item.id)
                new.append(item)
        if self.left is not None:
            del new[self.left :]
            self.left -= len(new)
        self.offset = page.next_offset if new and len(page.items) >= page.limit else None
        return new


def iterate_pages(fetch_page: Callable[[int, int], Page[Item]], scan: PageScan) -> Iterator[Item]:
    """Every item, fetching each page (`fetch_page(offset, limit)`) when the one before is used up."""
    while (window := scan.next_window()) is not None:
        yield from scan.take(fetch_page(*window))


async def iterate_pages_async(
    fetch_page: Callable[[int, int], Awaitable[Page[Item]]], scan: PageScan
) -> AsyncIterator[Item]:
    """iterate_pages for async fetches: `async for item in ...`."""
    while (window := scan.next_window()) is not None:
        for item in scan.take(await fetch_page(*window)):
            yield item


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
