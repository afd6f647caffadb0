"""The clients that hold connection settings: Client, and AuthenticatedClient for the secret key.

httpx is imported when the first httpx client is built, not with this package: it is most of the
package's import time, which services and command-line tools pay at start-up.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any, Self
from urllib.parse import quote

from attrs import define, evolve, field

from .errors import InvalidArgumentError, parse_retry_after
from .types import UNSET, Unset

if TYPE_CHECKING:
    import ssl

    import httpx

API_VERSION = "2026-05-12"
"""Sent as `Clerk-API-Version`: the API version the spec describes."""
USER_AGENT = "clerk-invitations-client/0.4.0"
"""Sent as `User-Agent`, followed by httpx's version."""
DEFAULT_TIMEOUT_S = 30.0
"""Seconds to read, write or wait for a pooled connection, unless the client says otherwise."""
DEFAULT_CONNECT_TIMEOUT_S = 5.0
"""Seconds to connect, unless the client says otherwise."""

_IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
_MAX_BACKOFF_S = 8.0


def path_segment(value: object, name: str) -> str:
    """`value` encoded as one path segment; values that would change the request's target are refused."""
    text = str(value)
    if text in {"", ".", ".."}:
        raise InvalidArgumentError(f"{name} must be a non-empty id, not {text!r}")
    return quote(text, safe="")


def _non_negative(_instance: object, attribute: Any, value: float) -> None:
    if value < 0:
        raise InvalidArgumentError(f"{attribute.name.lstrip('_')} must be >= 0, not {value!r}")


@define(frozen=True)
class RetryPolicy:
    """When to retry a request, and after how long.

    429 and 503 wait what Retry-After says (seconds or an HTTP date), else back off exponentially
    with jitter. GET and other idempotent requests also retry 502, 503, 504 and dropped connections;
    a POST retries only what can't have reached the server: connect errors and 429. The total wait
    never exceeds `max_wait`: a longer Retry-After ends the retries at once.
    """

    max_retries: int
    max_wait: float
    backoff: float

    def delay(
        self, request: httpx.Request, attempt: int, waited: float, outcome: httpx.Response | httpx.TransportError
    ) -> float | None:
        """Seconds to wait before retrying after `outcome`, or None not to retry."""
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
            retry = status == 429 or (idempotent and status in {502, 503, 504})
            if status in {429, 503}:
                retry_after = parse_retry_after(outcome.headers.get("retry-after"))
        if not retry:
            return None
        if retry_after is None:
            import random  # noqa: PLC0415 - only a backoff needs it

            retry_after = min(self.backoff * 2**attempt, _MAX_BACKOFF_S) * (1 - 0.25 * random.random())
        return retry_after if waited + retry_after <= self.max_wait else None


@define
class Client:
    """Settings for calling the API, and the httpx clients built from them on first use.

    Keyword arguments:

        ``base_url``: The API's base URL, e.g. ``https://api.clerk.com/v1``.

        ``timeout``: An ``httpx.Timeout``; by default 5 s to connect and 30 s for the rest.
        ``None`` waits forever.

        ``max_retries``: How many times a failed request may be retried (default 2; 0 disables).

        ``max_retry_wait``: The most seconds all retries of one call may wait in total (default 30).

        ``retry_backoff``: The first backoff delay in seconds, doubling with each retry (default 0.5).

        ``headers``, ``cookies``: Sent with every request. ``headers`` may override the default
        ``User-Agent`` and ``Clerk-API-Version``.

        ``verify_ssl``, ``follow_redirects``, ``httpx_args``: Passed to the ``httpx.Client`` and
        ``httpx.AsyncClient`` this client builds (``httpx_args`` may hold e.g. a ``transport``).
    """

    _base_url: str = field(alias="base_url")
    _cookies: dict[str, str] = field(factory=dict, kw_only=True, alias="cookies", repr=False)
    _headers: dict[str, str] = field(factory=dict, kw_only=True, alias="headers", repr=False)
    _timeout: httpx.Timeout | None | Unset = field(default=UNSET, kw_only=True, alias="timeout")
    _verify_ssl: str | bool | ssl.SSLContext = field(default=True, kw_only=True, alias="verify_ssl", repr=False)
    _follow_redirects: bool = field(default=False, kw_only=True, alias="follow_redirects", repr=False)
    _httpx_args: dict[str, Any] = field(factory=dict, kw_only=True, alias="httpx_args", repr=False)
    max_retries: int = field(default=2, kw_only=True, validator=_non_negative)
    max_retry_wait: float = field(default=30.0, kw_only=True, validator=_non_negative)
    retry_backoff: float = field(default=0.5, kw_only=True, validator=_non_negative)
    _client: httpx.Client | None = field(default=None, init=False, repr=False)
    _async_client: httpx.AsyncClient | None = field(default=None, init=False, repr=False)

    def with_headers(self, headers: dict[str, str]) -> Self:
        """Get a new client matching this one with additional headers"""
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
        defaults = {"User-Agent": f"{USER_AGENT} python-httpx/{httpx.__version__}", "Clerk-API-Version": API_VERSION}
        return {
            "base_url": self._base_url,
            "cookies": self._cookies,
            "headers": {**defaults, **self._request_headers()},
            "timeout": timeout,
            "verify": self._verify_ssl,
            "follow_redirects": self._follow_redirects,
            **self._httpx_args,
        }

    def _retry_policy(self) -> RetryPolicy:
        return RetryPolicy(self.max_retries, self.max_retry_wait, self.retry_backoff)

    def send(self, request: httpx.Request) -> httpx.Response:
        """Send `request` through the httpx.Client, retrying as RetryPolicy says."""
        import httpx  # noqa: PLC0415 - loaded already: the request was built

        httpx_client, policy = self.get_httpx_client(), self._retry_policy()
        attempt, waited = 0, 0.0
        while True:
            outcome: httpx.Response | httpx.TransportError
            try:
                outcome = httpx_client.send(request)
            except httpx.TransportError as error:
                outcome = error
            delay = policy.delay(request, attempt, waited, outcome)
            if delay is None:
                if isinstance(outcome, httpx.TransportError):
                    raise outcome
                return outcome
            if isinstance(outcome, httpx.Response):
                outcome.close()
            time.sleep(delay)
            attempt, waited = attempt + 1, waited + delay

    async def send_async(self, request: httpx.Request) -> httpx.Response:
        """Send `request` through the httpx.AsyncClient, retrying as RetryPolicy says."""
        import httpx  # noqa: PLC0415 - loaded already: the request was built

        httpx_client, policy = self.get_async_httpx_client(), self._retry_policy()
        attempt, waited = 0, 0.0
        while True:
            outcome: httpx.Response | httpx.TransportError
            try:
                outcome = await httpx_client.send(request)
            except httpx.TransportError as error:
                outcome = error
            delay = policy.delay(request, attempt, waited, outcome)
            if delay is None:
                if isinstance(outcome, httpx.TransportError):
                    raise outcome
                return outcome
            if isinstance(outcome, httpx.Response):
                await outcome.aclose()
            import asyncio  # noqa: PLC0415 - only a retry needs it

            await asyncio.sleep(delay)
            attempt, waited = attempt + 1, waited + delay

    def set_httpx_client(self, client: httpx.Client) -> Self:
        """Manually set the underlying httpx.Client

        **NOTE**: This will override any other settings on the client, including cookies, headers
        and timeout; the endpoints still retry as this client's settings say.
        """
        self._client = client
        return self

    def get_httpx_client(self) -> httpx.Client:
        """Get the underlying httpx.Client, constructing a new one if not previously set"""
        if self._client is None:
            import httpx  # noqa: PLC0415 - see the module's docstring

            self._client = httpx.Client(**self._httpx_client_args())
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
        and timeout; the endpoints still retry as this client's settings say.
        """
        self._async_client = async_client
        return self

    def get_async_httpx_client(self) -> httpx.AsyncClient:
        """Get the underlying httpx.AsyncClient, constructing a new one if not previously set"""
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


@define
class AuthenticatedClient(Client):
    """A Client that sends the secret key, for the secured endpoints (all of Clerk's).

    Takes the keyword arguments of Client, and:

        ``token``: The secret key, ``sk_live_...`` or ``sk_test_...``. It is never shown by
        ``repr()`` and is sent only in the ``Authorization`` header.

        ``prefix``: The Authorization header's scheme (default ``Bearer``).

        ``auth_header_name``: The header that carries the key (default ``Authorization``).
    """

    token: str = field(repr=False)
    prefix: str = "Bearer"
    auth_header_name: str = "Authorization"

    def _request_headers(self) -> dict[str, str]:
        credentials = f"{self.prefix} {self.token}" if self.prefix else self.token
        return {**super()._request_headers(), self.auth_header_name: credentials}
