"""Deterministic, Clerk-like pages of invitations, encoded as the list endpoints return them.

Application invitations: a bare JSON array, or with `paginated=true` an object with the page's `data` and the
`total_count`. Organization invitations: always the object.
"""

from __future__ import annotations

import functools
import json
import random
import string
from typing import Any

MAX_PAGE_SIZE = 500
TOTAL_INVITATIONS = 5_000
ID_ALPHABET = string.ascii_letters + string.digits
FIRST_NAMES = ["ada", "grace", "alan", "edsger", "barbara", "ken", "margaret", "donald", "frances", "linus"]
DOMAINS = ["example.com", "example.org", "example.net"]
PLANS = ["free", "pro", "team", "enterprise"]
STATUSES = ["pending"] * 14 + ["accepted"] * 4 + ["revoked", "expired"]
DAY_MS = 86_400_000
FIRST_CREATED_AT_MS = 1_764_633_600_000


def _clerk_id(rng: random.Random, prefix: str) -> str:
    return prefix + "".join(rng.choices(ID_ALPHABET, k=27))


def _public_metadata(rng: random.Random) -> dict[str, Any]:
    metadata: dict[str, Any] = {"plan": rng.choice(PLANS), "invited_by": _clerk_id(rng, "user_")}
    if rng.random() < 0.5:
        metadata["seats"] = rng.randint(1, 50)
    if rng.random() < 0.3:
        metadata["onboarding"] = {"step": rng.randint(1, 5), "skipped_tour": rng.random() < 0.5}
    return metadata


def _invitation(rng: random.Random, index: int) -> dict[str, Any]:
    status = rng.choice(STATUSES)
    created_at = FIRST_CREATED_AT_MS - index * 3_600_000 - rng.randint(0, 3_599_999)
    invitation: dict[str, Any] = {
        "object": "invitation",
        "id": _clerk_id(rng, "inv_"),
        "email_address": f"{rng.choice(FIRST_NAMES)}.{index}@{rng.choice(DOMAINS)}",
        "public_metadata": _public_metadata(rng),
        "revoked": status == "revoked",
        "status": status,
    }
    if status == "pending" and rng.random() < 0.8:
        ticket = "".join(rng.choices(ID_ALPHABET, k=160))
        invitation["url"] = f"https://accounts.example.com/sign-up?__clerk_ticket={ticket}"
    invitation["expires_at"] = None if rng.random() < 0.3 else created_at + 30 * DAY_MS
    invitation["created_at"] = created_at
    invitation["updated_at"] = created_at + rng.randint(0, DAY_MS)
    return invitation


@functools.cache
def _invitations() -> list[dict[str, Any]]:
    """Every invitation the server holds, newest first; each page is a slice of them."""
    rng = random.Random(4)
    return [_invitation(rng, index) for index in range(TOTAL_INVITATIONS)]


@functools.cache
def invitation_page(size: int, offset: int = 0, paginated: bool = False) -> bytes:
    """`size` invitations from `offset`, as compact JSON; the same bytes on every call and machine."""
    if not 1 <= size <= MAX_PAGE_SIZE:
        raise ValueError(f"page size must be 1..{MAX_PAGE_SIZE}, not {size}")
    page = _invitations()[offset : offset + size]
    body: object = {"data": page, "total_count": TOTAL_INVITATIONS} if paginated else page
    return json.dumps(body, separators=(",", ":")).encode()


ROLES = [("org:member", "Member")] * 4 + [("org:admin", "Admin")]
ORGANIZATION_ID = "org_2x6JlPo2Qs7UvX0YzA3bC5dE8fG"


def _organization_invitation(rng: random.Random, index: int) -> dict[str, Any]:
    """An organization invitation as Clerk's ListOrganizationInvitations answers it: an application invitation's
    fields, a role, private metadata and, for most, the inviter's public profile."""
    invitation = _invitation(rng, index)
    role, role_name = rng.choice(ROLES)
    inviter_id = _clerk_id(rng, "user_") if rng.random() < 0.8 else None
    inviter = None
    if inviter_id is not None:
        name = rng.choice(FIRST_NAMES)
        inviter = {
            "user_id": inviter_id,
            "first_name": name.title(),
            "last_name": None if rng.random() < 0.2 else "Lovelace",
            "image_url": f"https://img.example.com/{inviter_id}.png",
            "has_image": rng.random() < 0.5,
            "identifier": f"{name}@{rng.choice(DOMAINS)}",
        }
    return {
        "object": "organization_invitation",
        "id": _clerk_id(rng, "orginv_"),
        "email_address": invitation["email_address"],
        "role": role,
        "role_name": role_name,
        "organization_id": ORGANIZATION_ID,
        "inviter_id": inviter_id,
        "public_inviter_data": inviter,
        "status": invitation["status"],
        "public_metadata": invitation["public_metadata"],
        "private_metadata": {"crm_id": _clerk_id(rng, "crm_")} if rng.random() < 0.5 else {},
        "url": invitation.get("url"),
        "expires_at": invitation["expires_at"],
        "created_at": invitation["created_at"],
        "updated_at": invitation["updated_at"],
    }


@functools.cache
def _organization_invitations() -> list[dict[str, Any]]:
    rng = random.Random(16)
    return [_organization_invitation(rng, index) for index in range(TOTAL_INVITATIONS)]


@functools.cache
def organization_invitation_page(size: int, offset: int = 0) -> bytes:
    """`size` organization invitations from `offset` with the total count, as compact JSON; always the same bytes."""
    if not 1 <= size <= MAX_PAGE_SIZE:
        raise ValueError(f"page size must be 1..{MAX_PAGE_SIZE}, not {size}")
    page = _organization_invitations()[offset : offset + size]
    return json.dumps({"data": page, "total_count": TOTAL_INVITATIONS}, separators=(",", ":")).encode()
