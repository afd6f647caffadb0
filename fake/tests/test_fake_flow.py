"""A service's own test, as a user would write it: invite -> list -> accept/expire -> revoke against the fake.

The flow is written once and runs four ways: the generated client sync or async (the suite's `call`),
talking to the fake in process (its transports) or over real HTTP on 127.0.0.1. Every response is
checked against openapi.yaml.
"""

from __future__ import annotations

from clerk_invitations_client import AuthenticatedClient
from clerk_invitations_client.api.invitations import (
    create_bulk_invitations,
    create_invitation,
    list_invitations,
    revoke_invitation,
)
from clerk_invitations_client.models import (
    BulkInvitationRequest,
    ClerkErrors,
    CreateInvitationRequest,
    Invitation,
    InvitationStatus,
)
from clerk_invitations_client.types import UNSET
from clerk_invitations_fake import FakeClerk

from tests.support.calls import Caller


def emails(page: list[Invitation]) -> list[str]:
    return [invitation.email_address for invitation in page]


def test_invite_list_accept_expire_revoke(call: Caller, client: AuthenticatedClient, clerk_fake: FakeClerk) -> None:
    # Invite Ada for a week, then Grace (for a day) and Alan (without an email) at once.
    ada = call(
        create_invitation,
        client=client,
        body=CreateInvitationRequest(
            email_address="ada@example.com",
            public_metadata={"plan": "pro"},
            expires_in_days=7,
        ),
    )
    grace, alan = call(
        create_bulk_invitations,
        client=client,
        body=[
            BulkInvitationRequest(email_address="grace@example.com", expires_in_days=1),
            BulkInvitationRequest(email_address="alan@example.com", notify=False),
        ],
    )
    assert ada.status is InvitationStatus.PENDING and ada.public_metadata["plan"] == "pro"
    assert isinstance(ada.url, str)
    assert clerk_fake.notified == [ada.id, grace.id]

    # All three are pending, newest first.
    assert emails(call(list_invitations, client=client)) == ["alan@example.com", "grace@example.com", "ada@example.com"]

    # Ada signs up; two days pass, and Grace's invitation expires.
    clerk_fake.accept(ada.id)
    clerk_fake.advance(days=2)
    assert emails(call(list_invitations, client=client, status=InvitationStatus.PENDING)) == ["alan@example.com"]
    assert emails(call(list_invitations, client=client, status=InvitationStatus.ACCEPTED)) == ["ada@example.com"]
    (expired,) = call(list_invitations, client=client, status=InvitationStatus.EXPIRED)
    assert expired.id == grace.id and expired.url is UNSET

    # Revoke Alan's; it drops out of the default list. Ada's, accepted, and Alan's, now revoked, can't be revoked.
    revoked = call(revoke_invitation, client=client, invitation_id=alan.id)
    assert revoked.status is InvitationStatus.REVOKED and revoked.revoked is True
    assert emails(call(list_invitations, client=client, order_by="+email_address")) == [
        "ada@example.com",
        "grace@example.com",
    ]
    for invitation_id, code in [(ada.id, "invitation_already_accepted"), (alan.id, "invitation_already_revoked")]:
        refused = call.detailed(revoke_invitation, client=client, invitation_id=invitation_id)
        assert refused.status_code == 400
        assert isinstance(refused.parsed, ClerkErrors) and refused.parsed.errors[0].code == code

    # Grace can be invited again; Ada, a user now, can't.
    again = call(create_invitation, client=client, body=CreateInvitationRequest(email_address="grace@example.com"))
    assert again.id != grace.id
    refused = call.detailed(
        create_invitation, client=client, body=CreateInvitationRequest(email_address="ada@example.com")
    )
    assert refused.status_code == 400
    assert isinstance(refused.parsed, ClerkErrors) and refused.parsed.errors[0].code == "form_identifier_exists"
    assert [invitation["status"] for invitation in clerk_fake.invitations.values()] == [
        "accepted",
        "expired",
        "revoked",
        "pending",
    ]


def test_errors_reach_the_client_as_clerk_errors(call: Caller, client: AuthenticatedClient) -> None:
    # An address the client's checks let through (it has an @), the fake, like Clerk, refuses (no dot).
    body = CreateInvitationRequest(email_address="ada@localhost")
    response = call.detailed(create_invitation, client=client, body=body)

    assert response.status_code == 422
    assert isinstance(response.parsed, ClerkErrors)
    error = response.parsed.errors[0]
    assert error.code == "form_param_format_invalid"
    assert type(error.meta) is dict and error.meta["param_name"] == "email_address"
    assert isinstance(response.parsed.clerk_trace_id, str)
