"""The clients that hold connection settings: Client, and AuthenticatedClient for the secret key.

httpx is imported when the first httpx client is built, not with this package: it is most of the
package's import time, which services and command-line tools pay at start-up.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NoReturn, Protocol, Self, TypeVar, cast
from urllib.parse import quote, urlencode, urlsplit

from attrs import define, evolve, field

from .errors import (
    APITimeoutError,
    ClientClosedError,
    InsecureKeyWarning,
    InvalidArgumentError,
    ResponseTooLargeError,
    UnexpectedResponse,
    UnpicklableClientError,
    parse_retry_after,
    raise_alone,
)
from .types import UNSET, Response, Unset

if TYPE_CHECKING:
    import asyncio
    import logging
    import ssl

    import httpcore
    import httpx
    from attrs import Attribute

API_VERSION = "2026-05-12"
"""Sent as `Clerk-API-Version`: the API version the spec describes."""
USER_AGENT = "clerk-invitations-client/0.4.0"
"""Sent as `User-Agent`, followed by httpx's version."""
DEFAULT_TIMEOUT_S = 30.0
"""Seconds to read, write or wait for a pooled connection, unless the client says otherwise."""
DEFAULT_CONNECT_TIMEOUT_S = 5.0
"""Seconds to connect, unless the client says otherwise."""
DEFAULT_DEADLINE_S = 60.0
"""Seconds a whole call may take, retries and their waits included, unless the client or the call says otherwise."""
DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024
"""The largest response body accepted, after decompression, unless the client says otherwise."""

_EXAMPLE_URL = "https://api.clerk.com/v1"
_IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
_RETRIED_STATUSES = frozenset({429, 502, 503, 504})
"""The statuses RetryPolicy may retry: a response with any other is returned without asking it."""
_MAX_BACKOFF_S = 8.0
_INFLATE_STEP = 64 * 1024
"""The most bytes decompressed at once: zlib's output buffer is held twice while it is being filled."""
# RFC 9110's token: what a header name or an auth scheme may be made of.
_TOKEN_CHARACTERS = frozenset("!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


def path_segment(value: object, name: str) -> str:
    """`value` encoded as one path segment; values that would change the request's target are refused."""
    text = str(value)
    if text in {"", ".", ".."}:
        raise InvalidArgumentError(f"{name} must be a non-empty id, not {text!r}", argument=name, rule="pathSegment")
    return quote(text, safe="")


_FAST_REQUEST_ARGUMENTS = frozenset({"method", "url", "params", "json", "headers"})
_PLAIN_QUERY_TYPES = frozenset({str, int, float})


def build_request(httpx_client: httpx.Client | httpx.AsyncClient, **kwargs: Any) -> httpx.Request:
    """The request `httpx_client.build_request(**kwargs)` builds, with one URL parse instead of three.

    httpx parses the URL once for the path, once to join it to base_url and once to add the query. The
    endpoints' requests (a method, a path, a query of plain values, headers, a JSON body), from an httpx
    client with no cookies or query parameters of its own, are built here from the whole URL at once: about
    40 µs less a call, a tenth of a call for 10 invitations. Anything else is left to httpx.
    """
    import httpx  # noqa: PLC0415 - loaded already: the httpx client exists

    base = str(httpx_client.base_url)
    url = kwargs["url"]
    params: dict[str, Any] = kwargs.get("params") or {}
    if (
        kwargs.keys() <= _FAST_REQUEST_ARGUMENTS
        and base.endswith("/")
        and "?" not in base
        and "#" not in base
        and isinstance(url, str)
        and url.startswith("/")
        and not httpx_client.params
        and not httpx_client.cookies
        and all(type(value) in _PLAIN_QUERY_TYPES for value in params.values())
    ):
        target = base + url[1:] + ("?" + urlencode(params) if params else "")
        headers = httpx_client.headers
        if "headers" in kwargs:
            headers = httpx.Headers(headers)
            headers.update(kwargs["headers"])
        return httpx.Request(
            kwargs["method"],
            target,
            json=kwargs.get("json"),
            headers=headers,
            extensions={"timeout": httpx_client.timeout.as_dict()},
        )
    return httpx_client.build_request(**kwargs)


_HttpxClient = TypeVar("_HttpxClient", "httpx.Client", "httpx.AsyncClient")


def _valid_base_url(_instance: object, _attribute: Attribute[str], base_url: object) -> None:
    """An http(s) URL with a host and no user name or password; refused in words that never quote those."""
    if not isinstance(base_url, str):
        raise InvalidArgumentError(f"base_url must be a str such as {_EXAMPLE_URL!r}, not a {type(base_url).__name__}")
    try:
        parts = urlsplit(base_url)
        _ = parts.port  # ValueError for a port that isn't one
    except ValueError as error:
        raise InvalidArgumentError(f"base_url is not a valid URL: {error}") from None
    if "@" in parts.netloc:
        raise InvalidArgumentError(
            "base_url must not hold a user name or password (the part before '@'): the key is sent in a header"
        )
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise InvalidArgumentError(f"base_url must be an http:// or https:// URL with a host, such as {_EXAMPLE_URL!r}")
    if parts.hostname.isascii():  # httpx encodes other names itself, and refuses those it can't
        try:
            parts.hostname.encode("idna")  # as the socket will: a name part empty or over 63 characters can't be
        except UnicodeError:
            raise InvalidArgumentError(
                "base_url's host has an empty part (two dots in a row) or a part over 63 characters"
            ) from None


LOG_ENV = "CLERK_INVITATIONS_LOG"
"""Set to `debug` or `info`, it attaches a stderr handler to the `clerk_invitations_client` logger at that level."""
_log: logging.Logger | None = None


def _logger() -> logging.Logger:
    """The package's logger: silent (a NullHandler) unless the application configures logging or sets LOG_ENV.

    Records hold a request's method and path, its status or error, time, attempt and Clerk's trace id: never
    a header, a query, a body, the key or an invitation's ticket. `logging` loads with the first call.
    """
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
    if found is None and response.status_code >= 400 and hasattr(response, "_content"):
        from .types import json_loads  # noqa: PLC0415 - only a debug record of an error needs it

        with contextlib.suppress(Exception):
            body = json_loads(response.content)
            found = cast("dict[str, object]", body).get("clerk_trace_id") if isinstance(body, dict) else None
    return found if isinstance(found, str) else None


def _log_attempt(request: httpx.Request, attempt: int, started: float, outcome: httpx.Response | Exception) -> None:
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


def _log_retry(request: httpx.Request, attempt: int, delay: float, outcome: httpx.Response | Exception) -> None:
    """An INFO record of a retry: why, and how long it waits."""
    log = _log or _logger()
    if log.isEnabledFor(20):  # logging.INFO
        why = type(outcome).__name__ if isinstance(outcome, Exception) else outcome.status_code
        path = request.url.path
        log.info("%s %s: retrying after %s in %.2f s (attempt %d next)", request.method, path, why, delay, attempt + 2)


def _log_deadline(request: httpx.Request, seconds: float) -> None:
    (_log or _logger()).info("%s %s: the call's deadline of %g s passed", request.method, request.url.path, seconds)


def _non_negative(_instance: object, attribute: Any, value: object) -> None:
    if not (isinstance(value, int | float) and value >= 0):  # NaN isn't
        raise InvalidArgumentError(f"{attribute.name.lstrip('_')} must be >= 0, not {value!r}")


def _is_positive(value: object) -> bool:
    return isinstance(value, int | float) and value > 0  # NaN isn't


def _positive(_instance: object, attribute: Any, value: float) -> None:
    if not _is_positive(value):
        raise InvalidArgumentError(f"{attribute.name} must be a number > 0, not {value!r}")


def _positive_or_none(instance: object, attribute: Any, value: float | None) -> None:
    if value is not None:
        _positive(instance, attribute, value)


def _header_value_problem(value: object) -> str | None:
    """What makes `value` unfit for a header value, in words that never quote it (it may be the key); else None."""
    if not isinstance(value, str):
        return f"is a {type(value).__name__}, not a str"
    if value != value.strip():
        return "has leading or trailing whitespace (a key read from a file often ends with a newline)"
    if not value.isascii():
        return "contains a non-ASCII character"
    if not value.isprintable():
        return "contains a control character"
    return None


def _is_token(text: object) -> bool:
    return isinstance(text, str) and bool(text) and _TOKEN_CHARACTERS.issuperset(text)


def _valid_headers(_instance: object, _attribute: Any, headers: dict[str, str]) -> None:
    for name, value in headers.items():
        if not _is_token(name):
            raise InvalidArgumentError(f"headers: {name!r} is not a valid header name")
        if problem := _header_value_problem(value):
            raise InvalidArgumentError(f"headers: the value of {name!r} {problem}")


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
            retry = status in _RETRIED_STATUSES and (status == 429 or idempotent)
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


# The current thread's call: `ends_at`, the time.monotonic() by which it must end (None: no deadline).
_call = threading.local()


def _within_deadline(timeout: float | None, expired: str) -> float | None:
    """`timeout`, shortened to what is left of the current thread's call; httpcore's `expired` if nothing is."""
    ends_at: float | None = getattr(_call, "ends_at", None)
    if ends_at is None:
        return timeout
    left = ends_at - time.monotonic()
    if left <= 0:
        import httpcore  # noqa: PLC0415 - loaded already: httpx's transport imported it

        raise getattr(httpcore, expired)("the call's deadline passed")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream:
    """An httpcore network stream whose every read and write waits at most what is left of the call's deadline."""

    def __init__(self, stream: httpcore.NetworkStream) -> None:
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, _within_deadline(timeout, "ReadTimeout"))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, _within_deadline(timeout, "WriteTimeout"))

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> _DeadlineStream:
        timeout = _within_deadline(timeout, "ConnectTimeout")
        return _DeadlineStream(self._stream.start_tls(ssl_context, server_hostname, timeout))

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class _DeadlineBackend:
    """An httpcore network backend whose connections wait at most what is left of the call's deadline.

    httpx's timeouts bound each socket operation, so a server that sends a byte now and then never
    trips them; bounding each operation by the time left ends the call at its deadline.
    """

    def __init__(self, backend: httpcore.NetworkBackend) -> None:
        self._backend = backend

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Any = None,
    ) -> _DeadlineStream:
        timeout = _within_deadline(timeout, "ConnectTimeout")
        return _DeadlineStream(self._backend.connect_tcp(host, port, timeout, local_address, socket_options))

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Any = None
    ) -> _DeadlineStream:
        timeout = _within_deadline(timeout, "ConnectTimeout")
        return _DeadlineStream(self._backend.connect_unix_socket(path, timeout, socket_options))

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(seconds)


def _bound_by_deadline(httpx_client: httpx.Client) -> httpx.Client:
    """`httpx_client`, with each of its connection pools bounding socket operations by the call's deadline.

    httpx has no public way to choose httpcore's network backend, so this sets the private attributes
    that hold it (httpx 0.28, httpcore 1.0); tests/client/test_hostile_server.py fails if an upgrade moves them.
    """
    for pool in _pools(httpx_client):
        if not isinstance(pool._network_backend, _DeadlineBackend):
            pool._network_backend = _DeadlineBackend(pool._network_backend)
    return httpx_client


def _pools(httpx_client: httpx.Client | httpx.AsyncClient) -> list[Any]:
    """The httpcore connection pools of `httpx_client`'s own transports of its kind (none for one of the caller's).

    httpx has no public way to reach them: they, and what is done with them, are private attributes of httpx 0.28
    and httpcore 1.0; tests/client/test_hostile_server.py fails if an upgrade moves them.
    """
    import httpx  # noqa: PLC0415 - loaded already: the client was built

    kind = httpx.HTTPTransport if isinstance(httpx_client, httpx.Client) else httpx.AsyncHTTPTransport
    transports = (httpx_client._transport, *httpx_client._mounts.values())  # pyright: ignore[reportPrivateUsage]
    return [t._pool for t in transports if isinstance(t, kind)]  # pyright: ignore[reportPrivateUsage]


def _abandoned(httpx_client: httpx.Client | httpx.AsyncClient, request: httpx.Request) -> list[Any]:
    """Take `request`, interrupted, out of the pools; the connections no request holds any more, to close.

    httpcore 1.0 cleans up after an exception but not after every cancellation or KeyboardInterrupt: one
    that lands between the pool's handing a new connection to a request and the request's using it, or
    inside the cleanup itself, leaves a connection marked in use (NEW, CONNECTING or ACTIVE) that no request
    holds: its slot is lost until the pool is closed, and with `max_connections` of them every later call
    waits for a slot until it times out. Here such connections are taken out of the pool, to be closed.
    httpcore's requests carry the httpx request's own `extensions` dict: that is how ours are found.
    """
    orphans: list[Any] = []
    for pool in _pools(httpx_client):
        with pool._optional_thread_lock:
            pool._requests[:] = [r for r in pool._requests if r.request.extensions is not request.extensions]
            held = {id(r.connection) for r in pool._requests}
            lost = [c for c in pool._connections if id(c) not in held and not (c.is_idle() or c.is_closed())]
            for connection in lost:
                pool._connections.remove(connection)
            orphans += lost
    return orphans


def _release(httpx_client: httpx.Client, request: httpx.Request) -> None:
    """After `request` was interrupted: no connection stays held for it (see _abandoned)."""
    for connection in _abandoned(httpx_client, request):
        with contextlib.suppress(Exception):
            connection.close()


async def _release_async(httpx_client: httpx.AsyncClient, request: httpx.Request) -> None:
    """_release for an async request, cancelled: the connections are closed even if the cancellation goes on."""
    import anyio  # noqa: PLC0415 - loaded already by httpcore's async backend

    with anyio.CancelScope(shield=True):
        for connection in _abandoned(httpx_client, request):
            with contextlib.suppress(Exception):
                await connection.aclose()


def _forget_connections(httpx_client: httpx.Client | httpx.AsyncClient) -> None:
    """Empty the pools of `httpx_client` without closing anything: in a forked child, the parent's connections."""
    for pool in _pools(httpx_client):
        pool._optional_thread_lock = type(pool._optional_thread_lock)()  # another thread may have held it
        pool._connections = []
        pool._requests = []


class _Connections:
    """The connection pools that a client and its copies share: one httpx.Client, one httpx.AsyncClient per event loop.

    httpx's async clients can't be shared between event loops (httpcore's pool binds to the loop that first
    uses it, and a closed loop's connections can't be used again): each asyncio loop gets its own, kept while
    the loop is open. After os.fork() the child forgets the parent's connections (register_at_fork).
    """

    def __init__(self, owner: Client, httpx_client_args: Callable[[], dict[str, Any]]) -> None:
        self.owner = owner
        """The client that built this pool (not a copy): closing it closes the pool."""
        self._httpx_client_args = httpx_client_args
        """The owner's settings, as the arguments of an httpx client."""
        self._lock = threading.Lock()
        self.closed = False
        self.sync: httpx.Client | None = None
        self.chosen_async: httpx.AsyncClient | None = None
        """The one set_async_httpx_client set, used from every event loop."""
        self._by_loop: dict[int, tuple[Callable[[], asyncio.AbstractEventLoop | None], httpx.AsyncClient]] = {}
        _ALL_CONNECTIONS.add(self)

    def sync_client(self) -> httpx.Client:
        if self.sync is None:
            with self._lock:
                if self.sync is None:
                    import httpx  # noqa: PLC0415 - see the module's docstring

                    self.sync = _bound_by_deadline(self._built(httpx.Client))
        return self.sync

    def async_client(self) -> httpx.AsyncClient:
        if self.chosen_async is not None:
            return self.chosen_async
        loop = _running_loop()
        entry = self._by_loop.get(id(loop))
        if entry is not None and entry[0]() is loop:
            return entry[1]
        import httpx  # noqa: PLC0415 - see the module's docstring

        with self._lock:
            entry = self._by_loop.get(id(loop))
            if entry is None or entry[0]() is not loop:
                # A closed loop's connections can't be used again: they close when collected.
                for key, (loop_ref, _) in list(self._by_loop.items()):
                    gone = loop_ref()
                    if gone is None or gone.is_closed():
                        del self._by_loop[key]
                loop_ref = _no_loop if loop is None else weakref.ref(loop)
                entry = self._by_loop[id(loop)] = (loop_ref, self._built(httpx.AsyncClient))
        return entry[1]

    def _built(self, kind: type[_HttpxClient]) -> _HttpxClient:
        """An httpx client of `kind` with the owner's settings; InvalidArgumentError for settings httpx refuses."""
        import httpx  # noqa: PLC0415 - see the module's docstring

        try:
            return kind(**self._httpx_client_args())
        except (httpx.InvalidURL, TypeError, ValueError) as error:
            message = f"the client's settings can't make an {kind.__name__}: {type(error).__name__}: {error}"
            raise InvalidArgumentError(message) from None

    def close(self, *, awaited_here: bool) -> list[httpx.AsyncClient]:
        """Close the sync connections, and schedule each open event loop's async ones in that loop.

        With `awaited_here` (aclose()), the running loop's async clients, and those of no loop, are returned
        instead, to be awaited; without it (close()), those of no loop are left to close when collected.
        """
        self.closed = True
        if self.sync is not None:
            self.sync.close()
        current = _running_loop()
        here: list[httpx.AsyncClient] = []
        by_loop = [(loop_ref(), client) for loop_ref, client in self._by_loop.values()]
        for loop, client in [*by_loop, *([(current, self.chosen_async)] if self.chosen_async else [])]:
            if awaited_here and loop is current:
                here.append(client)
            elif loop is not None and not loop.is_closed():
                import asyncio  # noqa: PLC0415 - loaded already: the loop runs it

                asyncio.run_coroutine_threadsafe(client.aclose(), loop)
        return here

    def forget(self) -> None:
        """In a forked child: the parent's connections are the parent's (both would read each other's answers)."""
        self._lock = threading.Lock()
        self._by_loop = {}
        for client in (self.sync, self.chosen_async):
            if client is not None:
                _forget_connections(client)


def _no_loop() -> None:
    return None


def _running_loop() -> asyncio.AbstractEventLoop | None:
    """The running asyncio event loop; None under another async library, which gets one async client."""
    import asyncio  # noqa: PLC0415 - loaded already under asyncio (or once, under another library)

    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


_ALL_CONNECTIONS: weakref.WeakSet[_Connections] = weakref.WeakSet()


def _forget_all_connections() -> None:
    for connections in list(_ALL_CONNECTIONS):
        connections.forget()


os.register_at_fork(after_in_child=_forget_all_connections)


class _Decompressor(Protocol):
    """What _BodyReader uses of a `zlib.decompressobj()`, whose class typeshed names only privately."""

    @property
    def eof(self) -> bool: ...
    @property
    def unconsumed_tail(self) -> bytes: ...
    def decompress(self, data: bytes, max_length: int = 0, /) -> bytes: ...
    def flush(self) -> bytes: ...


class _BodyReader:
    """A response body as it streams in, refused as soon as it passes `limit` bytes.

    gzip and deflate are decompressed here, at most `limit` bytes at a time: httpx's own decoders
    inflate a whole received chunk at once, and 64 KB of gzip can hold 64 MB.
    """

    def __init__(self, response: httpx.Response, limit: int) -> None:
        self.response, self.limit = response, limit
        self.size = 0
        self.chunks: list[bytes] = []
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise self._too_large(f"its Content-Length says {int(declared):,}")
        self.encoding = response.headers.get("content-encoding", "").strip().lower()
        self.decompressor: _Decompressor | None = None
        if response.is_stream_consumed:  # read, and decoded, by the transport itself (httpx.MockTransport does)
            self._keep(response.content)
        elif self.encoding not in {"", "identity"}:
            import zlib  # noqa: PLC0415 - only a compressed body needs it

            wbits = {"gzip": 16 + zlib.MAX_WBITS, "x-gzip": 16 + zlib.MAX_WBITS, "deflate": zlib.MAX_WBITS}
            if self.encoding not in wbits:
                raise self._unreadable(f"Content-Encoding {self.encoding!r} is not gzip or deflate")
            self.decompressor = zlib.decompressobj(wbits[self.encoding])

    def feed(self, data: bytes) -> None:
        """Add the next bytes received."""
        decompressor = self.decompressor
        if decompressor is None:
            self._keep(data)
            return
        import zlib  # noqa: PLC0415 - loaded already, by __init__

        try:
            while data and not decompressor.eof:  # bytes after the end of the compressed data are ignored
                self._keep(decompressor.decompress(data, min(self.limit - self.size + 1, _INFLATE_STEP)))
                data = decompressor.unconsumed_tail
        except zlib.error as error:
            raise self._unreadable(f"{self.encoding} data that can't be decompressed: {error}") from None

    def content(self) -> bytes:
        """The whole body, once every byte received was fed."""
        if self.decompressor is not None:
            self._keep(self.decompressor.flush())  # little: the input is all consumed
        return b"".join(self.chunks)

    def _keep(self, chunk: bytes) -> None:
        self.size += len(chunk)
        if self.size > self.limit:
            raise self._too_large("more than that " + ("once decompressed" if self.decompressor else "arrived"))
        self.chunks.append(chunk)

    def _too_large(self, why: str) -> ResponseTooLargeError:
        message = f"HTTP {self.response.status_code}: the body is over max_response_bytes ({self.limit:,} bytes): {why}"
        return ResponseTooLargeError(message, self._unread(), self.limit)

    def _unreadable(self, why: str) -> UnexpectedResponse:
        return UnexpectedResponse(f"HTTP {self.response.status_code}: unreadable body ({why})", self._unread())

    def _unread(self) -> Response[None]:
        return Response(status_code=self.response.status_code, content=b"", headers=self.response.headers, parsed=None)


def _with_content(response: httpx.Response, reader: _BodyReader) -> httpx.Response:
    """`response`, its body read through `reader` in place of httpx's: `response.content` is what `reader` kept."""
    response._content = reader.content()  # pyright: ignore[reportPrivateUsage] - httpx has no public setter
    return response


@define
class Client:
    """Settings for calling the API, and the httpx clients built from them on first use.

    Keyword arguments:

        ``base_url``: The API's base URL, e.g. ``https://api.clerk.com/v1``.

        ``timeout``: An ``httpx.Timeout``; by default 5 s to connect and 30 s for the rest.
        ``None`` waits forever.

        ``deadline``: The most seconds a call may take in all, retries and their waits included
        (default 60); ``None`` disables it. Each endpoint function also takes ``deadline=``.

        ``max_response_bytes``: The largest response body accepted, after decompression (default
        16 MiB); a larger one raises ``errors.ResponseTooLargeError``.

        ``max_retries``: How many times a failed request may be retried (default 2; 0 disables).

        ``max_retry_wait``: The most seconds all retries of one call may wait in total (default 30).

        ``retry_backoff``: The first backoff delay in seconds, doubling with each retry (default 0.5).

        ``headers``, ``cookies``: Sent with every request. ``headers`` may override the default
        ``User-Agent`` and ``Clerk-API-Version``.

        ``trust_env``: Whether proxy and certificate settings are taken from the environment
        (``HTTPS_PROXY``, ``SSL_CERT_FILE``...), as httpx does by default. False by default: the
        environment can't send the secret key through a proxy nobody chose.

        ``verify_ssl``, ``follow_redirects``, ``httpx_args``: Passed to the ``httpx.Client`` and
        ``httpx.AsyncClient`` this client builds (``httpx_args`` may hold e.g. a ``transport``).
    """

    _base_url: str = field(alias="base_url", validator=_valid_base_url)
    _cookies: dict[str, str] = field(factory=dict[str, str], kw_only=True, alias="cookies", repr=False)
    _headers: dict[str, str] = field(
        factory=dict[str, str], kw_only=True, alias="headers", repr=False, validator=_valid_headers
    )
    _timeout: httpx.Timeout | None | Unset = field(default=UNSET, kw_only=True, alias="timeout")
    _verify_ssl: str | bool | ssl.SSLContext = field(default=True, kw_only=True, alias="verify_ssl", repr=False)
    _follow_redirects: bool = field(default=False, kw_only=True, alias="follow_redirects", repr=False)
    _trust_env: bool = field(default=False, kw_only=True, alias="trust_env", repr=False)
    _httpx_args: dict[str, Any] = field(factory=dict[str, Any], kw_only=True, alias="httpx_args", repr=False)
    deadline: float | None = field(default=DEFAULT_DEADLINE_S, kw_only=True, validator=_positive_or_none)
    max_response_bytes: int = field(default=DEFAULT_MAX_RESPONSE_BYTES, kw_only=True, validator=_positive)
    max_retries: int = field(default=2, kw_only=True, validator=_non_negative)
    max_retry_wait: float = field(default=30.0, kw_only=True, validator=_non_negative)
    retry_backoff: float = field(default=0.5, kw_only=True, validator=_non_negative)
    _connections: _Connections = field(init=False, repr=False)
    _closed: bool = field(default=False, init=False, repr=False)
    # A copy's differences from the client that built the pool, applied to each of its requests.
    _own_headers: dict[str, str] = field(factory=dict[str, str], init=False, repr=False)
    _own_cookies: dict[str, str] = field(factory=dict[str, str], init=False, repr=False)
    _own_timeouts: dict[str, float | None] | None = field(default=None, init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        self._connections = _Connections(self, self._httpx_client_args)

    def with_options(
        self,
        *,
        headers: dict[str, str] | Unset = UNSET,
        cookies: dict[str, str] | Unset = UNSET,
        timeout: httpx.Timeout | None | Unset = UNSET,
        deadline: float | None | Unset = UNSET,
        max_response_bytes: int | Unset = UNSET,
        max_retries: int | Unset = UNSET,
        max_retry_wait: float | Unset = UNSET,
        retry_backoff: float | Unset = UNSET,
    ) -> Self:
        """A copy of this client with other settings, sharing its connections; this client is left as it was.

        ``headers`` and ``cookies`` are added to this client's (a header of the same name replaced); the
        other arguments replace this client's setting. The copy uses this client's connection pool, which
        stays this client's: closing the copy ends only the copy's calls, closing this client ends every
        copy's too (see close()).
        """
        changes: dict[str, Any] = {
            name: value
            for name, value in (
                ("deadline", deadline),
                ("max_response_bytes", max_response_bytes),
                ("max_retries", max_retries),
                ("max_retry_wait", max_retry_wait),
                ("retry_backoff", retry_backoff),
            )
            if not isinstance(value, Unset)
        }
        if not isinstance(headers, Unset):
            changes["headers"] = {**self._headers, **headers}
        if not isinstance(cookies, Unset):
            changes["cookies"] = {**self._cookies, **cookies}
        if not isinstance(timeout, Unset):
            changes["timeout"] = timeout
        copy = evolve(self, **changes)
        copy._connections = self._connections
        copy._own_headers = {**self._own_headers, **headers} if headers else self._own_headers
        copy._own_cookies = {**self._own_cookies, **cookies} if cookies else self._own_cookies
        copy._own_timeouts = self._own_timeouts
        if not isinstance(timeout, Unset):
            import httpx  # noqa: PLC0415 - see the module's docstring

            copy._own_timeouts = httpx.Timeout(timeout).as_dict()
        return copy

    def with_headers(self, headers: dict[str, str]) -> Self:
        """A copy of this client that also sends `headers`, sharing its connections (see with_options)."""
        return self.with_options(headers=headers)

    def with_cookies(self, cookies: dict[str, str]) -> Self:
        """A copy of this client that also sends `cookies`, sharing its connections (see with_options)."""
        return self.with_options(cookies=cookies)

    def with_timeout(self, timeout: httpx.Timeout) -> Self:
        """A copy of this client with another timeout, sharing its connections (see with_options)."""
        return self.with_options(timeout=timeout)

    def __copy__(self) -> Self:
        return self.with_options()

    def __reduce_ex__(self, protocol: object) -> NoReturn:
        raise UnpicklableClientError(
            f"a {type(self).__name__} can't be pickled or deep-copied: it holds connections and the secret key; "
            "pass its settings and build a client where it is needed"
        )

    def _request_headers(self) -> dict[str, str]:
        """The headers of every request, after the defaults."""
        return self._headers

    def _httpx_client_args(self) -> dict[str, Any]:
        import httpx  # noqa: PLC0415 - the first httpx client is built: see the module's docstring

        timeout = self._timeout
        if isinstance(timeout, Unset):
            timeout = httpx.Timeout(DEFAULT_TIMEOUT_S, connect=DEFAULT_CONNECT_TIMEOUT_S)
        defaults = {
            "User-Agent": f"{USER_AGENT} python-httpx/{httpx.__version__}",
            "Clerk-API-Version": API_VERSION,
            # What _BodyReader decompresses (httpx would add br and zstd when their packages are installed).
            "Accept-Encoding": "gzip, deflate",
        }
        return {
            "base_url": self._base_url,
            "cookies": self._cookies,
            "headers": {**defaults, **self._request_headers()},
            "timeout": timeout,
            "verify": self._verify_ssl,
            "follow_redirects": self._follow_redirects,
            "trust_env": self._trust_env,
            **self._httpx_args,
        }

    def _retry_policy(self) -> RetryPolicy:
        return RetryPolicy(self.max_retries, self.max_retry_wait, self.retry_backoff)

    def _retry_delay(
        self, request: httpx.Request, attempt: int, waited: float, response: httpx.Response, ends_at: float | None
    ) -> float | None:
        """RetryPolicy.delay for `response`; None at once for a status it never retries (most responses)."""
        if response.status_code not in _RETRIED_STATUSES:
            return None
        return self._retry_policy().delay(request, attempt, waited, response, ends_at)

    def _delay_after(
        self,
        httpx_client: httpx.Client | httpx.AsyncClient,
        request: httpx.Request,
        attempt: int,
        waited: float,
        error: httpx.TransportError,
        ends_at: float | None,
    ) -> float:
        """The wait before sending `request` again after `error`; raises if the call must end instead."""
        if httpx_client.is_closed:
            raise_alone(ClientClosedError("the client was closed during the call"), error)
        delay = self._retry_policy().delay(request, attempt, waited, error, ends_at)
        if delay is None:
            raise error
        return delay

    def _deadline_s(self, deadline: float | None | Unset) -> float | None:
        """The seconds a call may take: its own `deadline`, else the client's."""
        if isinstance(deadline, Unset):
            return self.deadline
        if deadline is not None and not _is_positive(deadline):
            raise InvalidArgumentError(f"deadline must be a number > 0, or None, not {deadline!r}")
        return deadline

    def _adjust(self, httpx_client: httpx.Client | httpx.AsyncClient, request: httpx.Request) -> None:
        """Give `request`, built by the shared httpx client, this copy's own headers, cookies and timeout."""
        import httpx  # noqa: PLC0415 - loaded already: the request was built

        request.headers.update(self._own_headers)
        if self._own_cookies:
            request.headers.pop("Cookie", None)
            cookies = httpx.Cookies(httpx_client.cookies)
            cookies.update(self._own_cookies)
            cookies.set_cookie_header(request)
        if self._own_timeouts is not None:
            request.extensions["timeout"] = dict(self._own_timeouts)

    def send(self, request: httpx.Request, deadline: float | None | Unset = UNSET) -> httpx.Response:
        """Send `request` through the httpx.Client, retrying as RetryPolicy says, within the call's deadline.

        The response is returned with its body read, and no more than max_response_bytes of it.
        """
        import httpx  # noqa: PLC0415 - loaded already: the request was built

        seconds = self._deadline_s(deadline)
        httpx_client = self.get_httpx_client()
        if self._own_headers or self._own_cookies or self._own_timeouts is not None:
            self._adjust(httpx_client, request)
        _call.ends_at = ends_at = None if seconds is None else time.monotonic() + seconds
        try:
            return self._send(httpx_client, request, ends_at)
        except httpx.TimeoutException as error:
            if seconds is not None and ends_at is not None and time.monotonic() >= ends_at:
                _log_deadline(request, seconds)
                raise_alone(APITimeoutError(f"the call's deadline of {seconds:g} s passed"), error)
            raise
        except BaseException:
            _release(httpx_client, request)  # KeyboardInterrupt included
            raise
        finally:
            _call.ends_at = None

    def _send(self, httpx_client: httpx.Client, request: httpx.Request, ends_at: float | None) -> httpx.Response:
        import httpx  # noqa: PLC0415 - loaded already: the request was built

        timeouts = request.extensions.get("timeout")
        attempt, waited = 0, 0.0
        while True:
            if ends_at is not None and timeouts:
                # Waiting for a pooled connection is no socket operation: _DeadlineBackend can't bound it.
                left = max(ends_at - time.monotonic(), 0.0)
                request.extensions["timeout"] = {k: left if v is None else min(v, left) for k, v in timeouts.items()}
            started = time.monotonic()
            try:
                response = _sent(httpx_client, request)
                try:
                    delay = self._retry_delay(request, attempt, waited, response, ends_at)
                    if delay is None:
                        reader = _BodyReader(response, self.max_response_bytes)
                        if not response.is_stream_consumed:
                            for chunk in response.iter_raw():
                                reader.feed(chunk)
                        _log_attempt(request, attempt, started, _with_content(response, reader))
                        return response
                    _log_attempt(request, attempt, started, response)
                    outcome: httpx.Response | Exception = response
                finally:
                    response.close()
            except httpx.TransportError as error:
                _log_attempt(request, attempt, started, error)
                delay = self._delay_after(httpx_client, request, attempt, waited, error, ends_at)
                outcome = error
            _log_retry(request, attempt, delay, outcome)
            time.sleep(delay)
            attempt, waited = attempt + 1, waited + delay

    async def send_async(self, request: httpx.Request, deadline: float | None | Unset = UNSET) -> httpx.Response:
        """Send `request` through the httpx.AsyncClient, retrying as RetryPolicy says, within the call's deadline.

        The response is returned with its body read, and no more than max_response_bytes of it.
        """
        seconds = self._deadline_s(deadline)
        httpx_client = self.get_async_httpx_client()
        if self._own_headers or self._own_cookies or self._own_timeouts is not None:
            self._adjust(httpx_client, request)
        if seconds is None:
            return await self._send_async(httpx_client, request, None)
        import anyio  # noqa: PLC0415 - loaded already by httpcore's async backend, or about to be

        with anyio.move_on_after(seconds):
            return await self._send_async(httpx_client, request, time.monotonic() + seconds)
        _log_deadline(request, seconds)
        raise APITimeoutError(f"the call's deadline of {seconds:g} s passed")

    async def _send_async(
        self, httpx_client: httpx.AsyncClient, request: httpx.Request, ends_at: float | None
    ) -> httpx.Response:
        import httpx  # noqa: PLC0415 - loaded already: the request was built

        attempt, waited = 0, 0.0
        try:
            while True:
                started = time.monotonic()
                try:
                    response = await _sent_async(httpx_client, request)
                    try:
                        delay = self._retry_delay(request, attempt, waited, response, ends_at)
                        if delay is None:
                            reader = _BodyReader(response, self.max_response_bytes)
                            if not response.is_stream_consumed:
                                async for chunk in response.aiter_raw():
                                    reader.feed(chunk)
                            _log_attempt(request, attempt, started, _with_content(response, reader))
                            return response
                        _log_attempt(request, attempt, started, response)
                        outcome: httpx.Response | Exception = response
                    finally:
                        await response.aclose()
                except httpx.TransportError as error:
                    _log_attempt(request, attempt, started, error)
                    delay = self._delay_after(httpx_client, request, attempt, waited, error, ends_at)
                    outcome = error
                _log_retry(request, attempt, delay, outcome)
                import anyio  # noqa: PLC0415 - loaded already, by httpcore's async backend

                await anyio.sleep(delay)
                attempt, waited = attempt + 1, waited + delay
        except BaseException:
            await _release_async(httpx_client, request)  # a cancellation included
            raise

    def _refuse_if_closed(self) -> None:
        if self._closed or self._connections.closed:
            raise ClientClosedError(
                "the client is closed: make calls before close(), inside its `with` block"
                if self._closed
                else "the client this one is a copy of is closed, and with it the connections they shared"
            )

    def set_httpx_client(self, client: httpx.Client) -> Self:
        """Manually set the underlying httpx.Client, which this client and its copies share

        **NOTE**: This will override any other settings on the client, including cookies, headers
        and timeout; the endpoints still retry, and keep to the deadline and max_response_bytes, as
        this client's settings say.
        """
        self._connections.sync = _bound_by_deadline(client)
        return self

    def get_httpx_client(self) -> httpx.Client:
        """The httpx.Client this client and its copies share, built on first use; ClientClosedError once closed."""
        self._refuse_if_closed()
        return self._connections.sync or self._connections.sync_client()

    def set_async_httpx_client(self, async_client: httpx.AsyncClient) -> Self:
        """Manually set the underlying httpx.AsyncClient, which this client and its copies share

        **NOTE**: This will override any other settings on the client, including cookies, headers
        and timeout; the endpoints still retry, and keep to the deadline and max_response_bytes, as
        this client's settings say. It is used from every event loop: one that runs in another
        loop than the first raises httpx's errors, as httpx does.
        """
        self._connections.chosen_async = async_client
        return self

    def get_async_httpx_client(self) -> httpx.AsyncClient:
        """The httpx.AsyncClient of the running event loop, which this client and its copies share, built on first
        use in each loop; ClientClosedError once closed."""
        self._refuse_if_closed()
        return self._connections.async_client()

    def close(self) -> None:
        """End this client's use: later calls raise ClientClosedError.

        Closing the client that was built (not a copy) also closes the connections it shares with its
        copies, which then raise ClientClosedError too; closing a copy leaves them to the others.
        Connections of an event loop still running are closed in that loop, as soon as it runs.
        Closing twice does nothing more.
        """
        self._closed = True
        if self._owns_connections():
            self._connections.close(awaited_here=False)

    async def aclose(self) -> None:
        """close(), which awaits the running event loop's connections as they close."""
        self._closed = True
        if self._owns_connections():
            for async_client in self._connections.close(awaited_here=True):
                await async_client.aclose()

    def _owns_connections(self) -> bool:
        return self._connections.owner is self

    def __enter__(self) -> Self:
        """`with client:` closes the client at the end of the block (see close())."""
        self._refuse_if_closed()
        return self

    def __exit__(self, *args: object) -> None:
        self.close()

    async def __aenter__(self) -> Self:
        """`async with client:` closes the client at the end of the block (see aclose())."""
        self._refuse_if_closed()
        return self

    async def __aexit__(self, *args: object) -> None:
        await self.aclose()


def _sent(httpx_client: httpx.Client, request: httpx.Request) -> httpx.Response:
    """The response to `request`, its body not read yet."""
    try:
        return httpx_client.send(request, stream=True)
    except RuntimeError:
        if httpx_client.is_closed:
            raise ClientClosedError("the client is closed: make calls inside its `with` block") from None
        raise


async def _sent_async(httpx_client: httpx.AsyncClient, request: httpx.Request) -> httpx.Response:
    """The response to `request`, its body not read yet."""
    try:
        return await httpx_client.send(request, stream=True)
    except RuntimeError:
        if httpx_client.is_closed:
            raise ClientClosedError("the client is closed: make calls inside its `async with` block") from None
        raise


def _valid_token(_instance: object, _attribute: Any, token: str) -> None:
    if token == "":
        raise InvalidArgumentError("token is empty")
    if problem := _header_value_problem(token):
        raise InvalidArgumentError(f"token {problem}")


def _valid_prefix(_instance: object, _attribute: Any, prefix: str) -> None:
    if prefix != "" and not _is_token(prefix):
        raise InvalidArgumentError("prefix must be an auth scheme such as Bearer (an HTTP token), or empty")


def _valid_auth_header_name(instance: Any, _attribute: Any, name: str) -> None:
    if not _is_token(name):
        raise InvalidArgumentError("auth_header_name must be a header name (an HTTP token)")
    follows_redirects = instance._httpx_args.get("follow_redirects", instance._follow_redirects)
    if name.lower() != "authorization" and follows_redirects:
        raise InvalidArgumentError(
            "follow_redirects is refused with a custom auth_header_name: httpx drops only Authorization on a "
            "redirect to another origin, so the key would follow the redirect"
        )


@define
class AuthenticatedClient(Client):
    """A Client that sends the secret key, for the secured endpoints (all of Clerk's).

    Takes the keyword arguments of Client, and:

        ``token``: The secret key, ``sk_live_...`` or ``sk_test_...``. It is never shown by
        ``repr()`` and is sent only in the ``Authorization`` header. A key that can't be a header
        value (empty, surrounding whitespace, control or non-ASCII characters) raises
        ``errors.InvalidArgumentError``, which never quotes it.

        ``prefix``: The Authorization header's scheme (default ``Bearer``).

        ``auth_header_name``: The header that carries the key (default ``Authorization``). Another
        header can't be combined with ``follow_redirects``.
    """

    token: str = field(repr=False, validator=_valid_token)
    prefix: str = field(default="Bearer", validator=_valid_prefix)
    auth_header_name: str = field(default="Authorization", validator=_valid_auth_header_name)

    def _request_headers(self) -> dict[str, str]:
        credentials = f"{self.prefix} {self.token}" if self.prefix else self.token
        return {**super()._request_headers(), self.auth_header_name: credentials}

    def _httpx_client_args(self) -> dict[str, Any]:
        if self.token.startswith("sk_live_") and _is_remote_plain_http(self._base_url):
            import warnings  # noqa: PLC0415 - loaded already, by the standard library's imports

            warnings.warn(
                "a live secret key (sk_live_) is sent over plain http to a host that isn't this machine: anyone on "
                "the way can read it; use https",
                InsecureKeyWarning,
                stacklevel=5,
            )
        return super()._httpx_client_args()


def _is_remote_plain_http(base_url: str) -> bool:
    """Whether `base_url` is an http:// URL (not https) of a host other than this machine."""
    parts = urlsplit(base_url)
    if parts.scheme != "http":
        return False
    host = parts.hostname or ""
    if host == "localhost" or host.endswith(".localhost"):
        return False
    import ipaddress  # noqa: PLC0415 - only a plain-http URL needs it

    try:
        return not ipaddress.ip_address(host).is_loopback
    except ValueError:  # a name: it may be anywhere
        return True
