"""A service's own test, as a user would write it: invite -> list -> accept/expire -> revoke against the fake.

The flow is written once and runs four ways: the generated client sync or async, talking to the fake
in process (its transports) or over real HTTP on 127.0.0.1. Every response is checked against openapi.yaml.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import pytest
from clerk_invitations_client import AuthenticatedClient
from clerk_invitations_client.api.invitations import (
    create_bulk_invitations,
    create_invitation,
    list_invitations,
    revoke_invitation,
)
from clerk_invitations_client.models import (
    BulkInvitationRequest,
    ClerkErrorMeta,
    ClerkErrors,
    CreateInvitationRequest,
    CreateInvitationRequestPublicMetadata,
    Invitation,
    InvitationStatus,
)
from clerk_invitations_client.types import UNSET, Response
from clerk_invitations_fake import FakeClerk

from tests.conftest import TEST_SECRET_KEY
from tests.fake_fixtures import FakeEndpoint


@dataclass
class Invitations:
    """Calls the generated client's endpoints sync or async (on one event loop), so the flow reads the same."""

    client: AuthenticatedClient
    loop: asyncio.Runner | None

    def __call__(self, endpoint: ModuleType, **kwargs: Any) -> Any:
        """`sync()` / `asyncio()`: the call is expected to succeed."""
        if self.loop is None:
            result = endpoint.sync(client=self.client, **kwargs)
        else:
            result = self.loop.run(endpoint.asyncio(client=self.client, **kwargs))
        assert result is not None and not isinstance(result, ClerkErrors), result
        return result

    def detailed(self, endpoint: ModuleType, **kwargs: Any) -> Response[Any]:
        """`sync_detailed()` / `asyncio_detailed()`: for calls that should fail."""
        if self.loop is None:
            response: Response[Any] = endpoint.sync_detailed(client=self.client, **kwargs)
            return response
        return self.loop.run(endpoint.asyncio_detailed(client=self.client, **kwargs))


@pytest.fixture(params=["sync", "async"])
def invitations(request: pytest.FixtureRequest, fake_endpoint: FakeEndpoint) -> Iterator[Invitations]:
    transport = fake_endpoint.transport if request.param == "sync" else fake_endpoint.async_transport
    client = AuthenticatedClient(
        base_url=fake_endpoint.base_url, token=TEST_SECRET_KEY, httpx_args={"transport": transport}
    )
    if request.param == "sync":
        with client:
            yield Invitations(client, None)
        return
    with asyncio.Runner() as loop:
        yield Invitations(client, loop)
        loop.run(client.get_async_httpx_client().aclose())


def emails(page: list[Invitation]) -> list[str]:
    return [invitation.email_address for invitation in page]


def test_invite_list_accept_expire_revoke(invitations: Invitations, clerk_fake: FakeClerk) -> None:
    # Invite Ada for a week, then Grace (for a day) and Alan (without an email) at once.
    ada = invitations(
        create_invitation,
        body=CreateInvitationRequest(
            email_address="ada@example.com",
            public_metadata=CreateInvitationRequestPublicMetadata.from_dict({"plan": "pro"}),
            expires_in_days=7,
        ),
    )
    grace, alan = invitations(
        create_bulk_invitations,
        body=[
            BulkInvitationRequest(email_address="grace@example.com", expires_in_days=1),
            BulkInvitationRequest(email_address="alan@example.com", notify=False),
        ],
    )
    assert ada.status is InvitationStatus.PENDING and ada.public_metadata["plan"] == "pro"
    assert isinstance(ada.url, str)
    assert clerk_fake.notified == [ada.id, grace.id]

    # All three are pending, newest first.
    assert emails(invitations(list_invitations)) == ["alan@example.com", "grace@example.com", "ada@example.com"]

    # Ada signs up; two days pass, and Grace's invitation expires.
    clerk_fake.accept(ada.id)
    clerk_fake.advance(days=2)
    assert emails(invitations(list_invitations, status=InvitationStatus.PENDING)) == ["alan@example.com"]
    assert emails(invitations(list_invitations, status=InvitationStatus.ACCEPTED)) == ["ada@example.com"]
    (expired,) = invitations(list_invitations, status=InvitationStatus.EXPIRED)
    assert expired.id == grace.id and expired.url is UNSET

    # Revoke Alan's; it drops out of the default list. Ada's, accepted, and Alan's, now revoked, can't be revoked.
    revoked = invitations(revoke_invitation, invitation_id=alan.id)
    assert revoked.status is InvitationStatus.REVOKED and revoked.revoked is True
    assert emails(invitations(list_invitations, order_by="+email_address")) == ["ada@example.com", "grace@example.com"]
    for invitation_id, code in [(ada.id, "invitation_already_accepted"), (alan.id, "invitation_already_revoked")]:
        refused = invitations.detailed(revoke_invitation, invitation_id=invitation_id)
        assert refused.status_code == 400
        assert isinstance(refused.parsed, ClerkErrors) and refused.parsed.errors[0].code == code

    # Grace can be invited again; Ada, a user now, can't.
    again = invitations(create_invitation, body=CreateInvitationRequest(email_address="grace@example.com"))
    assert again.id != grace.id
    refused = invitations.detailed(create_invitation, body=CreateInvitationRequest(email_address="ada@example.com"))
    assert refused.status_code == 400
    assert isinstance(refused.parsed, ClerkErrors) and refused.parsed.errors[0].code == "form_identifier_exists"
    assert [invitation["status"] for invitation in clerk_fake.invitations.values()] == [
        "accepted",
        "expired",
        "revoked",
        "pending",
    ]


def test_errors_reach_the_client_as_clerk_errors(invitations: Invitations) -> None:
    response = invitations.detailed(list_invitations, limit=501)

    assert response.status_code == 422
    assert isinstance(response.parsed, ClerkErrors)
    error = response.parsed.errors[0]
    assert error.code == "form_param_value_invalid"
    assert isinstance(error.meta, ClerkErrorMeta) and error.meta["param_name"] == "limit"
    assert isinstance(response.parsed.clerk_trace_id, str)
