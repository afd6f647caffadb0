"""Any number of items through a bulk operation, one outcome per item: what `sync_each`/`asyncio_each` run.

A bulk operation takes at most `maxItems` items and is all or nothing: one refused item refuses the call.
Batch decides what to send, a chunk or one item at a time, and what each answer means for each item;
`run` and `run_async` send what it asks for and hand it the answers, so the rules are written once.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Generator, Iterable, Sized
from typing import Any, Generic, TypeAlias, TypeVar, cast

from attrs import define, field

from .errors import (
    ClerkAPIError,
    ClerkInvitationsError,
    InvalidArgumentError,
    RateLimitError,
    UnexpectedResponse,
    argument_errors,
)
from .types import Response

Item = TypeVar("Item")
Result = TypeVar("Result")

ITEM_REFUSALS = frozenset({400, 402, 409, 422})
"""The statuses of a chunk's refusal that may be about one of its items: its items are then sent one by one."""


@define(frozen=True)
class Outcome(Generic[Item, Result]):
    """What happened to one item.

    Attributes:
        item: The item, as it was given.
        result: What the operation created for it, or None.
        error: Why it was not created (one of this package's exceptions), or None.
        created: True if it was created; False if it certainly was not; None if that is unknown: the
            request carrying it may have reached Clerk before its answer was lost (a connection error, a
            timeout, an unexpected response). List the invitations to find out.
    """

    item: Item
    result: Result | None = None
    error: ClerkInvitationsError | None = None
    created: bool | None = field(default=None, kw_only=True)


@define(frozen=True)
class Send(Generic[Item]):
    """A request Batch asks for: `items` in one bulk call, or its one item through the single operation."""

    items: list[Item]
    bulk: bool


ProgressCallback: TypeAlias = Callable[[int, int | None], object]
"""Called with (items decided, all items or None when the input has no length) after each item's outcome."""


def _refuses_an_item(error: ClerkInvitationsError) -> bool:
    """Whether a chunk's `error` may be about one of its items (then each is tried alone)."""
    if isinstance(error, InvalidArgumentError):  # an item the checks passed that still can't be sent
        return True
    return isinstance(error, ClerkAPIError) and error.status_code in ITEM_REFUSALS


def _stops_the_batch(error: ClerkInvitationsError) -> bool:
    """Whether `error` ends the batch: anything but Clerk's answer about this request (a 429 included)."""
    return isinstance(error, RateLimitError) or not isinstance(error, ClerkAPIError | InvalidArgumentError)


def _may_have_been_created(error: ClerkInvitationsError) -> bool | None:
    """False when `error` proves the request changed nothing, None when it may have."""
    return False if isinstance(error, ClerkAPIError | InvalidArgumentError) else None


class Batch(Generic[Item, Result]):
    """One `sync_each`/`asyncio_each` call: which requests to send, and the outcome of each item in input order.

    - Items go in chunks of at most `max_items`, each checked first by `check` (it raises
      InvalidArgumentError for an item the spec refuses, which then gets that error and is not sent).
    - A chunk refused as a whole with a status of ITEM_REFUSALS is sent again one item at a time through
      the single operation, if there is one (`has_single`), so each item gets its own answer; otherwise,
      and for other refusals (401, 403, 404...), each of its items gets the chunk's error.
    - Any other failure (a 429 the client's retries did not wait out, a deadline, a connection error, an
      unexpected response) stops the batch: the items it was about get it with `created` None (or False
      when it proves nothing was created), and every item not yet sent gets it with `created` False.
    Nothing is sent twice: an item is sent again one by one only after Clerk refused its chunk.
    """

    def __init__(
        self,
        items: Iterable[Item],
        *,
        check: Callable[[Item], object],
        max_items: int,
        has_single: bool,
        on_progress: ProgressCallback | None = None,
    ) -> None:
        self.total: int | None = len(items) if isinstance(items, Sized) else None
        self._items = iter(items)
        self._check = check
        self._max_items = max_items
        self._has_single = has_single
        self._on_progress = on_progress
        self._outcomes: list[Outcome[Item, Result] | None] = []
        self._done = 0
        self._stop: ClerkInvitationsError | None = None
        """What stopped the batch, once something has."""

    def outcomes(self) -> list[Outcome[Item, Result]]:
        """One outcome per item, in input order, once the batch has ended."""
        decided = [outcome for outcome in self._outcomes if outcome is not None]
        assert len(decided) == len(self._outcomes), "an item has no outcome"
        return decided

    def requests(self) -> Generator[Send[Item], object, None]:
        """Yields each request to send; is sent back what it came to: its result (a list for a chunk), or the
        exception it raised."""
        chunk: list[tuple[int, Item]] = []
        for item in self._items:
            index = len(self._outcomes)
            self._outcomes.append(None)
            if self._stop is not None:
                self._decide(index, Outcome(item, error=self._stop, created=False))
                continue
            try:
                with argument_errors():
                    self._check(item)
            except InvalidArgumentError as error:
                self._decide(index, Outcome(item, error=_placed(error, index), created=False))
                continue
            chunk.append((index, item))
            if len(chunk) == self._max_items:
                yield from self._send_chunk(chunk)
                chunk = []
        if chunk:
            yield from self._send_chunk(chunk)

    def _send_chunk(self, chunk: list[tuple[int, Item]]) -> Generator[Send[Item], object, None]:
        """Sends `chunk` (one by one if Clerk refuses it as a whole); sets what stops the batch, if anything."""
        answer = yield Send([item for _, item in chunk], bulk=True)
        if isinstance(answer, list):
            results = cast("list[Result]", answer)
            if len(results) == len(chunk):
                for (index, item), result in zip(chunk, results, strict=True):
                    self._decide(index, Outcome(item, result, created=True))
                return
            answer = _count_mismatch(len(chunk), len(results))
        assert isinstance(answer, ClerkInvitationsError), "a bulk call answers a list or raises"
        if _refuses_an_item(answer):
            if self._has_single:
                yield from self._send_one_by_one(chunk)
                return
            for index, item in chunk:
                self._decide(index, Outcome(item, error=answer, created=False))
            return
        for index, item in chunk:
            self._decide(index, Outcome(item, error=answer, created=_may_have_been_created(answer)))
        if _stops_the_batch(answer):
            self._stop = answer

    def _send_one_by_one(self, chunk: list[tuple[int, Item]]) -> Generator[Send[Item], object, None]:
        for position, (index, item) in enumerate(chunk):
            answer = yield Send([item], bulk=False)
            if not isinstance(answer, ClerkInvitationsError):
                self._decide(index, Outcome(item, cast("Result", answer), created=True))
                continue
            if not _stops_the_batch(answer):
                self._decide(index, Outcome(item, error=answer, created=False))
                continue
            self._decide(index, Outcome(item, error=answer, created=_may_have_been_created(answer)))
            for later_index, later_item in chunk[position + 1 :]:
                self._decide(later_index, Outcome(later_item, error=answer, created=False))
            self._stop = answer
            return

    def _decide(self, index: int, outcome: Outcome[Item, Result]) -> None:
        self._outcomes[index] = outcome
        self._done += 1
        if self._on_progress is not None:
            self._on_progress(self._done, self.total)


def _placed(error: InvalidArgumentError, index: int) -> InvalidArgumentError:
    """`error`, about the one-item body an item is checked in (`body[0]...`), about the item's place in the input."""
    checked = "body[0]"
    if error.argument is None or not error.argument.startswith(checked):
        return error
    place = f"items[{index}]"
    argument = place + error.argument[len(checked) :]
    return InvalidArgumentError(str(error).replace(checked, place, 1), argument=argument, rule=error.rule)


def _count_mismatch(sent: int, received: int) -> UnexpectedResponse:
    unread: Response[Any] = Response(status_code=200, content=b"", headers={}, parsed=None)
    message = f"HTTP 200: {received} results for {sent} items sent: which item each is can't be told"
    return UnexpectedResponse(message, unread)


def run(
    batch: Batch[Item, Result],
    send_bulk: Callable[[list[Item]], list[Result]],
    send_single: Callable[[Item], Result] | None,
) -> list[Outcome[Item, Result]]:
    """Send what `batch` asks for, one request at a time; its outcomes."""
    requests = batch.requests()
    answer: object = None
    while True:
        try:
            request = requests.send(answer)
        except StopIteration:
            return batch.outcomes()
        try:
            if request.bulk:
                answer = send_bulk(request.items)
            else:
                assert send_single is not None, "Batch asks for single requests only when there is an operation"
                answer = send_single(request.items[0])
        except ClerkInvitationsError as error:
            answer = error


async def run_async(
    batch: Batch[Item, Result],
    send_bulk: Callable[[list[Item]], Awaitable[list[Result]]],
    send_single: Callable[[Item], Awaitable[Result]] | None,
) -> list[Outcome[Item, Result]]:
    """Send what `batch` asks for, one request at a time; its outcomes."""
    requests = batch.requests()
    answer: object = None
    while True:
        try:
            request = requests.send(answer)
        except StopIteration:
            return batch.outcomes()
        try:
            if request.bulk:
                answer = await send_bulk(request.items)
            else:
                assert send_single is not None, "Batch asks for single requests only when there is an operation"
                answer = await send_single(request.items[0])
        except ClerkInvitationsError as error:
            answer = error


__all__ = ["Batch", "Outcome", "run", "run_async"]
