"""Servers that drip, hang, inflate and lie: every call still ends by its deadline, holds at most
max_response_bytes of body, and fails with one of the package's exceptions, the key kept out of it.

All against the suite's scripted server on loopback, sync and async.
"""

from __future__ import annotations

import functools
import gzip
import json
import threading
import tracemalloc
import zlib
from typing import Any

import httpx
import pytest
from clerk_invitations_client import AuthenticatedClient, errors
from clerk_invitations_client._httpx_internals import DeadlineBackend
from clerk_invitations_client.api.invitations import list_invitations
from clerk_invitations_client.client import DEFAULT_DEADLINE_S, DEFAULT_MAX_RESPONSE_BYTES

from tests.support.calls import TEST_SECRET_KEY, Caller
from tests.support.key_checks import assert_error_hides_key
from tests.support.scripted_server import Reply, ScriptedServer, wait_until

JSON = {"Content-Type": "application/json"}
DRIP_S = 0.05
"""Seconds between dripped bytes: far below any read timeout, so that only the deadline can end the call."""
CAP = 1024 * 1024
"""The max_response_bytes of these tests."""


def hostile_client(server: ScriptedServer, **settings: Any) -> AuthenticatedClient:
    return AuthenticatedClient(base_url=server.url, token=TEST_SECRET_KEY, **{"max_retries": 0, **settings})


NEVER_ENDING = {
    "headers-dripped": Reply(200, b"[]", JSON, drip_s=DRIP_S, drip_head=True),
    "body-dripped": Reply(200, b"[" + b" " * 10_000 + b"]", JSON, drip_s=DRIP_S),
    "never-answers": Reply(hang=True),
}


@pytest.mark.parametrize("case", NEVER_ENDING)
def test_the_client_deadline_ends_a_call_that_would_never_end(call: Caller, server: ScriptedServer, case: str) -> None:
    # Retries allowed: a timed-out GET would be retried, but no time is left for it.
    client = hostile_client(server, deadline=0.5, max_retries=2, retry_backoff=0.01)
    server.script(NEVER_ENDING[case])

    with pytest.raises(errors.APITimeoutError, match=r"deadline of 0\.5 s passed") as raised:
        call(list_invitations, client=client)

    assert len(server.requests) == 1
    assert_error_hides_key(raised.value)


@pytest.mark.parametrize("case", NEVER_ENDING)
def test_a_call_deadline_overrides_the_client_deadline(call: Caller, server: ScriptedServer, case: str) -> None:
    client = hostile_client(server, deadline=None)
    server.script(NEVER_ENDING[case])

    with pytest.raises(errors.APITimeoutError, match=r"deadline of 0\.3 s passed"):
        call(list_invitations, client=client, deadline=0.3)


def test_deadline_none_on_a_call_lifts_the_client_deadline(call: Caller, server: ScriptedServer) -> None:
    client = hostile_client(server, deadline=0.1)
    server.script(Reply(200, b"[]", JSON, delay_s=0.3))

    assert call(list_invitations, client=client, deadline=None) == []


def test_no_retry_wait_starts_that_would_pass_the_deadline(call: Caller, server: ScriptedServer) -> None:
    client = hostile_client(server, deadline=0.6, max_retries=5)
    server.script(*[Reply(503, b"busy", {"Retry-After": "0.4"})] * 4)

    # The 503 itself, not a timeout: the call ends when the next wait would pass the deadline.
    with pytest.raises(errors.UnexpectedStatus, match="HTTP 503"):
        call(list_invitations, client=client)
    assert len(server.requests) <= 2


def test_waiting_for_a_pooled_connection_ends_at_the_deadline(server: ScriptedServer) -> None:
    """The pool's wait is no socket operation: the per-attempt timeouts bound it. (Async: the deadline's
    cancel scope covers the whole call.)"""
    client = hostile_client(server, httpx_args={"limits": httpx.Limits(max_connections=1)})
    server.script(Reply(hang=True))
    outcomes: list[BaseException] = []

    def hold_the_only_connection() -> None:
        try:
            list_invitations.sync(client=client, deadline=10)
        except errors.ClerkInvitationsError as error:
            outcomes.append(error)

    holder = threading.Thread(target=hold_the_only_connection)
    holder.start()
    wait_until(lambda: len(server.requests) == 1)

    with pytest.raises(errors.APITimeoutError):
        list_invitations.sync(client=client, deadline=0.3)

    server.closing.set()  # the hanging reply ends: the holder gets a dropped connection
    holder.join()
    assert [type(outcome) for outcome in outcomes] == [errors.APIConnectionError]


@pytest.mark.parametrize("value", [0, -1, "1", float("nan")])
def test_a_deadline_or_size_cap_that_is_not_a_positive_number_is_refused(
    call: Caller, server: ScriptedServer, value: Any
) -> None:
    with pytest.raises(errors.InvalidArgumentError, match="deadline must be a number > 0, or None"):
        call(list_invitations, client=hostile_client(server), deadline=value)
    with pytest.raises(errors.InvalidArgumentError, match="deadline must be a number > 0"):
        hostile_client(server, deadline=value)
    with pytest.raises(errors.InvalidArgumentError, match="max_response_bytes must be a number > 0"):
        hostile_client(server, max_response_bytes=value)
    assert server.requests == []


def test_defaults_are_finite() -> None:
    client = AuthenticatedClient(base_url="http://127.0.0.1:1", token=TEST_SECRET_KEY)

    assert (client.deadline, DEFAULT_DEADLINE_S) == (60.0, 60.0)
    assert client.max_response_bytes == DEFAULT_MAX_RESPONSE_BYTES == 16 * 1024 * 1024


def test_a_client_set_by_hand_keeps_the_deadline(server: ScriptedServer) -> None:
    client = hostile_client(server, deadline=0.3).set_httpx_client(httpx.Client(base_url=server.url))
    server.script(NEVER_ENDING["body-dripped"])

    with pytest.raises(errors.APITimeoutError, match="deadline"):
        list_invitations.sync(client=client)


def test_every_transport_bounds_socket_operations_by_the_deadline(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pins the private attributes of httpx (Client._transport, ._mounts, HTTPTransport._pool) and httpcore
    (ConnectionPool._network_backend) that _httpx_internals.bound_by_deadline sets: an upgrade that moves them
    fails here."""
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:9")
    url = "https://127.0.0.1:1"
    httpx_clients = {
        "default": AuthenticatedClient(base_url=url, token=TEST_SECRET_KEY).get_httpx_client(),
        "proxy": AuthenticatedClient(
            base_url=url, token=TEST_SECRET_KEY, httpx_args={"proxy": "http://127.0.0.1:9"}
        ).get_httpx_client(),
        "environment-proxy": AuthenticatedClient(
            base_url=url, token=TEST_SECRET_KEY, trust_env=True
        ).get_httpx_client(),
        "set-by-hand": AuthenticatedClient(base_url=url, token=TEST_SECRET_KEY)
        .set_httpx_client(httpx.Client(trust_env=True))
        .get_httpx_client(),
    }

    for name, httpx_client in httpx_clients.items():
        transports = [httpx_client._transport, *(t for t in httpx_client._mounts.values() if t is not None)]
        assert all(isinstance(t, httpx.HTTPTransport) for t in transports), name
        backends = [t._pool._network_backend for t in transports]  # type: ignore[attr-defined]
        assert all(isinstance(backend, DeadlineBackend) for backend in backends), name
    assert len(httpx_clients["environment-proxy"]._mounts) == 1, "HTTPS_PROXY must have added a proxy transport"


@functools.cache
def compressed(size: int, encoding: str) -> bytes:
    """`size` bytes of JSON, an empty array (`[`, spaces, `]`), compressed as `encoding` without holding it whole."""
    compressor = zlib.compressobj(wbits=16 + zlib.MAX_WBITS if encoding == "gzip" else zlib.MAX_WBITS)
    parts, left = [compressor.compress(b"[")], size - 2
    block = b" " * (1024 * 1024)
    while left:
        parts.append(compressor.compress(block[: min(left, len(block))]))
        left -= min(left, len(block))
    return b"".join([*parts, compressor.compress(b"]"), compressor.flush()])


TOO_LARGE = {
    "declared-length-lies": lambda: Reply(200, b"[]", JSON, content_length=10**12),
    "declared-length-true": lambda: Reply(200, b"[" + b" " * CAP + b"]", JSON),
    "gzip-bomb": lambda: Reply(200, compressed(64 * CAP, "gzip"), {**JSON, "Content-Encoding": "gzip"}),
    "deflate-bomb": lambda: Reply(200, compressed(64 * CAP, "deflate"), {**JSON, "Content-Encoding": "deflate"}),
    "endless-chunked": lambda: Reply(200, headers=JSON, endless_chunk=b" " * 65_536),
    "gzip-bomb-chunked": lambda: Reply(
        200, headers={**JSON, "Content-Encoding": "gzip"}, endless_chunk=compressed(64 * CAP, "gzip")[:65_536]
    ),
}


@pytest.mark.parametrize("case", TOO_LARGE)
def test_a_body_over_the_cap_is_refused_before_memory_grows_past_it(
    call: Caller, server: ScriptedServer, case: str
) -> None:
    reply = TOO_LARGE[case]()
    server.script(reply)
    client = hostile_client(server, max_response_bytes=CAP)

    tracemalloc.start()
    try:
        with pytest.raises(
            errors.ResponseTooLargeError, match=r"over max_response_bytes \(1,048,576 bytes\)"
        ) as raised:
            call(list_invitations, client=client)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert peak < 2 * CAP, f"{peak:,} bytes allocated at the peak"
    error = raised.value
    assert isinstance(error, errors.UnexpectedResponse)
    assert (error.status_code, error.content, error.limit) == (200, b"", CAP)
    assert_error_hides_key(error)


@pytest.mark.parametrize("encoding", ["identity", "gzip", "deflate"])
def test_a_body_of_exactly_the_cap_is_read_and_one_byte_more_is_not(
    call: Caller, server: ScriptedServer, encoding: str
) -> None:
    def reply(size: int) -> Reply:
        if encoding == "identity":
            return Reply(200, b"[" + b" " * (size - 2) + b"]", JSON)
        return Reply(200, compressed(size, encoding), {**JSON, "Content-Encoding": encoding})

    server.script(reply(CAP), reply(CAP + 1))
    client = hostile_client(server, max_response_bytes=CAP)

    assert call(list_invitations, client=client) == []
    with pytest.raises(errors.ResponseTooLargeError):
        call(list_invitations, client=client)


UNREADABLE = {
    "gzip-garbage": ("gzip", b"this is not gzip"),
    "deflate-garbage": ("deflate", b"this is not deflate"),
    # A valid gzip header, then a deflate block of the reserved type 3.
    "gzip-corrupted": ("gzip", compressed(1000, "gzip")[:10] + b"\xff" + compressed(1000, "gzip")[11:]),
    "brotli": ("br", b"\x8b\x00\x80[]\x03"),
}


@pytest.mark.parametrize("case", UNREADABLE)
def test_a_body_that_cant_be_decompressed_is_an_unexpected_response(
    call: Caller, server: ScriptedServer, case: str
) -> None:
    encoding, body = UNREADABLE[case]
    server.script(*[Reply(200, body, {**JSON, "Content-Encoding": encoding})] * 2)

    for endpoint_call in (call, call.detailed):
        with pytest.raises(errors.UnexpectedResponse, match=r"HTTP 200: unreadable body \(.*(gzip|deflate)") as raised:
            endpoint_call(list_invitations, client=hostile_client(server))
        assert type(raised.value) is errors.UnexpectedResponse
        assert_error_hides_key(raised.value)


def test_a_compressed_page_reads_as_the_same_models(
    call: Caller, server: ScriptedServer, invitation_json: dict[str, Any]
) -> None:
    page = json.dumps([invitation_json] * 3).encode()
    server.script(Reply(200, gzip.compress(page), {**JSON, "Content-Encoding": "gzip"}))

    assert [i.to_dict() for i in call(list_invitations, client=hostile_client(server))] == [invitation_json] * 3
    assert server.requests[0].headers["Accept-Encoding"] == "gzip, deflate"


def test_a_transport_that_reads_the_body_itself_is_capped_too() -> None:
    """In process, because the case is the transport: httpx.MockTransport (a service's tests use it) hands
    over a response it has read already, so there is no stream to cap."""

    def read_by_the_transport(request: httpx.Request) -> httpx.Response:
        response = httpx.Response(200, content=b"[" + b" " * CAP + b"]")
        del response.headers["Content-Length"]  # as if it had been chunked
        return response

    transport = httpx.MockTransport(read_by_the_transport)
    client = AuthenticatedClient(
        base_url="http://clerk.test", token=TEST_SECRET_KEY, max_response_bytes=CAP, httpx_args={"transport": transport}
    )

    with pytest.raises(errors.ResponseTooLargeError, match="more than that arrived"):
        list_invitations.sync(client=client)
    uncapped = AuthenticatedClient(
        base_url="http://clerk.test", token=TEST_SECRET_KEY, httpx_args={"transport": transport}
    )
    assert list_invitations.sync(client=uncapped) == []
