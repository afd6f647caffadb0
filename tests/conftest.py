"""Fixtures shared by the suite: a Prism mock server for the session, clients, sync/async calls."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml
from clerk_invitations_client import AuthenticatedClient
from clerk_invitations_client.types import Response

from tests.prism import SPEC, PrismServer, running_prism

TEST_SECRET_KEY = "sk_test_0123456789abcdefghijklmnopqrstuvwxyzABCD"

# The fake's `clerk_fake` fixture (its pytest11 entry point, were it installed) and the fixtures of its tests.
pytest_plugins = ["clerk_invitations_fake.pytest_plugin", "tests.fake_fixtures"]

Call = Callable[..., Response[Any]]

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
    return AuthenticatedClient(base_url=base_url, token=TEST_SECRET_KEY)


@pytest.fixture(params=["sync", "async"])
def call(request: pytest.FixtureRequest) -> Call:
    """Call an endpoint module's `sync_detailed` or `asyncio_detailed`, one test for both."""

    def _call(endpoint: ModuleType, **kwargs: Any) -> Response[Any]:
        if request.param == "sync":
            response: Response[Any] = endpoint.sync_detailed(**kwargs)
            return response
        return asyncio.run(endpoint.asyncio_detailed(**kwargs))

    return _call


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, Any, Any]:
    """Attach Prism's log to the report of a failed test."""
    report = yield
    if report.failed and _prism is not None:
        report.sections.append(("Prism log (last 4000 characters)", _prism.log()[-4000:]))
    return report


def repo_path(*parts: str) -> Path:
    return SPEC.parent.joinpath(*parts)
