"""The httpx clients are built on first use, once however many threads make that first call together,
closing the client closes every connection it opened, and what the first async call imports, the next ones
never look for again."""

from __future__ import annotations

import asyncio
import sys
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from importlib.abc import MetaPathFinder
from importlib.machinery import ModuleSpec
from types import ModuleType

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


class ImportRecorder(MetaPathFinder):
    """Placed first in sys.meta_path, it records every module an import looks for and finds none itself."""

    def __init__(self) -> None:
        self.names: list[str] = []

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        self.names.append(fullname)
        return None


def test_an_async_call_after_the_first_looks_for_no_module(client: AuthenticatedClient) -> None:
    """httpcore asks which async library runs several times per async request, each time by `import sniffio`,
    and Python remembers no failed import: without sniffio installed, every request searched sys.path for it
    again (the package requires sniffio for that reason). Any other import per call would cost the same."""
    recorder = ImportRecorder()

    async def two_calls() -> None:
        async with client:
            await list_invitations.asyncio(client=client, limit=10)  # the first call imports what it needs
            sys.meta_path.insert(0, recorder)
            try:
                await list_invitations.asyncio(client=client, limit=10)
            finally:
                sys.meta_path.remove(recorder)

    asyncio.run(two_calls())

    assert recorder.names == [], f"the second async call looked for modules: {recorder.names}"
