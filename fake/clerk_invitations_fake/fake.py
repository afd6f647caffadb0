"""FakeClerk: an in-memory, thread-safe model of Clerk's invitations endpoints, spoken to over HTTP."""

from __future__ import annotations

import contextlib
import copy
import json
import re
import secrets
import string
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qsl, quote, unquote, urlsplit

import httpx

from clerk_invitations_fake.errors import (
    ClerkErrorReply,
    clerk_error,
    method_not_allowed,
    not_found,
    param_error,
    unauthenticated,
    unprocessable,
)
from clerk_invitations_fake.server import HttpReply, serving
from clerk_invitations_fake.validation import InvitationRequest, parse_bulk, parse_invitation, parse_list_query

BEARER_KEY = re.compile(r"bearer (sk_(?:test|live)_[A-Za-z0-9]+)", re.IGNORECASE)
REVOKE_PATH = re.compile(r"/invitations/([^/]+)/revoke")
ID_ALPHABET = string.ascii_letters + string.digits
ACCOUNTS_URL = "https://accounts.clerk-fake.test"
API_PREFIX = "/v1"
"""Clerk's paths start with it (`https://api.clerk.com/v1`); the fake also answers them without it."""
IN_PROCESS_URL = "http://127.0.0.1:9" + API_PREFIX
"""A base URL for in-process clients; the transport answers, so nothing ever connects to it."""
JSON_HEADERS = {"Content-Type": "application/json"}
Json = Any
Operation = Callable[[dict[str, str], bytes], Json]


@dataclass
class _Invitation:
    id: str
    email_address: str
    public_metadata: dict[str, Any]
    url: str
    created_at: int
    updated_at: int
    expires_at: int
    state: str = "pending"  # or accepted, revoked; "expired" is read off the clock

    def status(self, now_ms: int) -> str:
        return "expired" if self.state == "pending" and now_ms >= self.expires_at else self.state

    def to_json(self, now_ms: int) -> dict[str, Json]:
        status = self.status(now_ms)
        body: dict[str, Json] = {
            "object": "invitation",
            "id": self.id,
            "email_address": self.email_address,
            "public_metadata": copy.deepcopy(self.public_metadata),
            "revoked": self.state == "revoked",
            "status": status,
            "expires_at": self.expires_at,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
        }
        if status == "pending":  # the link works only while the invitation is pending
            body["url"] = self.url
        return body


def _json_body(body: bytes) -> Json:
    def refuse_constant(name: str) -> None:
        raise ValueError(name)

    try:
        return json.loads(body, parse_constant=refuse_constant)
    except ValueError:
        raise unprocessable(
            [param_error("form_param_format_invalid", "body", "The request body must be valid JSON.")]
        ) from None


class FakeClerk:
    """Clerk's invitations API in memory: create, bulk create, list and revoke, with Clerk's rules.

    Use it in process with `transport()` / `async_transport()`, or over HTTP with `serve()`.
    The test hooks `add_user`, `accept`, `advance`, `invitations` and `notified` set up and inspect state.
    The clock stands still unless `advance` moves it; timestamps are Unix epoch milliseconds.
    With `secret_key`, only that key is accepted; without, any well-formed `sk_test_`/`sk_live_` key is.
    """

    def __init__(self, *, secret_key: str | None = None, start: datetime | None = None) -> None:
        self._lock = threading.Lock()
        self._secret_key = secret_key
        self._now_ms = int((start or datetime.now(UTC)).timestamp() * 1000)
        self._invitations: dict[str, _Invitation] = {}
        self._users: set[str] = set()
        self._notified: list[str] = []

    def __repr__(self) -> str:
        return f"FakeClerk(invitations={len(self._invitations)}, now_ms={self._now_ms})"

    # Test hooks

    @property
    def now_ms(self) -> int:
        return self._now_ms

    @property
    def invitations(self) -> dict[str, dict[str, Json]]:
        """Every invitation, revoked ones too, by id in order of creation, as the API would show it now."""
        with self._lock:
            return {id_: invitation.to_json(self._now_ms) for id_, invitation in self._invitations.items()}

    @property
    def notified(self) -> list[str]:
        """The ids of the invitations Clerk would have emailed (created with `notify` true or left out)."""
        with self._lock:
            return list(self._notified)

    def add_user(self, email_address: str) -> None:
        """Make `email_address` belong to a user: inviting it is refused unless `ignore_existing`."""
        with self._lock:
            self._users.add(email_address.lower())

    def accept(self, invitation_id: str) -> dict[str, Json]:
        """The invitee follows the link and signs up: the invitation is accepted, the address a user's."""
        with self._lock:
            invitation = self._invitations[invitation_id]
            status = invitation.status(self._now_ms)
            if status != "pending":
                raise ValueError(f"only a pending invitation can be accepted; {invitation_id} is {status}")
            invitation.state = "accepted"
            invitation.updated_at = self._now_ms
            self._users.add(invitation.email_address.lower())
            return invitation.to_json(self._now_ms)

    def advance(self, *, days: float = 0, hours: float = 0, minutes: float = 0, seconds: float = 0) -> None:
        """Move the clock forward; pending invitations past `expires_at` then read as expired."""
        step = timedelta(days=days, hours=hours, minutes=minutes, seconds=seconds)
        if step < timedelta(0):
            raise ValueError("the clock only moves forward")
        with self._lock:
            self._now_ms += step // timedelta(milliseconds=1)

    # Ways to talk to it

    def transport(self) -> httpx.BaseTransport:
        """An httpx transport answering in process: `AuthenticatedClient(..., httpx_args={"transport": ...})`."""
        return httpx.MockTransport(self._handle_httpx)

    def async_transport(self) -> httpx.AsyncBaseTransport:
        """The same for async clients."""
        return httpx.MockTransport(self._handle_httpx)

    @contextlib.contextmanager
    def serve(self, port: int = 0) -> Iterator[str]:
        """Serve the fake over HTTP on 127.0.0.1 (a free port unless given) and yield its base URL, ending in /v1."""
        with serving(self.handle, port) as url:
            yield url + API_PREFIX

    def handle(self, method: str, target: str, authorization: str | None, body: bytes) -> HttpReply:
        """Answer one HTTP request: method, path with query string, Authorization header, body."""
        try:
            operation = self._route(method, urlsplit(target).path)
            self._authenticate(authorization)
            params = dict(parse_qsl(urlsplit(target).query, keep_blank_values=True))
            with self._lock:
                result = operation(params, body)
        except ClerkErrorReply as refusal:
            return HttpReply(refusal.status, {**JSON_HEADERS, **refusal.headers}, json.dumps(refusal.body()).encode())
        return HttpReply(200, dict(JSON_HEADERS), json.dumps(result).encode())

    def _handle_httpx(self, request: httpx.Request) -> httpx.Response:
        reply = self.handle(
            request.method, request.url.raw_path.decode("ascii"), request.headers.get("Authorization"), request.content
        )
        return httpx.Response(reply.status, headers=reply.headers, content=reply.body)

    # The four operations; each runs under the lock.

    def _route(self, method: str, full_path: str) -> Operation:
        path = full_path.removeprefix(API_PREFIX)
        operations: dict[str, Operation]
        if path == "/invitations":
            operations = {"GET": self._list, "POST": self._create}
        elif path == "/invitations/bulk":
            operations = {"POST": self._create_bulk}
        elif match := REVOKE_PATH.fullmatch(path):
            invitation_id = unquote(match[1])
            operations = {"POST": lambda _params, _body: self._revoke(invitation_id)}
        else:
            raise not_found(f"There is no operation at {full_path}.")
        if method not in operations:
            raise method_not_allowed(sorted(operations))
        return operations[method]

    def _authenticate(self, authorization: str | None) -> None:
        match = BEARER_KEY.fullmatch(authorization or "")
        if match is None or (self._secret_key is not None and not secrets.compare_digest(match[1], self._secret_key)):
            raise unauthenticated()

    def _create(self, _params: dict[str, str], body: bytes) -> Json:
        (created,) = self._create_all([parse_invitation(_json_body(body), bulk_item=False)], bulk=False)
        return created

    def _create_bulk(self, _params: dict[str, str], body: bytes) -> Json:
        return self._create_all(parse_bulk(_json_body(body)), bulk=True)

    def _create_all(self, requests: list[InvitationRequest], *, bulk: bool) -> list[dict[str, Json]]:
        """Create every invitation, or none if Clerk would refuse any of them.

        `ignore_existing` lets an address have a second pending invitation; in a single create it also
        lets a user's address be invited, but never in bulk ("this rule cannot be bypassed").
        """
        pending = {
            invitation.email_address.lower()
            for invitation in self._invitations.values()
            if invitation.status(self._now_ms) == "pending"
        }
        users, duplicates = [], []
        for request in requests:
            email = request.email_address.lower()
            if email in self._users and (bulk or not request.ignore_existing):
                users.append(request.email_address)
            elif not request.ignore_existing and email in pending:
                duplicates.append(request.email_address)
            pending.add(email)
        errors = [
            clerk_error(
                "form_identifier_exists",
                "already exists",
                f"A user with the email address {email} already exists.",
                param_name="email_address",
            )
            for email in users
        ]
        if duplicates:
            errors.append(
                clerk_error(
                    "duplicate_record",
                    "duplicate invitation",
                    f"There are already pending invitations for the following email addresses: {', '.join(duplicates)}",
                )
            )
        if errors:
            raise ClerkErrorReply(400, errors)
        return [self._insert(request).to_json(self._now_ms) for request in requests]

    def _insert(self, request: InvitationRequest) -> _Invitation:
        invitation_id = "inv_" + "".join(secrets.choice(ID_ALPHABET) for _ in range(27))
        url = f"{ACCOUNTS_URL}/sign-up?__clerk_ticket={secrets.token_urlsafe(24)}"
        if request.redirect_url is not None:
            url += f"&redirect_url={quote(request.redirect_url, safe='')}"
        invitation = _Invitation(
            id=invitation_id,
            email_address=request.email_address,
            public_metadata=copy.deepcopy(request.public_metadata),
            url=url,
            created_at=self._now_ms,
            updated_at=self._now_ms,
            expires_at=self._now_ms + request.expires_in_days * (timedelta(days=1) // timedelta(milliseconds=1)),
        )
        self._invitations[invitation_id] = invitation
        if request.notify:
            self._notified.append(invitation_id)
        return invitation

    def _list(self, params: dict[str, str], _body: bytes) -> Json:
        query = parse_list_query(params)
        now = self._now_ms
        needle = (query.query or "").lower()
        found = [
            (position, invitation)
            for position, invitation in enumerate(self._invitations.values())
            if (invitation.status(now) == query.status if query.status else invitation.status(now) != "revoked")
            and (needle in invitation.email_address.lower() or needle in invitation.id.lower())
        ]

        def order(found_invitation: tuple[int, _Invitation]) -> tuple[Any, int]:
            position, invitation = found_invitation
            value = getattr(invitation, query.order_field)
            return (value.lower() if isinstance(value, str) else value), position  # ties: order of creation

        found.sort(key=order, reverse=query.descending)
        page = [invitation.to_json(now) for _, invitation in found[query.offset : query.offset + query.limit]]
        return {"data": page, "total_count": len(found)} if query.paginated else page

    def _revoke(self, invitation_id: str) -> Json:
        invitation = self._invitations.get(invitation_id)
        if invitation is None:
            raise not_found(f"No invitation has the id {invitation_id}.")
        status = invitation.status(self._now_ms)
        if status in ("revoked", "accepted"):
            raise ClerkErrorReply(
                400,
                [
                    clerk_error(
                        f"invitation_already_{status}",
                        f"invitation already {status}",
                        f"This invitation has already been {status} and can't be revoked.",
                    )
                ],
            )
        invitation.state = "revoked"
        invitation.updated_at = self._now_ms
        return invitation.to_json(self._now_ms)
