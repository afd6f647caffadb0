"""The test secret key, and `call`: a pytest plugin whose fixture runs one test sync and async.

Loaded through `pytest_plugins` by tests/conftest.py and by fake/tests/conftest.py.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import pytest
from clerk_invitations_client.types import Response

TEST_SECRET_KEY = "sk_test_0123456789abcdefghijklmnopqrstuvwxyzABCD"


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
