"""The clients that hold connection settings: Client, and AuthenticatedClient for the secret key.

httpx is imported when the first httpx client is built, not with this package: it is most of the
package's import time, which services and command-line tools pay at start-up. The layers a call goes
through each have their module: _request (building it), _retry (RetryPolicy), _body (reading the body),
_connections (the shared httpx clients), _httpx_internals (the deadline, and every use of httpx's private
attributes), _logging, _validators (the settings' checks) and _constants.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any, NoReturn, Self
from urllib.parse import urlsplit

from attrs import define, evolve, field

from ._body import BodyReader
from ._connections import SharedConnections
from ._constants import (
    API_VERSION,
    DEFAULT_CONNECT_TIMEOUT_S,
    DEFAULT_DEADLINE_S,
    DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_TIMEOUT_S,
    USER_AGENT,
)
from ._httpx_internals import bound_by_deadline, current_call, release, release_async, set_content
from ._logging import LOG_ENV, log_attempt, log_deadline, log_retry
from ._request import build_request, path_segment
from ._retry import RETRIED_STATUSES, RetryPolicy
from ._validators import (
    is_positive,
    is_token,
    non_negative,
    positive,
    positive_or_none,
    valid_base_url,
    valid_headers,
    valid_prefix,
    valid_token,
)
from .errors import (
    APITimeoutError,
    ClientClosedError,
    InsecureKeyWarning,
    InvalidArgumentError,
    UnpicklableClientError,
    raise_alone,
)
from .types import UNSET, Unset

if TYPE_CHECKING:
    import ssl

    import httpx

__all__ = [
    "API_VERSION",
    "DEFAULT_CONNECT_TIMEOUT_S",
    "DEFAULT_DEADLINE_S",
    "DEFAULT_MAX_RESPONSE_BYTES",
    "DEFAULT_TIMEOUT_S",
    "LOG_ENV",
    "USER_AGENT",
    "AuthenticatedClient",
    "Client",
    "RetryPolicy",
    "build_request",
    "path_segment",
]


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

    _base_url: str = field(alias="base_url", validator=valid_base_url)
    _cookies: dict[str, str] = field(factory=dict[str, str], kw_only=True, alias="cookies", repr=False)
    _headers: dict[str, str] = field(
        factory=dict[str, str], kw_only=True, alias="headers", repr=False, validator=valid_headers
    )
    _timeout: httpx.Timeout | None | Unset = field(default=UNSET, kw_only=True, alias="timeout")
    _verify_ssl: str | bool | ssl.SSLContext = field(default=True, kw_only=True, alias="verify_ssl", repr=False)
    _follow_redirects: bool = field(default=False, kw_only=True, alias="follow_redirects", repr=False)
    _trust_env: bool = field(default=False, kw_only=True, alias="trust_env", repr=False)
    _httpx_args: dict[str, Any] = field(factory=dict[str, Any], kw_only=True, alias="httpx_args", repr=False)
    deadline: float | None = field(default=DEFAULT_DEADLINE_S, kw_only=True, validator=positive_or_none)
    max_response_bytes: int = field(default=DEFAULT_MAX_RESPONSE_BYTES, kw_only=True, validator=positive)
    max_retries: int = field(default=2, kw_only=True, validator=non_negative)
    max_retry_wait: float = field(default=30.0, kw_only=True, validator=non_negative)
    retry_backoff: float = field(default=0.5, kw_only=True, validator=non_negative)
    _shared: SharedConnections = field(init=False, repr=False)
    _closed: bool = field(default=False, init=False, repr=False)
    # A copy's differences from the client that built the pool, applied to each of its requests.
    _own_headers: dict[str, str] = field(factory=dict[str, str], init=False, repr=False)
    _own_cookies: dict[str, str] = field(factory=dict[str, str], init=False, repr=False)
    _own_timeouts: dict[str, float | None] | None = field(default=None, init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        self._shared = SharedConnections(self, self._httpx_client_args)

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
        copy._shared = self._shared
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
            # What BodyReader decompresses (httpx would add br and zstd when their packages are installed).
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
        if response.status_code not in RETRIED_STATUSES:
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
        if deadline is not None and not is_positive(deadline):
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
        current_call.ends_at = ends_at = None if seconds is None else time.monotonic() + seconds
        try:
            return self._send(httpx_client, request, ends_at)
        except httpx.TimeoutException as error:
            if seconds is not None and ends_at is not None and time.monotonic() >= ends_at:
                log_deadline(request, seconds)
                raise_alone(APITimeoutError(f"the call's deadline of {seconds:g} s passed"), error)
            raise
        except BaseException:
            release(httpx_client, request)  # KeyboardInterrupt included
            raise
        finally:
            current_call.ends_at = None

    def _send(self, httpx_client: httpx.Client, request: httpx.Request, ends_at: float | None) -> httpx.Response:
        import httpx  # noqa: PLC0415 - loaded already: the request was built

        timeouts = request.extensions.get("timeout")
        attempt, waited = 0, 0.0
        while True:
            if ends_at is not None and timeouts:
                # Waiting for a pooled connection is no socket operation: DeadlineBackend can't bound it.
                left = max(ends_at - time.monotonic(), 0.0)
                request.extensions["timeout"] = {k: left if v is None else min(v, left) for k, v in timeouts.items()}
            started = time.monotonic()
            try:
                response = _sent(httpx_client, request)
                try:
                    delay = self._retry_delay(request, attempt, waited, response, ends_at)
                    if delay is None:
                        reader = BodyReader(response, self.max_response_bytes)
                        if not response.is_stream_consumed:
                            for chunk in response.iter_raw():
                                reader.feed(chunk)
                        log_attempt(request, attempt, started, set_content(response, reader.content()))
                        return response
                    log_attempt(request, attempt, started, response)
                    outcome: httpx.Response | Exception = response
                finally:
                    response.close()
            except httpx.TransportError as error:
                log_attempt(request, attempt, started, error)
                delay = self._delay_after(httpx_client, request, attempt, waited, error, ends_at)
                outcome = error
            log_retry(request, attempt, delay, outcome)
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
        log_deadline(request, seconds)
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
                            reader = BodyReader(response, self.max_response_bytes)
                            if not response.is_stream_consumed:
                                async for chunk in response.aiter_raw():
                                    reader.feed(chunk)
                            log_attempt(request, attempt, started, set_content(response, reader.content()))
                            return response
                        log_attempt(request, attempt, started, response)
                        outcome: httpx.Response | Exception = response
                    finally:
                        await response.aclose()
                except httpx.TransportError as error:
                    log_attempt(request, attempt, started, error)
                    delay = self._delay_after(httpx_client, request, attempt, waited, error, ends_at)
                    outcome = error
                log_retry(request, attempt, delay, outcome)
                import anyio  # noqa: PLC0415 - loaded already, by httpcore's async backend

                await anyio.sleep(delay)
                attempt, waited = attempt + 1, waited + delay
        except BaseException:
            await release_async(httpx_client, request)  # a cancellation included
            raise

    def _refuse_if_closed(self) -> None:
        if self._closed or self._shared.closed:
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
        self._shared.sync = bound_by_deadline(client)
        return self

    def get_httpx_client(self) -> httpx.Client:
        """The httpx.Client this client and its copies share, built on first use; ClientClosedError once closed."""
        self._refuse_if_closed()
        return self._shared.sync or self._shared.sync_client()

    def set_async_httpx_client(self, async_client: httpx.AsyncClient) -> Self:
        """Manually set the underlying httpx.AsyncClient, which this client and its copies share

        **NOTE**: This will override any other settings on the client, including cookies, headers
        and timeout; the endpoints still retry, and keep to the deadline and max_response_bytes, as
        this client's settings say. It is used from every event loop: one that runs in another
        loop than the first raises httpx's errors, as httpx does.
        """
        self._shared.chosen_async = async_client
        return self

    def get_async_httpx_client(self) -> httpx.AsyncClient:
        """The httpx.AsyncClient of the running event loop, which this client and its copies share, built on first
        use in each loop; ClientClosedError once closed."""
        self._refuse_if_closed()
        return self._shared.async_client()

    def close(self) -> None:
        """End this client's use: later calls raise ClientClosedError.

        Closing the client that was built (not a copy) also closes the connections it shares with its
        copies, which then raise ClientClosedError too; closing a copy leaves them to the others.
        Connections of an event loop still running are closed in that loop, as soon as it runs.
        Closing twice does nothing more.
        """
        self._closed = True
        if self._owns_connections():
            self._shared.close(awaited_here=False)

    async def aclose(self) -> None:
        """close(), which awaits the running event loop's connections as they close."""
        self._closed = True
        if self._owns_connections():
            for async_client in self._shared.close(awaited_here=True):
                await async_client.aclose()

    def _owns_connections(self) -> bool:
        return self._shared.owner is self

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


def _valid_auth_header_name(instance: Any, _attribute: Any, name: str) -> None:
    """A header name, and Authorization if the client follows redirects: a check of the client's own settings."""
    if not is_token(name):
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

    token: str = field(repr=False, validator=valid_token)
    prefix: str = field(default="Bearer", validator=valid_prefix)
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
