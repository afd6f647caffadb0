"""client.build_request builds the very request httpx's build_request would, faster when it can.

Unit-level: requests are only built, never sent, so no server is involved. Each case builds the request both
ways from the same httpx client and compares everything that goes on the wire: method, URL, headers, body,
and the timeouts httpx reads from the extensions.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from clerk_invitations_client import AuthenticatedClient, Client
from clerk_invitations_client.api.invitations import (
    create_bulk_invitations,
    create_invitation,
    list_invitations,
    revoke_invitation,
)
from clerk_invitations_client.client import build_request
from clerk_invitations_client.models import BulkInvitationRequest, CreateInvitationRequest, InvitationStatus

from tests.support.calls import TEST_SECRET_KEY

BASE_URL = "https://api.clerk.com/v1"
ODD_TEXT = "a b&c=d/é?#%41+"

# The keyword arguments each endpoint hands to build_request, for arguments that test the encoding.
ENDPOINT_KWARGS: dict[str, dict[str, Any]] = {
    "list, defaults": list_invitations._get_kwargs(),
    "list, every filter": list_invitations._get_kwargs(
        status=InvitationStatus.REVOKED, query=ODD_TEXT, order_by="+email_address", limit=500, offset=12_345
    ),
    "list, a page": {"method": "get", "url": "/invitations", "params": {"offset": 0, "paginated": "true"}},
    "create": create_invitation._get_kwargs(
        body=CreateInvitationRequest(email_address="ada@example.com", public_metadata={"note": ODD_TEXT, "n": [1.5]})
    ),
    "bulk": create_bulk_invitations._get_kwargs(
        body=[BulkInvitationRequest(email_address="ada@example.com", public_metadata=None)] * 2
    ),
    "revoke": revoke_invitation._get_kwargs(invitation_id="inv_../x y%2F"),
    "extra headers": {**list_invitations._get_kwargs(), "headers": {"X-Extra": "1", "Accept-Encoding": "gzip"}},
}


def wire(request: httpx.Request) -> tuple[object, ...]:
    return (request.method, str(request.url), request.headers.multi_items(), request.read(), request.extensions)


@pytest.fixture(
    params=[
        ("sync", BASE_URL),
        ("async", BASE_URL),
        ("sync", "http://[::1]:4010/"),
        ("sync", "http://127.0.0.1:4010/mock/ü%20space/v1/"),
    ],
    ids=["sync", "async", "ipv6-root", "encoded-path"],
)
def httpx_client(request: pytest.FixtureRequest) -> Iterator[httpx.Client | httpx.AsyncClient]:
    mode, base_url = request.param
    client = AuthenticatedClient(base_url=base_url, token=TEST_SECRET_KEY, timeout=httpx.Timeout(7.0, connect=2.0))
    yield client.get_httpx_client() if mode == "sync" else client.get_async_httpx_client()


class BuildRequestSpy:
    """Counts the calls of an httpx client's own build_request: how often build_request fell back to it."""

    def __init__(self, httpx_client: httpx.Client | httpx.AsyncClient) -> None:
        self.calls = 0
        self._build = httpx_client.build_request

    def __call__(self, *args: Any, **kwargs: Any) -> httpx.Request:
        self.calls += 1
        return self._build(*args, **kwargs)


def built_both_ways(httpx_client: httpx.Client | httpx.AsyncClient, kwargs: dict[str, Any]) -> tuple[Any, Any, int]:
    """The request from build_request, the one from httpx's, and how often build_request fell back to httpx."""
    expected = httpx_client.build_request(**kwargs)
    spy = BuildRequestSpy(httpx_client)
    httpx_client.build_request = spy  # type: ignore[method-assign]
    try:
        built = build_request(httpx_client, **kwargs)
    finally:
        del httpx_client.build_request
    return wire(built), wire(expected), spy.calls


@pytest.mark.parametrize("case", list(ENDPOINT_KWARGS))
def test_every_endpoints_request_is_built_as_httpx_builds_it_without_httpx(
    httpx_client: httpx.Client | httpx.AsyncClient, case: str
) -> None:
    built, expected, fallbacks = built_both_ways(httpx_client, ENDPOINT_KWARGS[case])

    assert built == expected
    assert fallbacks == 0


@pytest.mark.parametrize(
    ("settings", "kwargs"),
    [
        ({"httpx_args": {"params": {"tenant": "t 1"}}}, ENDPOINT_KWARGS["list, every filter"]),
        ({"cookies": {"session": "s"}}, ENDPOINT_KWARGS["list, defaults"]),
        ({}, {"method": "get", "url": "/invitations", "params": {"status": ["pending", "revoked"]}}),
        ({}, {"method": "get", "url": "/invitations", "params": {"paginated": True}}),
        ({}, {"method": "get", "url": "/invitations", "params": {"status": InvitationStatus.PENDING}}),
        ({}, {"method": "get", "url": "https://elsewhere.example.com/v1/invitations"}),
        ({"base_url": BASE_URL + "?region=eu"}, ENDPOINT_KWARGS["list, defaults"]),
    ],
    ids=["client-params", "cookies", "list-value", "bool-value", "enum-value", "absolute-url", "base-query"],
)
def test_anything_else_is_left_to_httpx(settings: dict[str, Any], kwargs: dict[str, Any]) -> None:
    httpx_client = Client(**{"base_url": BASE_URL, **settings}).get_httpx_client()

    built, expected, fallbacks = built_both_ways(httpx_client, kwargs)

    assert built == expected
    assert fallbacks == 1
