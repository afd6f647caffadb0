"""The exceptions this package raises. Catch ClerkInvitationsError to catch them all.

    ClerkInvitationsError
        InvalidArgumentError        an argument refused before sending (also a ValueError)
        ClientClosedError           the client was closed before or during the call (also a RuntimeError)
        UnpicklableClientError      a client was pickled or deep-copied (also a TypeError)
        APIConnectionError          no response, after any retries
            APITimeoutError         a timeout, or the call's deadline passed
        APIResponseError            a response, but not the operation's success response
            ClerkAPIError           a documented error response, as the subclass for its status:
                BadRequestError (400), AuthenticationError (401), PaymentRequiredError (402),
                PermissionDeniedError (403), NotFoundError (404), ConflictError (409),
                UnprocessableEntityError (422), RateLimitError (429), InternalServerError (500)
            UnexpectedResponse      a body that can't be read or doesn't match the spec
                UnexpectedStatus    a status the operation doesn't document
                ResponseTooLargeError   a body over the client's max_response_bytes

InsecureKeyWarning is the one warning (warnings.warn) the package gives.

Every one survives pickle (e.g. from a ProcessPoolExecutor's worker) with its attributes, and none holds
the request or its headers. Messages are cut at MAX_MESSAGE_LENGTH characters; the attributes keep the details.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Generator, MutableMapping
from typing import Any, ClassVar, NoReturn, TypeVar

from ._retry import parse_retry_after as parse_retry_after
from .models.clerk_error import ClerkError
from .models.clerk_errors import ClerkErrors
from .types import Response, json_loads

_EXCERPT_LENGTH = 200
_ERRORS_SHOWN = 20
MAX_MESSAGE_LENGTH = 2000
"""The most characters of an exception's message; longer ones are cut, saying so."""
T = TypeVar("T")


class ClerkInvitationsError(Exception):
    """Base class of every exception raised by this package."""

    def __init__(self, message: str) -> None:
        if len(message) > MAX_MESSAGE_LENGTH:
            cut = f"... ({len(message):,} characters; the exception's attributes have the details)"
            message = message[:MAX_MESSAGE_LENGTH] + cut
        super().__init__(message)

    def __reduce__(self) -> tuple[Any, ...]:
        # Exception's own would call the class with `args`, which not every subclass's __init__ takes.
        return _unpickled, (type(self), self.args, self.__dict__)


def _unpickled(cls: type[ClerkInvitationsError], args: tuple[Any, ...], state: dict[str, Any]) -> ClerkInvitationsError:
    error = cls.__new__(cls, *args)
    error.__dict__.update(state)
    return error


class InvalidArgumentError(ClerkInvitationsError, ValueError):
    """An argument was refused before any request was sent.

    Attributes:
        argument: The refused value's place, as the call spells it: `limit`, `body.expires_in_days`,
            `body[1].email_address`, `body.public_metadata['tags'][0]`. None if the argument couldn't be told apart:
            one the checks passed that still can't be sent (text UTF-8 can't encode), or a client setting.
        rule: What it breaks, one of: `type`, `enum`, `minimum`, `maximum`, `minLength`, `maxLength`, `pattern`,
            `format:email`, `minItems`, `maxItems` (the spec's keyword), `json` (a value or key JSON can't encode),
            `json:depth` (nested too deep), `pathSegment` (a path parameter `.` or `..`); None where `argument` is None.

    Neither holds the value, which may be a secret; the message shows the start of it for a wrong type or format.
    """

    def __init__(self, message: str, *, argument: str | None = None, rule: str | None = None) -> None:
        super().__init__(message)
        self.argument: str | None = argument
        self.rule: str | None = rule


class ClientClosedError(ClerkInvitationsError, RuntimeError):
    """The client (or the one it is a copy of) was closed before or during the call."""


class UnpicklableClientError(ClerkInvitationsError, TypeError):
    """A client can't be pickled or deep-copied: it holds connections and the secret key."""


class InsecureKeyWarning(UserWarning):
    """A live secret key (`sk_live_`) is about to be sent over plain http to a host that isn't this machine."""


class APIConnectionError(ClerkInvitationsError):
    """The request got no HTTP response: the connection failed or dropped (after any retries)."""


class APITimeoutError(APIConnectionError):
    """The request timed out (after any retries), or the call's deadline passed."""


class APIResponseError(ClerkInvitationsError):
    """The server answered, but not with the operation's success response.

    Attributes:
        status_code: The HTTP status code, including codes outside the IANA list such as 520.
        headers: The response headers.
        content: The raw response body, but for the value of any invitation ticket (`__clerk_ticket=[hidden]`).
    """

    def __init__(self, message: str, response: Response[Any]) -> None:
        super().__init__(message)
        self.status_code: int = response.status_code
        self.headers: MutableMapping[str, str] = response.headers
        self.content: bytes = _without_tickets(response.content)


class ClerkAPIError(APIResponseError):
    """Clerk answered with one of the operation's documented error responses.

    Attributes:
        errors: Clerk's errors, each with `code`, `message`, `long_message` and `meta`.
        clerk_trace_id: Quote it to Clerk's support to trace the request.
    """

    status: ClassVar[int | None] = None

    def __init__(self, response: Response[Any], body: ClerkErrors) -> None:
        self.errors: list[ClerkError] = body.errors
        self.clerk_trace_id: str | None = body.clerk_trace_id or None
        details = "; ".join(f"{error.code}: {error.long_message}" for error in self.errors[:_ERRORS_SHOWN])
        if len(self.errors) > _ERRORS_SHOWN:
            details += f"; and {len(self.errors) - _ERRORS_SHOWN:,} more"
        details = details or "no error details"
        trace = f" (clerk_trace_id {self.clerk_trace_id})" if self.clerk_trace_id else ""
        super().__init__(f"HTTP {response.status_code}: {details}{trace}", response)

    @property
    def code(self) -> str | None:
        """The code of the first error, such as `duplicate_record`."""
        return self.errors[0].code if self.errors else None


class BadRequestError(ClerkAPIError):
    """400: Clerk refused the request, e.g. a duplicate invitation or one already revoked."""

    status: ClassVar[int | None] = 400


class AuthenticationError(ClerkAPIError):
    """401: the secret key is missing, malformed or unknown."""

    status: ClassVar[int | None] = 401


class PermissionDeniedError(ClerkAPIError):
    """403: the secret key may not make this request."""

    status: ClassVar[int | None] = 403


class PaymentRequiredError(ClerkAPIError):
    """402: the instance's plan doesn't allow it, e.g. more members than the plan's organizations may have."""

    status: ClassVar[int | None] = 402


class NotFoundError(ClerkAPIError):
    """404: no such resource, e.g. no invitation with that id."""

    status: ClassVar[int | None] = 404


class ConflictError(ClerkAPIError):
    """409: the request conflicts with the resource's state, e.g. a waitlist entry being processed."""

    status: ClassVar[int | None] = 409


class UnprocessableEntityError(ClerkAPIError):
    """422: a parameter is missing or invalid; `meta["param_name"]` of an error names it."""

    status: ClassVar[int | None] = 422


class RateLimitError(ClerkAPIError):
    """429: rate limited, after any retries the client was allowed.

    Attributes:
        retry_after: Seconds the server asked to wait, if it said.
    """

    status: ClassVar[int | None] = 429

    def __init__(self, response: Response[Any], body: ClerkErrors) -> None:
        super().__init__(response, body)
        self.retry_after: float | None = parse_retry_after(response.headers.get("retry-after"))


class InternalServerError(ClerkAPIError):
    """500: Clerk failed to answer, with its errors (where the operation documents them)."""

    status: ClassVar[int | None] = 500


class UnexpectedResponse(APIResponseError):
    """The response is not one the operation documents in a form it documents.

    The body is not JSON, or doesn't match the schema; `str()` shows the status and the start of the body.
    """


class UnexpectedStatus(UnexpectedResponse):
    """The status code is not one the operation documents (e.g. 500, 502 or 520)."""


class ResponseTooLargeError(UnexpectedResponse):
    """The body is larger than the client's max_response_bytes (after decompression); it was not kept.

    Attributes:
        limit: The client's max_response_bytes.
    """

    def __init__(self, message: str, response: Response[Any], limit: int) -> None:
        super().__init__(message, response)
        self.limit = limit


_ERRORS_BY_STATUS: dict[int, type[ClerkAPIError]] = {
    error.status: error for error in ClerkAPIError.__subclasses__() if error.status is not None
}
STATUSES_ON_EVERY_OPERATION = (401, 403, 429)
"""Statuses Clerk can answer to any request (a bad key, a key that may not, rate limiting): they raise their
ClerkAPIError subclass on every operation, whether its spec documents them or not."""


_TICKET = re.compile(rb"(__clerk_ticket=)[^&#\"'\s]*")


def _without_tickets(content: bytes) -> bytes:
    """A body with the value of every invitation ticket (`__clerk_ticket=...`) replaced by `[hidden]`."""
    return _TICKET.sub(rb"\1[hidden]", content) if b"__clerk_ticket=" in content else content


def excerpt(content: bytes) -> str:
    """The start of a response body, on one line, for an exception message; an invitation's ticket hidden."""
    text = " ".join(_without_tickets(content[: _EXCERPT_LENGTH * 4]).decode("utf-8", errors="replace").split())
    return text if len(text) <= _EXCERPT_LENGTH else text[:_EXCERPT_LENGTH] + "..."


def success_of(response: Response[Any], success_type: type[T]) -> T:
    """The operation's success model from `response`, or the exception for what came instead."""
    if isinstance(response.parsed, success_type):
        return response.parsed
    raise error_for(response)


def error_for(response: Response[Any]) -> APIResponseError:
    """The exception for a response that is not the operation's success response."""
    if isinstance(response.parsed, ClerkErrors):
        return _ERRORS_BY_STATUS.get(response.status_code, ClerkAPIError)(response, response.parsed)
    if response.parsed is None and response.parse_error is None and response.status_code in STATUSES_ON_EVERY_OPERATION:
        with contextlib.suppress(Exception):  # a body that isn't Clerk's errors is an UnexpectedStatus, below
            clerk_errors = ClerkErrors.from_dict(json_loads(response.content))
            return _ERRORS_BY_STATUS[response.status_code](response, clerk_errors)
    body = excerpt(response.content) or "(empty body)"
    if response.parse_error is not None:
        reason = f"{type(response.parse_error).__name__}: {response.parse_error}"
        return UnexpectedResponse(f"HTTP {response.status_code}: unreadable body ({reason}): {body}", response)
    return UnexpectedStatus(f"HTTP {response.status_code} is not documented for this operation: {body}", response)


def raise_alone(error: ClerkInvitationsError, cause: BaseException) -> NoReturn:
    """Raise `error` from a copy of `cause` (httpx's) that holds no request, and with no other exception chained.

    httpx's exceptions hold the request, whose headers hold the secret key: neither `__cause__` nor
    `__context__` of this package's exceptions leads to one.
    """
    try:
        error.__cause__ = type(cause)(str(cause))
    except Exception:  # an exception type that takes other arguments: its name and message are kept
        error.__cause__ = ClerkInvitationsError(f"{type(cause).__name__}: {cause}")
    try:
        raise error
    finally:
        error.__context__ = None


@contextlib.contextmanager
def argument_errors() -> Generator[None]:
    """Turn a failure to build the request from the call's arguments into InvalidArgumentError.

    What passes the generated checks but still can't be sent: text with a lone surrogate, which UTF-8 can't
    encode, a URL httpx refuses (an id of tens of KB), a value nested too deep.
    """
    import httpx  # noqa: PLC0415 - not imported with the package: see client.py

    try:
        yield
    except InvalidArgumentError:
        raise
    except (AttributeError, TypeError, ValueError, RecursionError, httpx.InvalidURL) as error:
        raise InvalidArgumentError(f"an argument can't be sent: {type(error).__name__}: {error}") from error


@contextlib.contextmanager
def transport_errors() -> Generator[None]:
    """Turn httpx's errors for a request that got no response into this package's (see raise_alone)."""
    import httpx  # noqa: PLC0415 - not imported with the package: see client.py

    try:
        yield
    except httpx.RequestError as error:
        kind = APITimeoutError if isinstance(error, httpx.TimeoutException) else APIConnectionError
        raise_alone(kind(f"{type(error).__name__}: {error}"), error)


__all__ = [
    "APIConnectionError",
    "APIResponseError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ClerkAPIError",
    "ClerkInvitationsError",
    "ClientClosedError",
    "ConflictError",
    "InsecureKeyWarning",
    "InternalServerError",
    "InvalidArgumentError",
    "NotFoundError",
    "PaymentRequiredError",
    "PermissionDeniedError",
    "RateLimitError",
    "ResponseTooLargeError",
    "STATUSES_ON_EVERY_OPERATION",
    "UnexpectedResponse",
    "UnexpectedStatus",
    "UnpicklableClientError",
    "UnprocessableEntityError",
]

# The argument checks the generated endpoints call as `errors.check_*`, re-exported. They raise InvalidArgumentError,
# above: _validators imports this module, so they are imported last (E402), and in one statement (I001).
from ._validators import (  # noqa: E402, I001
    MAX_ARGUMENT_DEPTH as MAX_ARGUMENT_DEPTH,
    check_bool as check_bool,
    check_enum as check_enum,
    check_instance as check_instance,
    check_int as check_int,
    check_json as check_json,
    check_list as check_list,
    check_number as check_number,
    check_str as check_str,
)
