"""Fixtures for the fake's tests: the fake reached in process or over HTTP, every response spec-checked."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import httpx
import pytest
from clerk_invitations_client import AuthenticatedClient
from clerk_invitations_fake import IN_PROCESS_URL, FakeClerk

from tests.support.spec_check import AsyncSpecCheckingTransport, SpecCheckingTransport

if TYPE_CHECKING:  # for the annotation only: imported before pytest_plugins loads it, pytest would warn
    from tests.support.calls import Caller

# `call`, the fixture that runs each test sync and async, for the flow test.
pytest_plugins = ["tests.support.calls"]


@pytest.fixture
def secret_key() -> str:
    """A well-formed test key: the fake takes any, unless it was made with `FakeClerk(secret_key=...)`."""
    return "sk_test_fake0123456789abcdefghijklmnopqrstuvwxyz"


@dataclass(frozen=True)
class FakeEndpoint:
    """Where a test reaches the fake: a base URL and the (spec-checking) transports to use with it."""

    base_url: str
    transport: httpx.BaseTransport
    async_transport: httpx.AsyncBaseTransport


@pytest.fixture(params=["in-process", "http"])
def fake_endpoint(request: pytest.FixtureRequest, clerk_fake: FakeClerk) -> Iterator[FakeEndpoint]:
    """The fake in process (its httpx transports), or served over real HTTP on 127.0.0.1."""
    if request.param == "in-process":
        yield FakeEndpoint(
            IN_PROCESS_URL,
            SpecCheckingTransport(clerk_fake.transport()),
            AsyncSpecCheckingTransport(clerk_fake.async_transport()),
        )
        return
    with clerk_fake.serve() as url:
        yield FakeEndpoint(
            url, SpecCheckingTransport(httpx.HTTPTransport()), AsyncSpecCheckingTransport(httpx.AsyncHTTPTransport())
        )


@pytest.fixture
def fake_api(fake_endpoint: FakeEndpoint, secret_key: str) -> Iterator[httpx.Client]:
    """A plain httpx client with the test secret key, for requests the generated client would not send."""
    with httpx.Client(
        base_url=fake_endpoint.base_url,
        transport=fake_endpoint.transport,
        headers={"Authorization": f"Bearer {secret_key}"},
    ) as client:
        yield client


@pytest.fixture
def client(call: Caller, fake_endpoint: FakeEndpoint, secret_key: str) -> Iterator[AuthenticatedClient]:
    """The generated client, wired to `fake_endpoint` for `call`'s mode: sync or async transport."""
    transport = fake_endpoint.transport if call.mode == "sync" else fake_endpoint.async_transport
    client = AuthenticatedClient(base_url=fake_endpoint.base_url, token=secret_key, httpx_args={"transport": transport})
    yield client
    if call.mode == "sync":
        client.get_httpx_client().close()
    else:
        call.loop.run_until_complete(client.get_async_httpx_client().aclose())
