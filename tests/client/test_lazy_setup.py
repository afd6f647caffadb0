"""The httpx clients are built on first use, once however many threads make that first call together,
and closing the client closes every connection it opened."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from clerk_invitations_client import AuthenticatedClient
from clerk_invitations_client.api.invitations import list_invitations

from tests.support.calls import TEST_SECRET_KEY
from tests.support.scripted_server import Reply, ScriptedServer, wait_until

THREADS = 50


def test_concurrent_first_calls_build_one_httpx_client(server: ScriptedServer) -> None:
    client = AuthenticatedClient(base_url=server.url, token=TEST_SECRET_KEY, max_retries=0)
    server.script(*[Reply(200, b"[]", {"Content-Type": "application/json"}, delay_s=0.05)] * THREADS)
    start = threading.Barrier(THREADS)

    def first_call(_: int) -> int:
        start.wait()
        httpx_client = client.get_httpx_client()
        assert list_invitations.sync(client=client) == []
        return id(httpx_client)

    with ThreadPoolExecutor(THREADS) as pool:
        built = set(pool.map(first_call, range(THREADS)))

    assert built == {id(client.get_httpx_client())}
    assert len(server.requests) == THREADS
    assert server.open_connections > 1, "the calls overlapped: the one httpx client opened several connections"

    client.get_httpx_client().close()  # what leaving the client's `with` block does
    wait_until(lambda: server.open_connections == 0)


def test_concurrent_first_async_clients_are_one_too() -> None:
    client = AuthenticatedClient(base_url="http://127.0.0.1:1", token=TEST_SECRET_KEY)
    start = threading.Barrier(THREADS)

    def first_use(_: int) -> int:
        start.wait()
        return id(client.get_async_httpx_client())

    with ThreadPoolExecutor(THREADS) as pool:
        assert len(set(pool.map(first_use, range(THREADS)))) == 1
