"""A service's organization flow through the generated client against the fake: invite, list, accept, revoke.

Written once, run four ways: the client sync or async (the suite's `call`), the fake in process (its
transports) or over real HTTP on 127.0.0.1. Every response is checked against openapi.yaml.
"""

from __future__ import annotations

import pytest
from clerk_invitations_client import AuthenticatedClient, errors
from clerk_invitations_client.api.organization_invitations import (
    create_organization_invitation,
    create_organization_invitation_bulk,
    get_organization_invitation,
    list_instance_organization_invitations,
    list_organization_invitations,
    revoke_organization_invitation,
)
from clerk_invitations_client.api.users import users_get_organization_invitations
from clerk_invitations_client.api.waitlist_entries import invite_waitlist_entry
from clerk_invitations_client.models import (
    CreateOrganizationInvitationRequest,
    InvitationStatus,
    InviteWaitlistEntryRequest,
    OrganizationInvitation,
    RevokeOrganizationInvitationRequest,
    WaitlistEntryStatus,
)
from clerk_invitations_fake import FakeClerk

from tests.support.calls import Caller


def emails(invitations: list[OrganizationInvitation]) -> list[str]:
    return [invitation.email_address for invitation in invitations]


def test_invite_list_accept_revoke_in_an_organization(
    call: Caller, client: AuthenticatedClient, clerk_fake: FakeClerk
) -> None:
    acme = clerk_fake.add_organization("Acme")
    boss = clerk_fake.add_member(acme, "boss@example.com", role="org:admin")

    # The admin invites Ada as an admin, then Grace and Alan at once.
    ada = call(
        create_organization_invitation,
        acme,
        client=client,
        body=CreateOrganizationInvitationRequest(
            email_address="ada@example.com", role="org:admin", inviter_user_id=boss, private_metadata={"crm": 7}
        ),
    )
    team = call(
        create_organization_invitation_bulk,
        acme,
        client=client,
        body=[
            CreateOrganizationInvitationRequest(email_address=f"{name}@example.com", role="org:member")
            for name in ("grace", "alan")
        ],
    )
    assert (ada.role_name, ada.inviter_id, ada.status) == ("Admin", boss, InvitationStatus.PENDING)
    assert ada.public_inviter_data is not None and ada.public_inviter_data.identifier == "boss@example.com"
    assert team.total_count == 2 and emails(team.data) == ["grace@example.com", "alan@example.com"]
    assert call(get_organization_invitation, acme, ada.id, client=client).private_metadata == {"crm": 7}

    # Ada joins; the admin revokes Alan's invitation.
    clerk_fake.accept(ada.id)
    revoked = call(
        revoke_organization_invitation,
        acme,
        team.data[1].id,
        client=client,
        body=RevokeOrganizationInvitationRequest(requesting_user_id=boss),
    )
    assert (revoked.status, revoked.url) == (InvitationStatus.REVOKED, None)

    listed = call(list_organization_invitations, acme, client=client, order_by="email_address")
    assert emails(listed.data) == ["ada@example.com", "alan@example.com", "grace@example.com"]
    assert listed.total_count == 3
    pending = call(list_organization_invitations, acme, client=client, status=InvitationStatus.PENDING)
    assert emails(pending.data) == ["grace@example.com"]

    # Across the instance, and for Ada, now a user: each invitation with its organization.
    everywhere = call(list_instance_organization_invitations, client=client, query="ada")
    (for_ada,) = everywhere.data
    assert for_ada.public_organization_data.name == "Acme"
    ada_user = clerk_fake.add_user("ada@example.com")
    assert clerk_fake.members(acme)[ada_user] == "org:admin"
    (mine,) = call(users_get_organization_invitations, ada_user, client=client).data
    assert (mine.id, mine.status) == (ada.id, InvitationStatus.ACCEPTED)


def test_clerks_refusals_reach_the_client_as_its_errors(
    call: Caller, client: AuthenticatedClient, clerk_fake: FakeClerk
) -> None:
    acme = clerk_fake.add_organization("Acme")
    member = clerk_fake.add_member(acme, "member@example.com")
    ada = call(
        create_organization_invitation,
        acme,
        client=client,
        body=CreateOrganizationInvitationRequest(email_address="ada@example.com", role="org:member"),
    )
    call(revoke_organization_invitation, acme, ada.id, client=client)

    with pytest.raises(errors.BadRequestError) as not_pending:
        call(revoke_organization_invitation, acme, ada.id, client=client)
    with pytest.raises(errors.BadRequestError) as already_member:
        body = CreateOrganizationInvitationRequest(email_address="member@example.com", role="org:member")
        call(create_organization_invitation, acme, client=client, body=body)
    with pytest.raises(errors.PermissionDeniedError) as not_admin:
        body = CreateOrganizationInvitationRequest(
            email_address="x@example.com", role="org:member", inviter_user_id=member
        )
        call(create_organization_invitation, acme, client=client, body=body)
    with pytest.raises(errors.NotFoundError) as unknown:
        call(get_organization_invitation, "org_2xhFjEI5X2qWRvtV13BzSj8H6Dk", ada.id, client=client)

    assert not_pending.value.code == "organization_invitation_not_pending"
    assert already_member.value.code == "already_a_member_in_organization"
    assert not_admin.value.code == "not_an_admin_in_organization"
    assert unknown.value.code == "resource_not_found"


def test_a_waitlist_entry_is_invited(call: Caller, client: AuthenticatedClient, clerk_fake: FakeClerk) -> None:
    entry_id = clerk_fake.add_waitlist_entry("grace@example.com")

    entry = call(invite_waitlist_entry, entry_id, client=client)
    assert entry.status is WaitlistEntryStatus.INVITED
    assert entry.invitation is not None and entry.invitation.status is InvitationStatus.PENDING
    with pytest.raises(errors.BadRequestError, match="duplicate_record"):
        call(invite_waitlist_entry, entry_id, client=client)
    again = call(invite_waitlist_entry, entry_id, client=client, body=InviteWaitlistEntryRequest(ignore_existing=True))
    assert again.invitation is not None and again.invitation.id != entry.invitation.id
    assert list(clerk_fake.invitations) == [entry.invitation.id, again.invitation.id]


def test_every_page_of_an_organization(call: Caller, client: AuthenticatedClient, clerk_fake: FakeClerk) -> None:
    acme = clerk_fake.add_organization("Acme")
    for batch in range(3):
        body = [
            CreateOrganizationInvitationRequest(email_address=f"u{batch}{n}@example.com", role="org:member")
            for n in range(10)
        ]
        call(create_organization_invitation_bulk, acme, client=client, body=body)

    if call.mode == "sync":
        pages = list_organization_invitations.sync_all(acme, client=client, page_size=7)
        seen = [invitation.id for invitation in pages]
    else:

        async def scan() -> list[str]:
            pages = list_organization_invitations.asyncio_all(acme, client=client, page_size=7)
            return [invitation.id async for invitation in pages]

        seen = call.loop.run_until_complete(scan())

    assert len(seen) == 30 and set(seen) == set(clerk_fake.organization_invitations)
