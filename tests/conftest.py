"""Fixtures shared by the suite: a Prism mock server for the session, clients, sync/async calls."""

from __future__ import annotations

import asyncio
import json
import os
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import orjson
import pytest
import yaml
from clerk_invitations_client import AuthenticatedClient, types
from clerk_invitations_client.types import Response

from tests.prism import SPEC, PrismServer, running_prism
from tests.scripted_server import ScriptedServer, scripted_server

TEST_SECRET_KEY = "sk_test_0123456789abcdefghijklmnopqrstuvwxyzABCD"

_prism: PrismServer | None = None


@pytest.fixture(scope="session")
def spec() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(SPEC.read_text())
    return loaded


@pytest.fixture(scope="session")
def base_url() -> Iterator[str]:
    """Prism on a free loopback port, or the server TEST_API_BASE_URL names."""
    global _prism
    if url := os.environ.get("TEST_API_BASE_URL"):
        yield url.rstrip("/")
        return
    with running_prism() as prism:
        _prism = prism
        try:
            yield prism.base_url
        finally:
            _prism = None


@pytest.fixture
def client(base_url: str) -> AuthenticatedClient:
    # No retries: Prism's 429 asks for a 12 s wait. Retries are tested against tests/scripted_server.py.
    return AuthenticatedClient(base_url=base_url, token=TEST_SECRET_KEY, max_retries=0)


@pytest.fixture
def server() -> Iterator[ScriptedServer]:
    """A scripted server of the suite's own, for the answers Prism can't give."""
    with scripted_server() as scripted:
        yield scripted


@pytest.fixture
def server_client(server: ScriptedServer) -> AuthenticatedClient:
    """A client of the scripted server, with short backoff so retry tests stay fast."""
    return AuthenticatedClient(base_url=server.url, token=TEST_SECRET_KEY, retry_backoff=0.05)


@pytest.fixture(scope="session")
def invitation_json(spec: dict[str, Any]) -> dict[str, Any]:
    """A valid Invitation body: the spec's own example."""
    example: dict[str, Any] = spec["components"]["examples"]["PendingInvitation"]["value"]
    return example


class Caller:
    """Calls an endpoint module sync or async, so that one test covers both."""

    def __init__(self, mode: str, loop: asyncio.AbstractEventLoop) -> None:
        self.mode = mode
        self.loop = loop  # one loop for the whole test: a client's httpx.AsyncClient is bound to it

    def __call__(self, endpoint: ModuleType, *args: Any, **kwargs: Any) -> Any:
        """`sync()` or `asyncio()`: the success model, or an exception."""
        if self.mode == "sync":
            return endpoint.sync(*args, **kwargs)
        return self.loop.run_until_complete(endpoint.asyncio(*args, **kwargs))

    def detailed(self, endpoint: ModuleType, *args: Any, **kwargs: Any) -> Response[Any]:
        """`sync_detailed()` or `asyncio_detailed()`: the Response."""
        if self.mode == "sync":
            response: Response[Any] = endpoint.sync_detailed(*args, **kwargs)
            return response
        return self.loop.run_until_complete(endpoint.asyncio_detailed(*args, **kwargs))


@pytest.fixture(params=["sync", "async"])
def call(request: pytest.FixtureRequest) -> Iterator[Caller]:
    loop = asyncio.new_event_loop()
    yield Caller(request.param, loop)
    loop.close()


JSON_DECODERS: dict[str, Callable[[bytes], Any]] = {"orjson": orjson.loads, "stdlib": json.loads}


@pytest.fixture(params=list(JSON_DECODERS))
def json_decoder(request: pytest.FixtureRequest) -> Iterator[str]:
    """The test runs once with each decoder the client can use: its orjson extra's, and the standard library's.

    The dev venv has the extra installed, so the standard library's is set by hand.
    """
    types.set_json_decoder(JSON_DECODERS[request.param])
    yield request.param
    types.set_json_decoder(None)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, Any, Any]:
    """Attach Prism's log to the report of a failed test."""
    report = yield
    if report.failed and _prism is not None:
        report.sections.append(("Prism log (last 4000 characters)", _prism.log()[-4000:]))
    return report


def repo_path(*parts: str) -> Path:
    return SPEC.parent.joinpath(*parts)
