"""The clients that hold connection settings: Client, and AuthenticatedClient for the secret key.

httpx is imported when the first httpx client is built, not with this package: it is most of the
package's import time, which services and command-line tools pay at start-up.
"""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING, Any, Self, cast
from urllib.parse import quote, urlencode

from attrs import define, evolve, field

from .errors import (
    APITimeoutError,
    ClientClosedError,
    InvalidArgumentError,
    ResponseTooLargeError,
    UnexpectedResponse,
    parse_retry_after,
)
from .types import UNSET, Response, Unset

if TYPE_CHECKING:
    import ssl
    import zlib

    import httpcore
    import httpx

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
    params = kwargs.get("params") or {}
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


def _non_negative(_instance: object, attribute: Any, value: float) -> None:
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
# Held while an httpx client is built: concurrent first calls build one, not one each.
_BUILDING_HTTPX_CLIENT = threading.Lock()


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
    import httpx  # noqa: PLC0415 - loaded already: the client was built

    for transport in (httpx_client._transport, *httpx_client._mounts.values()):
        if isinstance(transport, httpx.HTTPTransport):
            pool = transport._pool
            if not isinstance(pool._network_backend, _DeadlineBackend):
                pool._network_backend = cast("httpcore.NetworkBackend", _DeadlineBackend(pool._network_backend))
    return httpx_client


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
        self.decompressor: zlib._Decompress | None = None
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
    response._content = reader.content()
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

    _base_url: str = field(alias="base_url")
    _cookies: dict[str, str] = field(factory=dict, kw_only=True, alias="cookies", repr=False)
    _headers: dict[str, str] = field(factory=dict, kw_only=True, alias="headers", repr=False, validator=_valid_headers)
    _timeout: httpx.Timeout | None | Unset = field(default=UNSET, kw_only=True, alias="timeout")
    _verify_ssl: str | bool | ssl.SSLContext = field(default=True, kw_only=True, alias="verify_ssl", repr=False)
    _follow_redirects: bool = field(default=False, kw_only=True, alias="follow_redirects", repr=False)
    _trust_env: bool = field(default=False, kw_only=True, alias="trust_env", repr=False)
    _httpx_args: dict[str, Any] = field(factory=dict, kw_only=True, alias="httpx_args", repr=False)
    deadline: float | None = field(default=DEFAULT_DEADLINE_S, kw_only=True, validator=_positive_or_none)
    max_response_bytes: int = field(default=DEFAULT_MAX_RESPONSE_BYTES, kw_only=True, validator=_positive)
    max_retries: int = field(default=2, kw_only=True, validator=_non_negative)
    max_retry_wait: float = field(default=30.0, kw_only=True, validator=_non_negative)
    retry_backoff: float = field(default=0.5, kw_only=True, validator=_non_negative)
    _client: httpx.Client | None = field(default=None, init=False, repr=False)
    _async_client: httpx.AsyncClient | None = field(default=None, init=False, repr=False)

    def with_headers(self, headers: dict[str, str]) -> Self:
        """Get a new client matching this one with additional headers"""
        _valid_headers(self, None, headers)
        if self._client is not None:
            self._client.headers.update(headers)
        if self._async_client is not None:
            self._async_client.headers.update(headers)
        return evolve(self, headers={**self._headers, **headers})

    def with_cookies(self, cookies: dict[str, str]) -> Self:
        """Get a new client matching this one with additional cookies"""
        if self._client is not None:
            self._client.cookies.update(cookies)
        if self._async_client is not None:
            self._async_client.cookies.update(cookies)
        return evolve(self, cookies={**self._cookies, **cookies})

    def with_timeout(self, timeout: httpx.Timeout) -> Self:
        """Get a new client matching this one with a new timeout configuration"""
        if self._client is not None:
            self._client.timeout = timeout
        if self._async_client is not None:
            self._async_client.timeout = timeout
        return evolve(self, timeout=timeout)

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
            raise ClientClosedError("the client was closed during the call") from error
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

    def send(self, request: httpx.Request, deadline: float | None | Unset = UNSET) -> httpx.Response:
        """Send `request` through the httpx.Client, retrying as RetryPolicy says, within the call's deadline.

        The response is returned with its body read, and no more than max_response_bytes of it.
        """
        import httpx  # noqa: PLC0415 - loaded already: the request was built

        seconds = self._deadline_s(deadline)
        httpx_client = self.get_httpx_client()
        _call.ends_at = ends_at = None if seconds is None else time.monotonic() + seconds
        try:
            return self._send(httpx_client, request, ends_at)
        except httpx.TimeoutException as error:
            if ends_at is not None and time.monotonic() >= ends_at:
                raise APITimeoutError(f"the call's deadline of {seconds:g} s passed") from error
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
            try:
                response = _sent(httpx_client, request)
                try:
                    delay = self._retry_delay(request, attempt, waited, response, ends_at)
                    if delay is None:
                        reader = _BodyReader(response, self.max_response_bytes)
                        if not response.is_stream_consumed:
                            for chunk in response.iter_raw():
                                reader.feed(chunk)
                        return _with_content(response, reader)
                finally:
                    response.close()
            except httpx.TransportError as error:
                delay = self._delay_after(httpx_client, request, attempt, waited, error, ends_at)
            time.sleep(delay)
            attempt, waited = attempt + 1, waited + delay

    async def send_async(self, request: httpx.Request, deadline: float | None | Unset = UNSET) -> httpx.Response:
        """Send `request` through the httpx.AsyncClient, retrying as RetryPolicy says, within the call's deadline.

        The response is returned with its body read, and no more than max_response_bytes of it.
        """
        seconds = self._deadline_s(deadline)
        httpx_client = self.get_async_httpx_client()
        if seconds is None:
            return await self._send_async(httpx_client, request, None)
        import anyio  # noqa: PLC0415 - loaded already by httpcore's async backend, or about to be

        with anyio.move_on_after(seconds):
            return await self._send_async(httpx_client, request, time.monotonic() + seconds)
        raise APITimeoutError(f"the call's deadline of {seconds:g} s passed")

    async def _send_async(
        self, httpx_client: httpx.AsyncClient, request: httpx.Request, ends_at: float | None
    ) -> httpx.Response:
        import httpx  # noqa: PLC0415 - loaded already: the request was built

        attempt, waited = 0, 0.0
        while True:
            try:
                response = await _sent_async(httpx_client, request)
                try:
                    delay = self._retry_delay(request, attempt, waited, response, ends_at)
                    if delay is None:
                        reader = _BodyReader(response, self.max_response_bytes)
                        if not response.is_stream_consumed:
                            async for chunk in response.aiter_raw():
                                reader.feed(chunk)
                        return _with_content(response, reader)
                finally:
                    await response.aclose()
            except httpx.TransportError as error:
                delay = self._delay_after(httpx_client, request, attempt, waited, error, ends_at)
            import anyio  # noqa: PLC0415 - loaded already, by httpcore's async backend

            await anyio.sleep(delay)
            attempt, waited = attempt + 1, waited + delay

    def set_httpx_client(self, client: httpx.Client) -> Self:
        """Manually set the underlying httpx.Client

        **NOTE**: This will override any other settings on the client, including cookies, headers
        and timeout; the endpoints still retry, and keep to the deadline and max_response_bytes, as
        this client's settings say.
        """
        self._client = _bound_by_deadline(client)
        return self

    def get_httpx_client(self) -> httpx.Client:
        """Get the underlying httpx.Client, constructing a new one if not previously set"""
        if self._client is None:
            with _BUILDING_HTTPX_CLIENT:
                if self._client is None:
                    import httpx  # noqa: PLC0415 - see the module's docstring

                    self._client = _bound_by_deadline(httpx.Client(**self._httpx_client_args()))
        return self._client

    def __enter__(self) -> Self:
        """Enter a context manager for self.client—you cannot enter twice (see httpx docs)"""
        self.get_httpx_client().__enter__()
        return self

    def __exit__(self, *args: Any, **kwargs: Any) -> None:
        """Exit a context manager for internal httpx.Client (see httpx docs)"""
        self.get_httpx_client().__exit__(*args, **kwargs)

    def set_async_httpx_client(self, async_client: httpx.AsyncClient) -> Self:
        """Manually set the underlying httpx.AsyncClient

        **NOTE**: This will override any other settings on the client, including cookies, headers
        and timeout; the endpoints still retry, and keep to the deadline and max_response_bytes, as
        this client's settings say.
        """
        self._async_client = async_client
        return self

    def get_async_httpx_client(self) -> httpx.AsyncClient:
        """Get the underlying httpx.AsyncClient, constructing a new one if not previously set"""
        if self._async_client is None:
            with _BUILDING_HTTPX_CLIENT:
                if self._async_client is None:
                    import httpx  # noqa: PLC0415 - see the module's docstring

                    self._async_client = httpx.AsyncClient(**self._httpx_client_args())
        return self._async_client

    async def __aenter__(self) -> Self:
        """Enter a context manager for underlying httpx.AsyncClient—you cannot enter twice (see httpx docs)"""
        await self.get_async_httpx_client().__aenter__()
        return self

    async def __aexit__(self, *args: Any, **kwargs: Any) -> None:
        """Exit a context manager for underlying httpx.AsyncClient (see httpx docs)"""
        await self.get_async_httpx_client().__aexit__(*args, **kwargs)


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
