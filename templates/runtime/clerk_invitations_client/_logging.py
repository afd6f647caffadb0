"""The package's log records: one per attempt at DEBUG, one per retry and per deadline passed at INFO.

Records hold a request's method and path, its status or error, time, attempt and Clerk's trace id: never
a header, a query, a body, the key or an invitation's ticket. `logging` loads with the first record.
"""

from __future__ import annotations

import contextlib
import os
import time
from typing import TYPE_CHECKING, cast

from ._httpx_internals import content_if_read

if TYPE_CHECKING:
    import logging

    import httpx

LOG_ENV = "CLERK_INVITATIONS_LOG"
"""Set to `debug` or `info`, it attaches a stderr handler to the `clerk_invitations_client` logger at that level."""
_log: logging.Logger | None = None


def _logger() -> logging.Logger:
    """The package's logger: silent (a NullHandler) unless the application configures logging or sets LOG_ENV."""
    global _log
    if _log is None:
        import logging  # noqa: PLC0415 - see the module's docstring

        logger = logging.getLogger(__package__ or "clerk_invitations_client")
        logger.addHandler(logging.NullHandler())
        level = os.environ.get(LOG_ENV, "").strip().upper()
        if level in {"DEBUG", "INFO"}:
            handler = logging.StreamHandler()
            handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
            logger.addHandler(handler)
            logger.setLevel(level)
        _log = logger
    return _log


def _trace_id(response: httpx.Response) -> str | None:
    """Clerk's trace id of an error response: its header, else the body's `clerk_trace_id` if the body was read."""
    found = response.headers.get("x-clerk-trace-id")
    content = content_if_read(response)
    if found is None and response.status_code >= 400 and content is not None:
        from .types import json_loads  # noqa: PLC0415 - only a debug record of an error needs it

        with contextlib.suppress(Exception):
            body = json_loads(content)
            found = cast("dict[str, object]", body).get("clerk_trace_id") if isinstance(body, dict) else None
    return found if isinstance(found, str) else None


def log_attempt(request: httpx.Request, attempt: int, started: float, outcome: httpx.Response | Exception) -> None:
    """A DEBUG record of one attempt, if DEBUG is on."""
    log = _log or _logger()
    if not log.isEnabledFor(10):  # logging.DEBUG
        return
    import httpx  # noqa: PLC0415 - loaded already: the request was built

    if isinstance(outcome, httpx.Response):
        result, trace = f"HTTP {outcome.status_code}", _trace_id(outcome)
    else:
        result, trace = type(outcome).__name__, None
    log.debug(
        "%s %s: %s in %.3f s (attempt %d)%s",
        request.method,
        request.url.path,
        result,
        time.monotonic() - started,
        attempt + 1,
        f", clerk_trace_id {trace}" if trace else "",
    )


def log_retry(request: httpx.Request, attempt: int, delay: float, outcome: httpx.Response | Exception) -> None:
    """An INFO record of a retry: why, and how long it waits."""
    log = _log or _logger()
    if log.isEnabledFor(20):  # logging.INFO
        why = type(outcome).__name__ if isinstance(outcome, Exception) else outcome.status_code
        path = request.url.path
        log.info("%s %s: retrying after %s in %.2f s (attempt %d next)", request.method, path, why, delay, attempt + 2)


def log_deadline(request: httpx.Request, seconds: float) -> None:
    """An INFO record of a call ended by its deadline."""
    (_log or _logger()).info("%s %s: the call's deadline of %g s passed", request.method, request.url.path, seconds)
