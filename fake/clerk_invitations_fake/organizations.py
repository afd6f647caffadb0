"""Organizations, their members and their invitations: Clerk's six organization invitation operations and a user's list.

Every method runs under FakeClerk's lock and is given the clock (`now_ms`); refusals are ClerkErrorReply.
An unknown organization, invitation or user in the path is a 404 whatever the rest of the request holds.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from clerk_invitations_fake.errors import ClerkErrorReply, clerk_error, not_found
from clerk_invitations_fake.records import (
    DAY_MS,
    Invitable,
    PendingByAddress,
    Users,
    invitation_url,
    new_id,
)
from clerk_invitations_fake.validation import (
    INSTANCE_LIST_RULES,
    ORGANIZATION_LIST_RULES,
    REVOKE_ORGANIZATION_INVITATION_RULES,
    USER_LIST_RULES,
    ListQuery,
    is_role,
    parse_items,
    parse_list_query,
    parse_object,
    parse_organization_invitation,
)

ADMIN = "org:admin"
AVATAR_URL = "https://img.clerk-fake.test/default-avatar.png"
Json = Any


@dataclass
class _Organization:
    id: str
    name: str
    slug: str
    members: dict[str, str] = field(default_factory=dict[str, str])  # user id -> role
    invitations: list[_OrganizationInvitation] = field(default_factory=lambda: [])  # in order of creation
    pending: PendingByAddress[_OrganizationInvitation] = field(default_factory=lambda: PendingByAddress())

    def public_data(self) -> dict[str, Json]:
        return {"id": self.id, "name": self.name, "slug": self.slug, "has_image": False}


@dataclass(kw_only=True)
class _OrganizationInvitation(Invitable):
    id: str
    organization: _Organization
    role: str
    inviter: tuple[str, str] | None  # (user id, email address)
    public_metadata: dict[str, Json]
    private_metadata: dict[str, Json]
    url: str

    def to_json(self, now_ms: int, *, with_organization: bool = False) -> dict[str, Json]:
        status = self.status(now_ms)
        body: dict[str, Json] = {
            "object": "organization_invitation",
            "id": self.id,
            "email_address": self.email_address,
            "role": self.role,
            "role_name": role_name(self.role),
            "organization_id": self.organization.id,
            "inviter_id": self.inviter[0] if self.inviter else None,
            "public_inviter_data": _public_user_data(*self.inviter) if self.inviter else None,
            "status": status,
            "public_metadata": copy.deepcopy(self.public_metadata),
            "private_metadata": copy.deepcopy(self.private_metadata),
            "url": self.url if status == "pending" else None,  # the link works only while the invitation is pending
            "expires_at": self.expires_at,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
        }
        if with_organization:
            body["public_organization_data"] = self.organization.public_data()
        return body


def role_name(role: str) -> str:
    """A role's name as Clerk's default roles have it: org:admin is "Admin", org:billing_manager "Billing manager"."""
    return role.removeprefix("org:").replace("_", " ").replace("-", " ").capitalize()


def _public_user_data(user_id: str, email: str) -> dict[str, Json]:
    return {
        "user_id": user_id,
        "first_name": None,
        "last_name": None,
        "image_url": AVATAR_URL,
        "has_image": False,
        "identifier": email,
    }


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "organization"


@dataclass
class Organizations:
    """The organizations of an instance whose users are `users`; invitation ids Clerk would email go to `notified`."""

    users: Users
    notified: list[str]
    organizations: dict[str, _Organization] = field(default_factory=dict[str, _Organization])
    # every one, in order of creation
    invitations: dict[str, _OrganizationInvitation] = field(default_factory=dict[str, _OrganizationInvitation])

    # Test hooks

    def add(self, name: str) -> str:
        slugs = {organization.slug for organization in self.organizations.values()}
        slug = base = _slug(name)
        for number in range(2, len(slugs) + 2):  # Clerk's slugs are unique
            if slug not in slugs:
                break
            slug = f"{base}-{number}"
        organization = _Organization(new_id("org_"), name, slug)
        self.organizations[organization.id] = organization
        return organization.id

    def add_member(self, organization_id: str, email: str, role: str) -> str:
        organization = self.organizations[organization_id]
        if not is_role(role):
            raise ValueError(f"a role is a key such as org:admin or org:member, not {role!r}")
        user_id = self.users.ensure(email)
        if user_id in organization.members:
            raise ValueError(f"{email} is already a member of {organization_id}")
        organization.members[user_id] = role
        return user_id

    def accept(self, invitation: _OrganizationInvitation, now_ms: int) -> dict[str, Json]:
        status = invitation.status(now_ms)
        if status != "pending":
            raise ValueError(f"only a pending invitation can be accepted; {invitation.id} is {status}")
        user_id = self.users.ensure(invitation.email_address)
        if user_id in invitation.organization.members:
            raise ValueError(f"{invitation.email_address} is already a member of {invitation.organization.id}")
        invitation.state = "accepted"
        invitation.updated_at = now_ms
        invitation.organization.members[user_id] = invitation.role
        return invitation.to_json(now_ms)

    # Operations

    def create(self, organization_id: str, body: object, now_ms: int, *, bulk: bool) -> list[dict[str, Json]]:
        """Create the invitation, or every one of a bulk request's, or none if Clerk would refuse any of them."""
        organization = self._organization(organization_id)
        requests = parse_items(body, parse_organization_invitation) if bulk else [parse_organization_invitation(body)]
        inviters = [self._admin(organization, request.inviter_user_id) for request in requests]
        requested: set[str] = set()
        members: list[str] = []
        duplicates: list[str] = []
        for request in requests:
            email = request.email_address.lower()
            if self.users.id_of(email) in organization.members:
                members.append(request.email_address)
            elif email in requested or organization.pending.has_pending(email, now_ms):
                duplicates.append(request.email_address)
            requested.add(email)
        errors = [
            clerk_error(
                "already_a_member_in_organization",
                "already a member",
                f"{email} is already a member of the organization.",
                email_address=email,
            )
            for email in members
        ]
        if duplicates:
            errors.append(
                clerk_error(
                    "duplicate_record",
                    "duplicate invitation",
                    "There are already pending invitations to this organization for the following email addresses: "
                    + ", ".join(duplicates),
                )
            )
        if errors:
            raise ClerkErrorReply(400, errors)
        # Everything that could fail is done before the first invitation is stored.
        invitations = [
            _OrganizationInvitation(
                id=new_id("orginv_"),
                organization=organization,
                email_address=request.email_address,
                role=request.role,
                inviter=inviter,
                public_metadata=copy.deepcopy(request.public_metadata),
                private_metadata=copy.deepcopy(request.private_metadata),
                url=invitation_url(request.redirect_url),
                created_at=now_ms,
                updated_at=now_ms,
                expires_at=now_ms + request.expires_in_days * DAY_MS,
            )
            for request, inviter in zip(requests, inviters, strict=True)
        ]
        for request, invitation in zip(requests, invitations, strict=True):
            self.invitations[invitation.id] = invitation
            organization.invitations.append(invitation)
            organization.pending.add(invitation)
            if request.notify:
                self.notified.append(invitation.id)
        return [invitation.to_json(now_ms) for invitation in invitations]

    def list_for_organization(self, organization_id: str, params: dict[str, str], now_ms: int) -> Json:
        organization = self._organization(organization_id)
        query = parse_list_query(params, ORGANIZATION_LIST_RULES)
        wanted = (query.email_address or "").lower()
        return self._page(
            organization.invitations,
            query,
            now_ms,
            lambda invitation: not wanted or invitation.email_address.lower() == wanted,
        )

    def list_instance(self, params: dict[str, str], now_ms: int) -> Json:
        query = parse_list_query(params, INSTANCE_LIST_RULES)
        needle = (query.query or "").lower()
        return self._page(
            list(self.invitations.values()),
            query,
            now_ms,
            lambda invitation: needle in invitation.email_address.lower(),
            with_organization=True,
        )

    def list_for_user(self, user_id: str, params: dict[str, str], now_ms: int) -> Json:
        email = self.users.emails.get(user_id)
        if email is None:
            raise not_found(f"No user has the id {user_id}.")
        query = parse_list_query(params, USER_LIST_RULES)
        return self._page(
            list(self.invitations.values()),
            query,
            now_ms,
            lambda invitation: invitation.email_address.lower() == email.lower(),
            with_organization=True,
        )

    def get(self, organization_id: str, invitation_id: str, now_ms: int) -> Json:
        return self._invitation(organization_id, invitation_id).to_json(now_ms)

    def revoke(self, organization_id: str, invitation_id: str, body: object, now_ms: int) -> Json:
        invitation = self._invitation(organization_id, invitation_id)
        values = parse_object(body, REVOKE_ORGANIZATION_INVITATION_RULES)
        self._admin(invitation.organization, values["requesting_user_id"])
        status = invitation.status(now_ms)
        if status != "pending":
            raise ClerkErrorReply(
                400,
                [
                    clerk_error(
                        "organization_invitation_not_pending",
                        "not pending",
                        f"Only a pending organization invitation can be revoked; this one is {status}.",
                    )
                ],
            )
        invitation.state = "revoked"
        invitation.updated_at = now_ms
        return invitation.to_json(now_ms)

    def _page(
        self,
        invitations: list[_OrganizationInvitation],
        query: ListQuery,
        now_ms: int,
        matches: Callable[[_OrganizationInvitation], bool],
        *,
        with_organization: bool = False,
    ) -> Json:
        found = [
            invitation
            for invitation in invitations
            if (query.status is None or invitation.status(now_ms) == query.status) and matches(invitation)
        ]
        page = [invitation.to_json(now_ms, with_organization=with_organization) for invitation in query.page(found)]
        return {"data": page, "total_count": len(found)}

    def _organization(self, organization_id: str) -> _Organization:
        organization = self.organizations.get(organization_id)
        if organization is None:
            raise not_found(f"No organization has the id {organization_id}.")
        return organization

    def _invitation(self, organization_id: str, invitation_id: str) -> _OrganizationInvitation:
        organization = self._organization(organization_id)
        invitation = self.invitations.get(invitation_id)
        if invitation is None or invitation.organization is not organization:
            raise not_found(f"The organization {organization_id} has no invitation with the id {invitation_id}.")
        return invitation

    def _admin(self, organization: _Organization, user_id: str | None) -> tuple[str, str] | None:
        """The user (id, address) acting for the organization, who must be one of its admins; None if not given."""
        if user_id is None:
            return None
        email = self.users.emails.get(user_id)
        if email is None:
            raise not_found(f"No user has the id {user_id}.")
        role = organization.members.get(user_id)
        if role != ADMIN:
            code, message = (
                ("not_a_member_in_organization", "not a member")
                if role is None
                else ("not_an_admin_in_organization", "not an administrator")
            )
            raise ClerkErrorReply(
                403,
                [clerk_error(code, message, f"The user {user_id} must be an administrator in the organization.")],
            )
        return user_id, email
