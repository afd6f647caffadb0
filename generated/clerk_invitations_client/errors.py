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
import reprlib
from collections.abc import Generator, MutableMapping, Sized
from types import NoneType
from typing import Any, ClassVar, NoReturn, TypeVar, cast

from .models.clerk_error import ClerkError
from .models.clerk_errors import ClerkErrors
from .types import MAX_JSON_DEPTH, OpenStrEnum, Response, json_loads

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


_MAX_SECONDS_DIGITS = 300
"""More digits of seconds than a float holds are an infinite wait, which no retry waits for."""


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


# Argument checks. Each generated endpoint module's check_arguments, which _get_kwargs calls first, calls
# these, one call per parameter and per field of a request body, with the constraints the spec gives it
# (templates/checks.jinja): a wrong argument is refused before anything is sent, with an InvalidArgumentError
# naming the argument and the rule it breaks, in its message and as its `argument` and `rule`. `name` is the
# argument as the caller wrote it, e.g. `body[3].expires_in_days`.

MAX_ARGUMENT_DEPTH = MAX_JSON_DEPTH - 3
"""The most levels a JSON argument (metadata) may nest: echoed back inside a page (the page object, its `data`,
the invitation), it must still be readable in a response body, which may nest MAX_JSON_DEPTH levels."""


def _shown(value: object) -> str:
    """A value for a message: its type and the start of its repr (of its text, for a str or an enum member)."""
    if value is None:
        return "None"
    return f"{type(value).__name__} {reprlib.repr(str(value) if isinstance(value, str) else value)}"


def _refuse(name: str, rule: str, requirement: str, value: object) -> NoReturn:
    raise InvalidArgumentError(f"{name} must {requirement}, not {_shown(value)}", argument=name, rule=rule)


def _refuse_length(name: str, rule: str, requirement: str, length: int) -> NoReturn:
    raise InvalidArgumentError(f"{name} must {requirement}, not {length}", argument=name, rule=rule)


def _counted(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' * (count != 1)}"


def check_str(
    value: object,
    name: str,
    *,
    min_length: int | None = None,
    max_length: int | None = None,
    pattern: str | None = None,
    email: bool = False,
) -> None:
    if not isinstance(value, str):
        _refuse(name, "type", "be a str (type: string)", value)
    if min_length is not None and len(value) < min_length:
        _refuse_length(name, "minLength", f"have at least {_counted(min_length, 'character')} (minLength)", len(value))
    if max_length is not None and len(value) > max_length:
        _refuse_length(name, "maxLength", f"have at most {_counted(max_length, 'character')} (maxLength)", len(value))
    if pattern is not None and re.search(pattern, value) is None:
        _refuse(name, "pattern", f"match {pattern} (pattern)", value)
    if email:
        local_part, _, domain = value.rpartition("@")
        if not local_part or not domain:
            _refuse(name, "format:email", "be an email address, text@domain (format: email)", value)


def check_int(value: object, name: str, *, minimum: int | None = None, maximum: int | None = None) -> None:
    """An int within the bounds; a bool is not an int here."""
    if isinstance(value, bool) or not isinstance(value, int):
        _refuse(name, "type", "be an int (type: integer)", value)
    _check_bounds(value, name, minimum, maximum)


def check_number(value: object, name: str, *, minimum: float | None = None, maximum: float | None = None) -> None:
    """An int or a finite float within the bounds; not a bool."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        _refuse(name, "type", "be an int or a float (type: number)", value)
    if isinstance(value, float) and (value != value or abs(value) == float("inf")):  # NaN or infinity
        _refuse(name, "type", "be a finite number (type: number)", value)
    _check_bounds(value, name, minimum, maximum)


def _check_bounds(value: float, name: str, minimum: float | None, maximum: float | None) -> None:
    if minimum is not None and value < minimum:
        _refuse(name, "minimum", f"be >= {minimum} (minimum)", value)
    if maximum is not None and value > maximum:
        _refuse(name, "maximum", f"be <= {maximum} (maximum)", value)


def check_bool(value: object, name: str) -> None:
    if not isinstance(value, bool):
        _refuse(name, "type", "be a bool (type: boolean)", value)


def check_enum(value: object, enum: type[OpenStrEnum], name: str) -> None:
    """A member of `enum` the spec lists: not a str, nor a value the spec doesn't list (an unknown member)."""
    if not isinstance(value, enum) or not value.is_known:
        members = ", ".join(member.value for member in enum)
        _refuse(name, "enum", f"be a member of {enum.__name__}: {members} (enum)", value)


def check_instance(value: object, model: type, name: str) -> None:
    if not isinstance(value, model):
        _refuse(name, "type", f"be a {model.__name__} (type: object)", value)


def check_list(value: object, name: str, *, min_items: int | None = None, max_items: int | None = None) -> None:
    if not isinstance(value, list | tuple):
        _refuse(name, "type", "be a list (type: array)", value)
    count = len(cast(Sized, value))
    if min_items is not None and count < min_items:
        _refuse_length(name, "minItems", f"have at least {_counted(min_items, 'item')} (minItems)", count)
    if max_items is not None and count > max_items:
        _refuse_length(name, "maxItems", f"have at most {_counted(max_items, 'item')} (maxItems)", count)


def check_json(value: object, name: str) -> None:
    """Anything JSON can encode: dicts with str keys, lists, str, int, finite float, bool, None; not too deep."""
    pending: list[tuple[object, str, int]] = [(value, name, 1)]
    while pending:
        item, where, depth = pending.pop()
        if isinstance(item, dict | list | tuple):
            if depth > MAX_ARGUMENT_DEPTH:
                message = f"{name} must nest at most {MAX_ARGUMENT_DEPTH} levels deep (JSON)"
                raise InvalidArgumentError(message, argument=name, rule="json:depth")
            container = cast(dict[object, object] | list[object] | tuple[object, ...], item)
            entries = container.items() if isinstance(container, dict) else enumerate(container)
            for key, inner in entries:
                if isinstance(item, dict) and not isinstance(key, str):
                    message = f"each key of {where} must be a str (JSON), not {_shown(key)}"
                    raise InvalidArgumentError(message, argument=where, rule="json")
                pending.append((inner, f"{where}[{key!r}]", depth + 1))
        elif isinstance(item, float):
            check_number(item, where)
        elif not isinstance(item, str | int | NoneType):
            _refuse(where, "json", "be a JSON value: dict, list, str, int, float, bool or None", item)


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
