"""A service's invitation flow with the generated client: create, bulk create, list, revoke, an error.

    CLERK_SECRET_KEY=sk_test_... python examples/quickstart.py

CLERK_API_URL points it at another server (`make demo` runs it against Prism).
"""

from __future__ import annotations

import os
import sys

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
    CreateInvitationRequestPublicMetadata,
    Invitation,
    InvitationStatus,
)


def describe(invitation: Invitation) -> str:
    return f"{invitation.id}  {invitation.email_address:<22} {invitation.status.value}"


def main() -> int:
    client = AuthenticatedClient(
        base_url=os.environ.get("CLERK_API_URL", "https://api.clerk.com/v1"),
        token=os.environ["CLERK_SECRET_KEY"],
    )
    with client:
        print("1. Invite one person")
        invitation = create_invitation.sync(
            client=client,
            body=CreateInvitationRequest(
                email_address="ada@example.com",
                public_metadata=CreateInvitationRequestPublicMetadata.from_dict({"plan": "pro"}),
                expires_in_days=7,
            ),
        )
        if not isinstance(invitation, Invitation):
            print(f"   failed: {invitation}")
            return 1
        print(f"   {describe(invitation)}  (expires_at={invitation.expires_at})")

        print("2. Invite a team at once")
        team = create_bulk_invitations.sync(
            client=client,
            body=[BulkInvitationRequest(email_address=f"{name}@example.com") for name in ("grace", "alan")],
        )
        if not isinstance(team, list):
            print(f"   failed: {team}")
            return 1
        for member in team:
            print(f"   {describe(member)}")

        print("3. List pending invitations at example.com, by email address")
        page = list_invitations.sync(
            client=client, status=InvitationStatus.PENDING, query="example.com", order_by="+email_address", limit=20
        )
        if not isinstance(page, list):
            print(f"   failed: {page}")
            return 1
        for listed in page:
            print(f"   {describe(listed)}")

        print(f"4. Revoke {invitation.id}")
        revoked = revoke_invitation.sync(client=client, invitation_id=invitation.id)
        if not isinstance(revoked, Invitation):
            print(f"   failed: {revoked}")
            return 1
        print(f"   {describe(revoked)}  (revoked={revoked.revoked})")

        print("5. Invite a malformed address, and handle the error")
        response = create_invitation.sync_detailed(client=client, body=CreateInvitationRequest(email_address="ada@"))
        if not isinstance(response.parsed, ClerkErrors):
            print(f"   expected an error, got HTTP {response.status_code}")
            return 1
        error = response.parsed.errors[0]
        print(f"   HTTP {response.status_code}: {error.code}: {error.long_message}")
    print("Done.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
