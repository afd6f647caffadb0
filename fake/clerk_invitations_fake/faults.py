"""Failures on purpose: `FakeClerk.fail_next` plans them, and each request takes the first planned one it matches."""

from __future__ import annotations

import http
import math
import threading
from collections.abc import Callable, Collection
from dataclasses import dataclass

import httpx

from clerk_invitations_fake.errors import PROTOCOL_ERROR_CODES, ClerkErrorReply, clerk_error

FAILURE_CODES = {
    401: "authentication_invalid",
    403: "authorization_invalid",
    404: "resource_not_found",
    422: "unprocessable_entity",  # Python 3.13 renamed the status's phrase: named here, alike on every version
    429: "too_many_requests",
    500: "internal_clerk_error",
    **PROTOCOL_ERROR_CODES,
}
"""The error code of a failure on purpose: Clerk's where it has one, the fake's own (408, 413), else the
status's reason phrase in snake case (503 `service_unavailable`, 409 `conflict`) or, for a status without
one, `http_error`."""


def failure_code(status: int) -> str:
    if status in FAILURE_CODES:
        return FAILURE_CODES[status]
    try:
        return http.HTTPStatus(status).phrase.lower().replace(" ", "_").replace("-", "_")
    except ValueError:  # a status Python has no name for, such as 520
        return "http_error"


@dataclass(frozen=True)
class Fault:
    """What a request that takes a failure gets: `delay` seconds of waiting first, then `status`, no answer
    at all (`drop`), or, with neither, the fake's own answer."""

    status: int | None
    retry_after: str | None
    delay: float
    drop: bool

    def apply(self, request: httpx.Request) -> None:
        """Raise what answers the request instead of the fake (a ClerkErrorReply, or httpx's error for a
        server that closes without answering); return if the fake's own answer follows."""
        if self.drop:
            raise httpx.RemoteProtocolError("Server disconnected without sending a response.", request=request)
        if self.status is None:
            return
        code = failure_code(self.status)
        error = clerk_error(
            code,
            code.replace("_", " "),
            f"FakeClerk.fail_next asked for this request to fail with HTTP {self.status}.",
        )
        headers = {} if self.retry_after is None else {"Retry-After": self.retry_after}
        raise ClerkErrorReply(self.status, [error], headers)


@dataclass
class _Plan:
    fault: Fault
    operation: str | None
    remaining: int


class Faults:
    """The failures planned and not yet taken, in the order they were planned; safe from many threads."""

    def __init__(self, operation_ids: Collection[str]) -> None:
        self._operation_ids = operation_ids
        self._plans: list[_Plan] = []
        self._lock = threading.Lock()

    def plan(
        self,
        status: int | None,
        *,
        times: int,
        retry_after: int | str | None,
        operation: str | None,
        delay: float,
        drop: bool,
    ) -> None:
        """Make the next `times` requests (of `operation`, else any) take this failure; ValueError if it can't."""
        if status is not None and (not _is_int(status) or not 400 <= status <= 599):
            raise ValueError(f"status must be an error status, from 400 to 599, not {status!r}")
        if not _is_int(times) or times < 1:
            raise ValueError(f"times must be a whole number of at least 1, not {times!r}")
        if operation is not None and operation not in self._operation_ids:
            raise ValueError(f"operation must be one of {', '.join(sorted(self._operation_ids))}, not {operation!r}")
        if not _is_number(delay) or not 0 <= delay < math.inf:
            raise ValueError(f"delay must be a number of seconds of at least 0, not {delay!r}")
        if drop and status is not None:
            raise ValueError("a dropped connection has no status: give drop=True or a status, not both")
        if status is None and not drop and not delay:
            raise ValueError("nothing to do: give a status, drop=True or a delay")
        if retry_after is not None and status is None:
            raise ValueError("retry_after goes with a status")
        fault = Fault(status, _retry_after_header(retry_after), float(delay), drop)
        with self._lock:
            self._plans.append(_Plan(fault, operation, times))

    def take(self, operation_of: Callable[[], str | None]) -> Fault | None:
        """The failure the request of `operation_of()` (None: no operation) takes, counting it; None for none."""
        if not self._plans:  # nothing planned: what almost every request sees, without routing it twice
            return None
        operation = operation_of()
        with self._lock:
            for plan in self._plans:
                if plan.operation in (None, operation):
                    plan.remaining -= 1
                    if not plan.remaining:
                        self._plans.remove(plan)
                    return plan.fault
        return None


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _retry_after_header(retry_after: int | str | None) -> str | None:
    """Seconds, or any text to send as it is (an HTTP date, or something a client must ignore)."""
    if isinstance(retry_after, str):
        if retry_after.isprintable() and retry_after.isascii():
            return retry_after
    elif retry_after is None or _is_int(retry_after) and retry_after >= 0:
        return None if retry_after is None else str(retry_after)
    raise ValueError(f"retry_after must be whole seconds of at least 0, or a header's text, not {retry_after!r}")
