"""A service's invitation flow with the generated client: create, bulk create, list, revoke, an error.

    CLERK_SECRET_KEY=sk_test_... python examples/quickstart.py

CLERK_API_URL points it at another server: `make demo` runs it against the fake (TARGET=prism: Prism).
"""

from __future__ import annotations

import os
import sys

from clerk_invitations_client import AuthenticatedClient, errors
from clerk_invitations_client.api.invitations import (
    create_bulk_invitations,
    create_invitation,
    list_invitations,
    revoke_invitation,
)
from clerk_invitations_client.models import (
    BulkInvitationRequest,
    CreateInvitationRequest,
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
                public_metadata={"plan": "pro"},
                expires_in_days=7,
            ),
        )
        print(f"   {describe(invitation)}  (expires_at={invitation.expires_at})")

        print("2. Invite a team at once")
        team = create_bulk_invitations.sync(
            client=client,
            body=[BulkInvitationRequest(email_address=f"{name}@example.com") for name in ("grace", "alan")],
        )
        for member in team:
            print(f"   {describe(member)}")

        print("3. List pending invitations at example.com, by email address")
        page = list_invitations.sync(
            client=client, status=InvitationStatus.PENDING, query="example.com", order_by="+email_address", limit=20
        )
        for listed in page:
            print(f"   {describe(listed)}")

        print(f"4. Revoke {invitation.id}")
        revoked = revoke_invitation.sync(invitation.id, client=client)
        print(f"   {describe(revoked)}  (revoked={revoked.revoked})")

        print("5. Invite a malformed address, and handle the error")
        try:
            create_invitation.sync(client=client, body=CreateInvitationRequest(email_address="ada@example"))
        except errors.UnprocessableEntityError as error:
            print(f"   {type(error).__name__}: {error}")
        else:
            print("   expected an error")
            return 1
    print("Done.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
