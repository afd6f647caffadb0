"""Fixtures of the client tests: a Prism mock server for the session, a scripted server, clients."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Generator, Iterator
from typing import Any

import orjson
import pytest
from clerk_invitations_client import AuthenticatedClient, types

from tests.support.calls import TEST_SECRET_KEY
from tests.support.prism import PrismServer, running_prism
from tests.support.scripted_server import ScriptedServer, scripted_server

_prism: PrismServer | None = None


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
    # No retries: Prism's 429 asks for a 12 s wait. Retries are tested against the scripted server.
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


JSON_DECODERS: dict[str, Callable[[bytes], Any] | None] = {
    "msgspec": None,
    "orjson": orjson.loads,
    "stdlib": json.loads,
}
"""Each way the client can read a body: the default (msgspec's fast path, as the dev venv has the extra, falling
back to orjson), and the Python path through orjson's decoder or the standard library's (set by hand)."""


@pytest.fixture(params=list(JSON_DECODERS))
def json_decoder(request: pytest.FixtureRequest) -> Iterator[str]:
    """The test runs once with each way the client can read a body (JSON_DECODERS)."""
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
