"""When a request is retried and after how long: RetryPolicy, and the Retry-After header it reads."""

from __future__ import annotations

import contextlib
import time
from typing import TYPE_CHECKING

from attrs import define

if TYPE_CHECKING:
    import httpx

_IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
RETRIED_STATUSES = frozenset({429, 502, 503, 504})
"""The statuses RetryPolicy may retry: a response with any other is returned without asking it."""
_MAX_BACKOFF_S = 8.0
_MAX_SECONDS_DIGITS = 300
"""More digits of seconds than a float holds are an infinite wait, which no retry waits for."""


@define(frozen=True)
class RetryPolicy:
    """When to retry a request, and after how long.

    429 and 503 wait what Retry-After says (seconds or an HTTP date), else back off exponentially
    with jitter. GET and other idempotent requests also retry 502, 503, 504 and dropped connections;
    a POST retries only what can't have reached the server: connect errors and 429. The total wait
    never exceeds `max_wait`, and no wait starts that would pass the call's deadline: a longer
    Retry-After ends the retries at once.
    """

    max_retries: int
    max_wait: float
    backoff: float

    def delay(
        self,
        request: httpx.Request,
        attempt: int,
        waited: float,
        outcome: httpx.Response | httpx.TransportError,
        ends_at: float | None = None,
    ) -> float | None:
        """Seconds to wait before retrying after `outcome`, or None not to retry.

        `ends_at` is the time.monotonic() by which the call must end, if it has a deadline.
        """
        import httpx  # noqa: PLC0415 - loaded already: a request was sent

        if attempt >= self.max_retries:
            return None
        idempotent = request.method in _IDEMPOTENT_METHODS
        retry_after = None
        if isinstance(outcome, httpx.TransportError):
            not_sent = isinstance(outcome, (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout))
            retry = not_sent or idempotent
        else:
            status = outcome.status_code
            retry = status in RETRIED_STATUSES and (status == 429 or idempotent)
            if status in {429, 503}:
                retry_after = parse_retry_after(outcome.headers.get("retry-after"))
        if not retry:
            return None
        if retry_after is None:
            import random  # noqa: PLC0415 - only a backoff needs it

            retry_after = min(self.backoff * 2**attempt, _MAX_BACKOFF_S) * (1 - 0.25 * random.random())
        if waited + retry_after > self.max_wait:
            return None
        if ends_at is not None and time.monotonic() + retry_after >= ends_at:
            return None
        return retry_after


def parse_retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header as HTTP writes it: digits, or an HTTP date; None if absent or anything else.

    `1.5`, `inf`, `nan`, `1e400` or `1_0` are not HTTP's and count as absent (float() would take them all).
    """
    if value is None:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():
        return float(int(value)) if len(value) <= _MAX_SECONDS_DIGITS else float("inf")
    # An HTTP date is rare: its parser (and the socket module it imports) loads only for one.
    from datetime import UTC, datetime  # noqa: PLC0415
    from email.utils import parsedate_to_datetime  # noqa: PLC0415

    with contextlib.suppress(TypeError, ValueError, IndexError, OverflowError):
        return max(0.0, (parsedate_to_datetime(value) - datetime.now(UTC)).total_seconds())
    return None
