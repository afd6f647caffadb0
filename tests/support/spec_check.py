"""Check responses against openapi.yaml with openapi-core, as httpx transports that wrap another.

Every response passing through `SpecCheckingTransport` / `AsyncSpecCheckingTransport` must be one
that openapi.yaml documents for its operation and status, with a body of the documented schema;
otherwise the request raises an openapi-core validation error.
"""

from __future__ import annotations

import httpx
import yaml
from openapi_core import OpenAPI
from openapi_core.testing import MockRequest, MockResponse

from tests.support.paths import SPEC

# The spec's server is Clerk's; the fake serves the same paths on any host, under /v1 as Clerk does or from the root.
OPENAPI = OpenAPI.from_dict({**yaml.safe_load(SPEC.read_text()), "servers": [{"url": "/v1"}, {"url": "/"}]})


def check_response(request: httpx.Request, response: httpx.Response) -> None:
    """Raise if `response` is not what openapi.yaml documents for `request`'s operation."""
    OPENAPI.validate_response(
        MockRequest(
            host_url=f"{request.url.scheme}://{request.url.netloc.decode()}",
            method=request.method,
            path=request.url.path,
            args=dict(request.url.params),
            data=request.content,
        ),
        MockResponse(
            data=response.content,
            status_code=response.status_code,
            headers=dict(response.headers),
            content_type=response.headers.get("Content-Type", ""),
        ),
    )


class SpecCheckingTransport(httpx.BaseTransport):
    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner = inner

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        response.read()
        check_response(request, response)
        return response

    def close(self) -> None:
        self.inner.close()


class AsyncSpecCheckingTransport(httpx.AsyncBaseTransport):
    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.inner.handle_async_request(request)
        await response.aread()
        check_response(request, response)
        return response

    async def aclose(self) -> None:
        await self.inner.aclose()
