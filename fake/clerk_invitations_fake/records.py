"""What the fake's resources share: ids, users, invitation links, and an invitation's life cycle."""

from __future__ import annotations

import secrets
import string
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Generic, TypeVar
from urllib.parse import quote

ID_ALPHABET = string.ascii_letters + string.digits
ACCOUNTS_URL = "https://accounts.clerk-fake.test"
DAY_MS = timedelta(days=1) // timedelta(milliseconds=1)


def new_id(prefix: str) -> str:
    """An id as Clerk makes them: a prefix (`inv_`, `org_`, `user_`, ...) and 27 letters and digits."""
    return prefix + "".join(secrets.choice(ID_ALPHABET) for _ in range(27))


def invitation_url(redirect_url: str | None) -> str:
    """The link an invitee follows: a sign-up URL with a fresh `__clerk_ticket`, and `redirect_url` if given."""
    url = f"{ACCOUNTS_URL}/sign-up?__clerk_ticket={secrets.token_urlsafe(24)}"
    if redirect_url is not None:
        url += f"&redirect_url={quote(redirect_url, safe='')}"
    return url


@dataclass(kw_only=True)
class Invitable:
    """An invitation's life cycle: pending until accepted or revoked; "expired" is read off the clock."""

    email_address: str
    created_at: int
    updated_at: int
    expires_at: int
    state: str = "pending"  # or accepted, revoked

    def status(self, now_ms: int) -> str:
        return "expired" if self.state == "pending" and now_ms >= self.expires_at else self.state


InvitationT = TypeVar("InvitationT", bound=Invitable)


@dataclass
class PendingByAddress(Generic[InvitationT]):
    """Invitations that may still be pending, by lower-cased address.

    Added on creation, dropped once looked at and found revoked, accepted or expired: a create looks up
    its address, not every invitation.
    """

    _maybe_pending: dict[str, list[InvitationT]] = field(default_factory=dict[str, list[InvitationT]])

    def add(self, invitation: InvitationT) -> None:
        self._maybe_pending.setdefault(invitation.email_address.lower(), []).append(invitation)

    def has_pending(self, email: str, now_ms: int) -> bool:
        """Whether the lower-cased address has a pending invitation; forgets its invitations that no longer are."""
        pending = [
            invitation for invitation in self._maybe_pending.pop(email, []) if invitation.status(now_ms) == "pending"
        ]
        if pending:
            self._maybe_pending[email] = pending
        return bool(pending)


@dataclass
class Users:
    """The instance's users: one id (`user_...`) per email address, any case."""

    _ids: dict[str, str] = field(default_factory=dict[str, str])  # lower-cased address -> id
    emails: dict[str, str] = field(default_factory=dict[str, str])  # id -> address, as first given

    def __contains__(self, email: str) -> bool:
        return email.lower() in self._ids

    def id_of(self, email: str) -> str | None:
        return self._ids.get(email.lower())

    def ensure(self, email: str) -> str:
        """The id of the user with this address, made if there is none."""
        if (user_id := self._ids.get(email.lower())) is None:
            user_id = self._ids[email.lower()] = new_id("user_")
            self.emails[user_id] = email
        return user_id
