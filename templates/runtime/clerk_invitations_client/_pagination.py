"""Pagination: what the `*_page` and `*_all` functions of a list operation (one whose query has `limit` and
`offset`) are made of; types.py re-exports it. Each page is one ordinary call: the same retries, timeouts and
exceptions."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Generic, Protocol, TypeVar

from attrs import define

T = TypeVar("T")


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
