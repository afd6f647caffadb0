"""Everything that reaches into httpx's and httpcore's private attributes (httpx 0.28, httpcore 1.0), and only that.

- the deadline: each socket operation of a sync call bounded by what is left of it, through a wrapper of
  httpcore's network backend set on each connection pool;
- connections an interrupted or cancelled request held, taken out of httpcore's pool and closed;
- a forked child's pools emptied of the parent's connections;
- a response's body set once our reader has read it.

httpx has no public way to do any of these. tests/client/test_hostile_server.py fails if an upgrade moves the
attributes, and tests/pipeline/test_layers.py if another module of the package uses one of httpx's or httpcore's.
"""

from __future__ import annotations

import contextlib
import threading
import time
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import ssl

    import httpcore
    import httpx

current_call = threading.local()
"""The current thread's sync call: its `ends_at`, the time.monotonic() by which it must end (None: no deadline)."""


def _within_deadline(timeout: float | None, expired: str) -> float | None:
    """`timeout`, shortened to what is left of the current thread's call; httpcore's `expired` if nothing is."""
    ends_at: float | None = getattr(current_call, "ends_at", None)
    if ends_at is None:
        return timeout
    left = ends_at - time.monotonic()
    if left <= 0:
        import httpcore  # noqa: PLC0415 - loaded already: httpx's transport imported it

        raise getattr(httpcore, expired)("the call's deadline passed")
    return left if timeout is None else min(timeout, left)


class DeadlineStream:
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
    ) -> DeadlineStream:
        timeout = _within_deadline(timeout, "ConnectTimeout")
        return DeadlineStream(self._stream.start_tls(ssl_context, server_hostname, timeout))

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class DeadlineBackend:
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
    ) -> DeadlineStream:
        timeout = _within_deadline(timeout, "ConnectTimeout")
        return DeadlineStream(self._backend.connect_tcp(host, port, timeout, local_address, socket_options))

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Any = None
    ) -> DeadlineStream:
        timeout = _within_deadline(timeout, "ConnectTimeout")
        return DeadlineStream(self._backend.connect_unix_socket(path, timeout, socket_options))

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(seconds)


def bound_by_deadline(httpx_client: httpx.Client) -> httpx.Client:
    """`httpx_client`, with each of its connection pools bounding socket operations by the call's deadline.

    httpx has no public way to choose httpcore's network backend, so this sets the private attributes
    that hold it.
    """
    for pool in _pools(httpx_client):
        if not isinstance(pool._network_backend, DeadlineBackend):
            pool._network_backend = DeadlineBackend(pool._network_backend)
    return httpx_client


def _pools(httpx_client: httpx.Client | httpx.AsyncClient) -> list[Any]:
    """The httpcore connection pools of `httpx_client`'s own transports of its kind (none for one of the caller's)."""
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


def release(httpx_client: httpx.Client, request: httpx.Request) -> None:
    """After `request` was interrupted: no connection stays held for it (see _abandoned)."""
    for connection in _abandoned(httpx_client, request):
        with contextlib.suppress(Exception):
            connection.close()


async def release_async(httpx_client: httpx.AsyncClient, request: httpx.Request) -> None:
    """release for an async request, cancelled: the connections are closed even if the cancellation goes on."""
    import anyio  # noqa: PLC0415 - loaded already by httpcore's async backend

    with anyio.CancelScope(shield=True):
        for connection in _abandoned(httpx_client, request):
            with contextlib.suppress(Exception):
                await connection.aclose()


def forget_connections(httpx_client: httpx.Client | httpx.AsyncClient) -> None:
    """Empty the pools of `httpx_client` without closing anything: in a forked child, the parent's connections."""
    for pool in _pools(httpx_client):
        pool._optional_thread_lock = type(pool._optional_thread_lock)()  # another thread may have held it
        pool._connections = []
        pool._requests = []


def set_content(response: httpx.Response, content: bytes) -> httpx.Response:
    """`response`, with `content` as its body read: what `response.content` returns from now on."""
    response._content = content  # pyright: ignore[reportPrivateUsage] - httpx has no public setter
    return response


def content_if_read(response: httpx.Response) -> bytes | None:
    """`response.content` if the body was read, else None (where `response.content` would raise)."""
    content: bytes | None = getattr(response, "_content", None)
    return content
