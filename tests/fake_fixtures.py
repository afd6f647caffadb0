"""Fixtures for the fake's tests: the fake reached in process or over HTTP, every response spec-checked."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest
from clerk_invitations_fake import IN_PROCESS_URL, FakeClerk

from tests.conftest import TEST_SECRET_KEY
from tests.spec_check import AsyncSpecCheckingTransport, SpecCheckingTransport


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
def fake_api(fake_endpoint: FakeEndpoint) -> Iterator[httpx.Client]:
    """A plain httpx client with the test secret key, for requests the generated client would not send."""
    with httpx.Client(
        base_url=fake_endpoint.base_url,
        transport=fake_endpoint.transport,
        headers={"Authorization": f"Bearer {TEST_SECRET_KEY}"},
    ) as client:
        yield client
