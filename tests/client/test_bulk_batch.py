"""bulk.Batch on its own: the rules of sync_each/asyncio_each, with the sending replaced by a Python function.

Unit-level: what a batch asks to send and what each answer makes of each item is pure logic, tested here
over every kind of answer without a server; test_bulk_each.py sends through real operations over HTTP.
"""

from __future__ import annotations

import random
from typing import Any

import pytest
from clerk_invitations_client.bulk import Batch, Outcome, run
from clerk_invitations_client.errors import (
    APIConnectionError,
    BadRequestError,
    ClerkInvitationsError,
    InvalidArgumentError,
    NotFoundError,
    RateLimitError,
    UnexpectedResponse,
    UnexpectedStatus,
)
from clerk_invitations_client.models import ClerkErrors
from clerk_invitations_client.types import Response


def clerk_error(cls: type[Any], status: int) -> Any:
    response: Response[Any] = Response(status_code=status, content=b"", headers={}, parsed=None)
    return cls(response, ClerkErrors(errors=[]))


def connection_error() -> APIConnectionError:
    return APIConnectionError("dropped")


def unexpected() -> UnexpectedStatus:
    return UnexpectedStatus("HTTP 500", Response(status_code=500, content=b"", headers={}, parsed=None))


def refuse_odd(item: int) -> None:
    if item % 2:
        raise InvalidArgumentError(f"item {item} is odd")


class Clerk:
    """Answers bulk and single calls by a rule, recording what was sent."""

    def __init__(
        self, refuse: set[int] | frozenset[int] = frozenset(), fail: dict[int, ClerkInvitationsError] | None = None
    ) -> None:
        self.refuse, self.fail = refuse, fail or {}
        self.sent: list[list[int]] = []
        self.singles: list[int] = []
        self.created: list[int] = []

    def bulk(self, items: list[int]) -> list[str]:
        self.sent.append(list(items))
        return self._answer(items)

    def _answer(self, items: list[int]) -> list[str]:
        """Refuses a call with an item of `refuse` (400), else fails it as its first item of `fail` says."""
        if self.refuse & set(items):
            raise clerk_error(BadRequestError, 400)
        for item in items:
            if item in self.fail:
                raise self.fail[item]
        self.created += items
        return [f"created {item}" for item in items]

    def single(self, item: int) -> str:
        self.singles.append(item)
        return self._answer([item])[0]


def each(
    items: Any, clerk: Clerk, *, single: bool = True, max_items: int = 3, **kwargs: Any
) -> list[Outcome[int, str]]:
    batch: Batch[int, str] = Batch(items, check=refuse_odd, max_items=max_items, has_single=single, **kwargs)
    return run(batch, clerk.bulk, clerk.single if single else None)


def test_items_go_in_chunks_of_max_items_skipping_refused_ones() -> None:
    clerk = Clerk()
    outcomes = each(range(12), clerk)
    assert clerk.sent == [[0, 2, 4], [6, 8, 10]]
    assert [(o.item, o.created) for o in outcomes] == [(n, n % 2 == 0) for n in range(12)]
    assert all(isinstance(o.error, InvalidArgumentError) for o in outcomes if o.item % 2)


def test_a_refused_chunk_is_sent_one_by_one() -> None:
    clerk = Clerk(refuse={4})
    outcomes = each([0, 2, 4, 6], clerk)
    assert (clerk.sent, clerk.singles) == ([[0, 2, 4], [6]], [0, 2, 4])
    assert [o.created for o in outcomes] == [True, True, False, True]
    assert isinstance(outcomes[2].error, BadRequestError)


def test_without_a_single_operation_every_item_of_a_refused_chunk_gets_its_error() -> None:
    clerk = Clerk(refuse={4})
    outcomes = each([0, 2, 4, 6], clerk, single=False)
    assert clerk.sent == [[0, 2, 4], [6]]
    assert [o.created for o in outcomes] == [False, False, False, True]
    assert all(isinstance(o.error, BadRequestError) for o in outcomes[:3])


def test_a_refusal_about_the_whole_call_is_not_retried_one_by_one_and_does_not_stop() -> None:
    clerk = Clerk(fail={0: clerk_error(NotFoundError, 404)})
    outcomes = each([0, 2, 4, 6], clerk)
    assert clerk.sent == [[0, 2, 4], [6]]
    assert [o.created for o in outcomes] == [False, False, False, True]


@pytest.mark.parametrize(
    ("error", "in_doubt"),
    [(clerk_error(RateLimitError, 429), False), (connection_error(), None), (unexpected(), None)],
    ids=["429", "connection", "unexpected"],
)
def test_what_stops_the_batch_stops_it(error: ClerkInvitationsError, in_doubt: bool | None) -> None:
    clerk = Clerk(fail={6: error})
    outcomes = each(range(0, 20, 2), clerk)
    assert clerk.sent == [[0, 2, 4], [6, 8, 10]]
    assert [o.created for o in outcomes] == [True] * 3 + [in_doubt] * 3 + [False] * 4
    assert all(o.error is error for o in outcomes[3:])


def test_what_stops_the_batch_while_sending_one_by_one_stops_it_there() -> None:
    error = clerk_error(RateLimitError, 429)
    clerk = Clerk(refuse={4}, fail={2: error})
    progress: list[tuple[int, int | None]] = []

    outcomes = each([0, 2, 4, 6, 8, 10, 12], clerk, on_progress=lambda *p: progress.append(p))

    assert clerk.sent == [[0, 2, 4]] and clerk.singles == [0, 2]
    assert [o.created for o in outcomes] == [True] + [False] * 6
    assert all(o.error is error for o in outcomes[1:])
    assert progress == [(done, 7) for done in range(1, 8)]


def test_more_or_fewer_results_than_items_leave_the_chunk_in_doubt() -> None:
    def short(items: list[int]) -> list[str]:
        return ["one"]

    outcomes = run(Batch([0, 2, 4, 6], check=refuse_odd, max_items=2, has_single=False), short, None)
    assert [o.created for o in outcomes] == [None, None, False, False]
    assert isinstance(outcomes[0].error, UnexpectedResponse)


def test_any_mix_of_answers_gives_one_truthful_outcome_per_item_and_sends_nothing_twice() -> None:
    rng = random.Random(20261203)
    for _ in range(300):
        items = rng.sample(range(100), rng.randrange(30))
        kinds = [clerk_error(RateLimitError, 429), connection_error(), clerk_error(NotFoundError, 404)]
        clerk = Clerk(
            refuse={n for n in items if rng.random() < 0.1},
            fail={n: rng.choice(kinds) for n in items if rng.random() < 0.03},
        )
        progress: list[tuple[int, int | None]] = []
        outcomes = each(
            iter(items),
            clerk,
            single=rng.random() < 0.8,
            max_items=rng.randrange(1, 6),
            on_progress=lambda *p, progress=progress: progress.append(p),
        )

        assert [o.item for o in outcomes] == items
        assert progress == [(done, None) for done in range(1, len(items) + 1)]
        assert sorted(clerk.created) == sorted(o.item for o in outcomes if o.created)
        assert len(clerk.created) == len(set(clerk.created))
        in_chunks = [item for chunk in clerk.sent for item in chunk]
        assert len(in_chunks) == len(set(in_chunks)), "an item went in two chunks"
        assert len(clerk.singles) == len(set(clerk.singles)), "an item went alone twice"
        for outcome in outcomes:
            assert (outcome.result is None) == (outcome.error is not None)
            assert (outcome.created is True) == (outcome.result is not None)
            if outcome.item not in in_chunks:
                assert outcome.created is False, "an item never sent can't be in doubt"
