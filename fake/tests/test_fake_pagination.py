"""The fake's answers for issue 11: `paginated`, Clerk's /v1 paths, and bulk creation for users' addresses.

Tests taking `fake_api` run in process (the fake's transport) and over real HTTP against `fake.serve()`,
every response checked against openapi.yaml. The base-URL tests say which they use and why.
"""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from clerk_invitations_client import AuthenticatedClient, errors
from clerk_invitations_client.api.invitations import (
    create_bulk_invitations,
    create_invitation,
    list_invitations,
    revoke_invitation,
)
from clerk_invitations_client.models import BulkInvitationRequest, CreateInvitationRequest
from clerk_invitations_fake import IN_PROCESS_URL, FakeClerk

from tests.support.calls import TEST_SECRET_KEY

CLERK_PRODUCTION_URL = "https://api.clerk.com/v1"


def invite_all(api: httpx.Client, count: int) -> None:
    for start in range(0, count, 10):
        emails = [f"user{index:02d}@example.com" for index in range(start, min(start + 10, count))]
        assert api.post("/invitations/bulk", json=[{"email_address": e} for e in emails]).status_code == 200


# paginated


@pytest.mark.parametrize("params", [{}, {"status": "pending"}, {"query": "user1"}, {"query": "nobody"}])
def test_paginated_true_answers_the_page_and_the_total(fake_api: httpx.Client, params: dict[str, str]) -> None:
    invite_all(fake_api, 25)
    bare = fake_api.get("/invitations", params={**params, "limit": 500}).json()

    response = fake_api.get("/invitations", params={**params, "paginated": "true", "limit": 4, "offset": 2})

    assert response.status_code == 200
    assert response.json() == {"data": bare[2:6], "total_count": len(bare)}


@pytest.mark.parametrize("params", [{}, {"paginated": "false"}])
def test_without_paginated_true_the_page_is_a_bare_array(fake_api: httpx.Client, params: dict[str, str]) -> None:
    invite_all(fake_api, 3)

    response = fake_api.get("/invitations", params=params)

    assert response.status_code == 200
    assert [invitation["email_address"] for invitation in response.json()] == [
        "user02@example.com",
        "user01@example.com",
        "user00@example.com",
    ]


@pytest.mark.parametrize("value", ["yes", "1", "True", "", "true "])
def test_paginated_must_be_a_boolean(fake_api: httpx.Client, value: str) -> None:
    response = fake_api.get("/invitations", params={"paginated": value})

    assert response.status_code == 422
    (error,) = response.json()["errors"]
    assert error["code"] == "form_param_value_invalid"
    assert error["meta"] == {"param_name": "paginated"}


# Clerk's base URL: https://api.clerk.com/v1


def test_serve_and_the_in_process_url_end_in_v1(clerk_fake: FakeClerk) -> None:
    with clerk_fake.serve() as url:
        assert url.startswith("http://127.0.0.1:") and url.endswith("/v1")
    assert IN_PROCESS_URL.endswith("/v1")


@pytest.mark.parametrize("base_url", [CLERK_PRODUCTION_URL, IN_PROCESS_URL, "http://127.0.0.1:9"])
def test_a_client_of_clerks_url_with_the_fake_transport_swapped_in(clerk_fake: FakeClerk, base_url: str) -> None:
    """In process by necessity: the point is a client configured for Clerk itself, with only the transport changed.

    Without the /v1 prefix (the fake's base URL until now) it works as well.
    """
    clerk_fake.add_user("grace@example.com")
    client = AuthenticatedClient(
        base_url=base_url, token=TEST_SECRET_KEY, httpx_args={"transport": clerk_fake.transport()}
    )

    ada = create_invitation.sync(client=client, body=CreateInvitationRequest(email_address="ada@example.com"))
    (alan,) = create_bulk_invitations.sync(
        client=client, body=[BulkInvitationRequest(email_address="alan@example.com")]
    )
    revoke_invitation.sync(alan.id, client=client)
    page = list_invitations.sync_page(client=client)

    assert [invitation.id for invitation in list_invitations.sync(client=client)] == [ada.id]
    assert ([invitation.id for invitation in page.items], page.total_count) == ([ada.id], 1)


def test_the_async_client_of_clerks_url_with_the_fake_transport(clerk_fake: FakeClerk) -> None:
    """In process, as above."""

    async def flow() -> list[str]:
        client = AuthenticatedClient(
            base_url=CLERK_PRODUCTION_URL, token=TEST_SECRET_KEY, httpx_args={"transport": clerk_fake.async_transport()}
        )
        async with client:
            body = CreateInvitationRequest(email_address="ada@example.com")
            ada = await create_invitation.asyncio(client=client, body=body)
            return [ada.id] + [invitation.id async for invitation in list_invitations.asyncio_all(client=client)]

    created, *listed = asyncio.run(flow())
    assert listed == [created]


@pytest.mark.parametrize("prefix", ["/v1", ""])
def test_both_paths_over_http(clerk_fake: FakeClerk, prefix: str) -> None:
    with clerk_fake.serve() as url:
        root = url.removesuffix("/v1")
        response = httpx.get(f"{root}{prefix}/invitations", headers={"Authorization": f"Bearer {TEST_SECRET_KEY}"})

    assert (response.status_code, response.json()) == (200, [])


@pytest.mark.parametrize("path", ["/v2/invitations", "/v1/v1/invitations", "/v1", "/v1invitations"])
def test_other_prefixes_are_not_found(clerk_fake: FakeClerk, path: str) -> None:
    with httpx.Client(base_url="http://fake", transport=clerk_fake.transport()) as client:  # in process: routing only
        response = client.get(path, headers={"Authorization": f"Bearer {TEST_SECRET_KEY}"})

    assert response.status_code == 404
    assert path in response.json()["errors"][0]["long_message"]


# Bulk creation: no address may belong to a user, ignore_existing or not


@pytest.mark.parametrize("ignore_existing", [True, False, None])
def test_bulk_refuses_a_users_address_even_with_ignore_existing(
    fake_api: httpx.Client, clerk_fake: FakeClerk, ignore_existing: bool | None
) -> None:
    clerk_fake.add_user("grace@example.com")
    items: list[dict[str, Any]] = [
        {"email_address": "ada@example.com"},
        {"email_address": "grace@example.com", "ignore_existing": ignore_existing},
    ]

    response = fake_api.post("/invitations/bulk", json=items)

    assert response.status_code == 400
    (error,) = response.json()["errors"]
    assert (error["code"], error["meta"]) == ("form_identifier_exists", {"param_name": "email_address"})
    assert clerk_fake.invitations == {}


def test_a_single_create_may_still_invite_a_user_with_ignore_existing(
    fake_api: httpx.Client, clerk_fake: FakeClerk
) -> None:
    clerk_fake.add_user("grace@example.com")

    refused = fake_api.post("/invitations", json={"email_address": "grace@example.com"})
    created = fake_api.post("/invitations", json={"email_address": "grace@example.com", "ignore_existing": True})

    assert (refused.status_code, created.status_code) == (400, 200)


def test_the_client_raises_for_a_bulk_with_a_users_address(clerk_fake: FakeClerk) -> None:
    clerk_fake.add_user("grace@example.com")
    client = AuthenticatedClient(
        base_url=IN_PROCESS_URL, token=TEST_SECRET_KEY, httpx_args={"transport": clerk_fake.transport()}
    )  # in process: what is tested is the exception the client raises, not the transport
    body = [BulkInvitationRequest(email_address="grace@example.com", ignore_existing=True)]

    with pytest.raises(errors.BadRequestError, match="form_identifier_exists"):
        create_bulk_invitations.sync(client=client, body=body)
