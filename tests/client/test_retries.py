"""Retries: which failures are retried, after how long, and never a POST that may have been processed.

Against the suite's scripted server on loopback; it records when each request arrived.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import Any

import httpx
import pytest
from clerk_invitations_client import AuthenticatedClient, errors
from clerk_invitations_client.api.invitations import list_invitations, revoke_invitation

from tests.support.calls import TEST_SECRET_KEY, Caller
from tests.support.prism import free_port
from tests.support.scripted_server import Reply, ScriptedServer, json_reply, rate_limited

BUSY = Reply(503, b"busy")


def gaps(server: ScriptedServer) -> list[float]:
    times = [request.at for request in server.requests]
    return [later - earlier for earlier, later in zip(times, times[1:], strict=False)]


@pytest.mark.parametrize("failure", [Reply(502, b"<html>bad gateway</html>"), BUSY, Reply(504, b""), Reply(drop=True)])
def test_get_retries_server_errors_and_dropped_connections(
    call: Caller, server: ScriptedServer, server_client: AuthenticatedClient, failure: Reply
) -> None:
    server.script(failure, failure, json_reply([]))

    assert call(list_invitations, client=server_client) == []
    assert len(server.requests) == 3


@pytest.mark.parametrize(
    ("failure", "expected"),
    [
        (Reply(502, b""), errors.UnexpectedStatus),
        (BUSY, errors.UnexpectedStatus),
        (Reply(504, b""), errors.UnexpectedStatus),
        (Reply(drop=True), errors.APIConnectionError),
    ],
)
def test_post_is_not_retried_once_it_may_have_reached_the_server(
    call: Caller,
    server: ScriptedServer,
    server_client: AuthenticatedClient,
    failure: Reply,
    expected: type[errors.ClerkInvitationsError],
) -> None:
    server.script(failure, json_reply({}))

    with pytest.raises(expected):
        call(revoke_invitation, "inv_1", client=server_client)
    assert len(server.requests) == 1


def test_429_waits_the_seconds_of_retry_after_even_for_post(
    call: Caller, server: ScriptedServer, server_client: AuthenticatedClient, invitation_json: dict[str, Any]
) -> None:
    server.script(rate_limited("1"), json_reply(invitation_json))

    assert call(revoke_invitation, "inv_1", client=server_client).id == invitation_json["id"]
    assert len(server.requests) == 2
    assert gaps(server)[0] >= 0.95


def test_retry_after_as_an_http_date(call: Caller, server: ScriptedServer, server_client: AuthenticatedClient) -> None:
    # HTTP dates have whole seconds: 2 s ahead is a wait of more than 1 s.
    when = format_datetime(datetime.now(UTC) + timedelta(seconds=2), usegmt=True)
    server.script(Reply(503, b"", {"Retry-After": when}), json_reply([]))

    assert call(list_invitations, client=server_client) == []
    assert gaps(server)[0] >= 0.9


def test_retry_after_beyond_the_wait_cap_is_not_waited(
    call: Caller, server: ScriptedServer, server_client: AuthenticatedClient
) -> None:
    server.script(rate_limited("120"))

    with pytest.raises(errors.RateLimitError) as raised:
        call(list_invitations, client=server_client)
    assert raised.value.retry_after == 120.0
    assert len(server.requests) == 1


def test_backoff_stops_at_the_total_wait_cap(call: Caller, server: ScriptedServer) -> None:
    # Waits are 0.2 s then 0.4 s, less up to a quarter of jitter: the second would pass the 0.25 s cap.
    client = AuthenticatedClient(
        base_url=server.url, token=TEST_SECRET_KEY, max_retries=5, retry_backoff=0.2, max_retry_wait=0.25
    )
    server.script(BUSY, BUSY, BUSY)

    with pytest.raises(errors.UnexpectedStatus, match="HTTP 503"):
        call(list_invitations, client=client)
    assert len(server.requests) == 2
    assert gaps(server)[0] >= 0.14


def test_backoff_grows_exponentially(call: Caller, server: ScriptedServer) -> None:
    client = AuthenticatedClient(base_url=server.url, token=TEST_SECRET_KEY, max_retries=2, retry_backoff=0.2)
    server.script(BUSY, BUSY, json_reply([]))

    assert call(list_invitations, client=client) == []
    first, second = gaps(server)
    assert first >= 0.14 and second >= 0.29


def test_max_retries_zero_disables_retries(call: Caller, server: ScriptedServer) -> None:
    client = AuthenticatedClient(base_url=server.url, token=TEST_SECRET_KEY, max_retries=0)
    server.script(rate_limited("0"), json_reply([]))

    with pytest.raises(errors.RateLimitError):
        call(list_invitations, client=client)
    assert len(server.requests) == 1


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 422])
def test_other_4xx_are_never_retried(
    call: Caller, server: ScriptedServer, server_client: AuthenticatedClient, status: int
) -> None:
    server.script(json_reply({"errors": []}, status=status), json_reply([]))

    with pytest.raises(errors.APIResponseError):
        call(list_invitations, client=server_client)
    assert len(server.requests) == 1


class CountingTransport(httpx.BaseTransport):
    """Counts connection attempts on a real transport. In-process only to count: the attempts
    themselves are real TCP connects to a loopback port nobody listens on."""

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport()
        self.attempts = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.attempts += 1
        return self.inner.handle_request(request)


class AsyncCountingTransport(httpx.AsyncBaseTransport):
    """The async twin of CountingTransport."""

    def __init__(self) -> None:
        self.inner = httpx.AsyncHTTPTransport()
        self.attempts = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.attempts += 1
        return await self.inner.handle_async_request(request)


def test_post_is_retried_when_it_could_not_connect(call: Caller) -> None:
    transport = CountingTransport() if call.mode == "sync" else AsyncCountingTransport()
    client = AuthenticatedClient(
        base_url=f"http://127.0.0.1:{free_port()}",
        token=TEST_SECRET_KEY,
        max_retries=3,
        retry_backoff=0.01,
        httpx_args={"transport": transport},
    )

    with pytest.raises(errors.APIConnectionError, match="ConnectError") as raised:
        call(revoke_invitation, "inv_1", client=client)
    assert transport.attempts == 4
    assert isinstance(raised.value.__cause__, httpx.ConnectError)
