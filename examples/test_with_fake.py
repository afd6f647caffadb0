"""A service's own tests against the fake, as a service writes them: the `clerk_fake` fixture comes from the
fake's pytest plugin, which pytest loads through the fake's entry point once the fake is installed.

    pip install "clerk-invitations-client[orjson]" clerk-invitations-fake pytest
    pytest examples/test_with_fake.py

`make dist-check` runs this file in a fresh venv holding only the built wheels and pytest.
"""

from __future__ import annotations

import asyncio

from clerk_invitations_client import AuthenticatedClient
from clerk_invitations_client.api.invitations import create_invitation, list_invitations
from clerk_invitations_client.models import CreateInvitationRequest, InvitationStatus
from clerk_invitations_fake import IN_PROCESS_URL, FakeClerk


def test_invitee_signs_up(clerk_fake: FakeClerk) -> None:
    transport = clerk_fake.transport()
    with AuthenticatedClient(
        base_url=IN_PROCESS_URL, token="sk_test_fake", httpx_args={"transport": transport}
    ) as client:
        invitation = create_invitation.sync(
            client=client, body=CreateInvitationRequest(email_address="ada@example.com")
        )
        clerk_fake.accept(invitation.id)
        accepted = list_invitations.sync(client=client, status=InvitationStatus.ACCEPTED)
    assert [i.email_address for i in accepted] == ["ada@example.com"]


def test_invitation_expires_async(clerk_fake: FakeClerk) -> None:
    async def invite() -> None:
        client = AuthenticatedClient(
            base_url=IN_PROCESS_URL, token="sk_test_fake", httpx_args={"transport": clerk_fake.async_transport()}
        )
        async with client:
            await create_invitation.asyncio(
                client=client, body=CreateInvitationRequest(email_address="ada@example.com")
            )

    asyncio.run(invite())
    clerk_fake.advance(days=31)
    assert [i["status"] for i in clerk_fake.invitations.values()] == ["expired"]


def test_over_real_http(clerk_fake: FakeClerk) -> None:
    with clerk_fake.serve() as url, AuthenticatedClient(base_url=url, token="sk_test_fake") as client:
        create_invitation.sync(client=client, body=CreateInvitationRequest(email_address="ada@example.com"))
        pending = list_invitations.sync(client=client, status=InvitationStatus.PENDING)
    assert [i.email_address for i in pending] == ["ada@example.com"]
    assert clerk_fake.notified == [pending[0].id]
