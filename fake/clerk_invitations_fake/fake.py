"""FakeClerk: an in-memory, thread-safe model of Clerk's invitations endpoints, spoken to over HTTP."""

from __future__ import annotations

import contextlib
import copy
import json
import re
import secrets
import string
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qsl, quote, unquote, urlsplit

import httpx

from clerk_invitations_fake.errors import (
    ClerkErrorReply,
    body_too_large,
    clerk_error,
    method_not_allowed,
    not_found,
    param_error,
    unauthenticated,
    unprocessable,
)
from clerk_invitations_fake.faults import Fault, Faults
from clerk_invitations_fake.server import IDLE_TIMEOUT_S, MAX_BODY_BYTES, MAX_CONNECTIONS, serving
from clerk_invitations_fake.validation import (
    MAX_JSON_DEPTH,
    InvitationRequest,
    nesting_depth,
    parse_bulk,
    parse_invitation,
    parse_list_query,
)

BEARER_KEY = re.compile(r"bearer (sk_(?:test|live)_[A-Za-z0-9]+)", re.IGNORECASE)
REVOKE_PATH = re.compile(r"/invitations/([^/]+)/revoke")
ID_ALPHABET = string.ascii_letters + string.digits
ACCOUNTS_URL = "https://accounts.clerk-fake.test"
API_PREFIX = "/v1"
"""Clerk's paths start with it (`https://api.clerk.com/v1`); the fake also answers them without it."""
OPERATION_IDS = frozenset({"CreateInvitation", "ListInvitations", "CreateBulkInvitations", "RevokeInvitation"})
"""The operationIds of openapi.yaml that the fake answers, as `_route` names them."""
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


def _json_response(status: int, body: Json, headers: dict[str, str] | None = None) -> httpx.Response:
    return httpx.Response(status, headers={**JSON_HEADERS, **(headers or {})}, content=json.dumps(body).encode())


def _json_body(body: bytes) -> Json:
    def refuse_constant(name: str) -> None:
        raise ValueError(name)

    too_deep = f"The request body's arrays and objects must nest at most {MAX_JSON_DEPTH} levels deep."
    try:
        parsed = json.loads(body, parse_constant=refuse_constant)
    except ValueError:
        raise _invalid_body("The request body must be valid JSON.") from None
    except RecursionError:  # nested deeper than the parser can go
        raise _invalid_body(too_deep) from None
    if nesting_depth(parsed) > MAX_JSON_DEPTH:
        raise _invalid_body(too_deep)
    return parsed


def _invalid_body(long_message: str) -> ClerkErrorReply:
    return unprocessable([param_error("form_param_format_invalid", "body", long_message)])


class FakeClerk:
    """Clerk's invitations API in memory: create, bulk create, list and revoke, with Clerk's rules.

    `handle(request)` answers one `httpx.Request` with an `httpx.Response`. Use it in process with
    `transport()` / `async_transport()`, or over HTTP with `serve()`.
    The test hooks `add_user`, `accept`, `advance`, `invitations` and `notified` set up and inspect state.
    The clock stands still unless `advance` moves it; timestamps are Unix epoch milliseconds.
    With `secret_key`, only that key is accepted; without, any well-formed `sk_test_`/`sk_live_` key is.
    """

    def __init__(self, *, secret_key: str | None = None, start: datetime | None = None) -> None:
        self._lock = threading.Lock()
        self._secret_key = secret_key
        self._now_ms = int((start or datetime.now(UTC)).timestamp() * 1000)
        self._invitations: dict[str, _Invitation] = {}
        # Invitations that may still be pending, by lower-cased address: added on creation, dropped once
        # looked at and found revoked, accepted or expired. A create looks up its address, not every invitation.
        self._maybe_pending: dict[str, list[_Invitation]] = {}
        self._users: set[str] = set()
        self._notified: list[str] = []
        self._faults = Faults(OPERATION_IDS)

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

    def fail_next(
        self,
        status: int | None = None,
        *,
        times: int = 1,
        retry_after: int | str | None = None,
        operation: str | None = None,
        delay: float = 0,
        drop: bool = False,
    ) -> None:
        """Make the next `times` requests (of `operation`, by operationId, else any) fail on purpose.

        `status` (400 to 599) answers with a ClerkErrors body of a code fitting the status (429
        `too_many_requests`, 503 `service_unavailable`), and `Retry-After: retry_after` when given
        (whole seconds, or a text sent as it is). `delay` waits that many seconds before answering,
        with `status`, or else with the fake's own answer. `drop=True` answers nothing: over HTTP the
        connection is closed; in process `handle` raises httpx.RemoteProtocolError, as httpx does then.
        A request takes the first planned failure it matches, in the order they were planned; one that
        fails or is dropped changes nothing in the fake.
        """
        self._faults.plan(status, times=times, retry_after=retry_after, operation=operation, delay=delay, drop=drop)

    # Ways to talk to it

    def handle(self, request: httpx.Request) -> httpx.Response:
        """Answer one request as Clerk would: the core that `transport()`, `async_transport()` and `serve()` share.

        Call it directly, or from a handler of your own that wraps it (to record requests, or to fail in
        ways `fail_next` doesn't): `httpx.MockTransport(lambda request: ...fake.handle(request)...)`. Safe from many
        threads at once. The body is taken with `request.read()`, as httpx's transports leave it.
        Whatever the request holds, it answers: what Clerk would refuse, or the fake can't take (a body
        over 1 MiB or nested over 100 levels deep), gets a 4xx; `fail_next` can make it answer otherwise.
        In process, a `delay` of `fail_next` blocks the calling thread (async_transport() waits without blocking).
        """
        fault = self._faults.take(lambda: self._operation_id(request))
        if fault is not None:
            time.sleep(fault.delay)
        return self._answer(request, fault)

    async def _handle_async(self, request: httpx.Request) -> httpx.Response:
        """`handle` for async clients: a delay of `fail_next` is waited out without blocking the event loop."""
        fault = self._faults.take(lambda: self._operation_id(request))
        if fault is not None:
            import anyio  # noqa: PLC0415 - httpx's own dependency, loaded already by its async transports

            await anyio.sleep(fault.delay)
        return self._answer(request, fault)

    def _answer(self, request: httpx.Request, fault: Fault | None) -> httpx.Response:
        target = urlsplit(request.url.raw_path.decode("ascii"))
        try:
            if fault is not None:
                fault.apply(request)
            body = request.read()
            if len(body) > MAX_BODY_BYTES:  # refused first, as `serve()` refuses it before reading it all
                raise body_too_large(MAX_BODY_BYTES)
            _, operation = self._route(request.method, target.path)
            self._authenticate(request.headers.get("Authorization"))
            params = dict(parse_qsl(target.query, keep_blank_values=True))
            with self._lock:
                result = operation(params, body)
        except ClerkErrorReply as refusal:
            return _json_response(refusal.status, refusal.body(), refusal.headers)
        return _json_response(200, result)

    def transport(self) -> httpx.BaseTransport:
        """An httpx transport answering in process: `AuthenticatedClient(..., httpx_args={"transport": ...})`."""
        return httpx.MockTransport(self.handle)

    def async_transport(self) -> httpx.AsyncBaseTransport:
        """The same for async clients."""
        return httpx.MockTransport(self._handle_async)

    @contextlib.contextmanager
    def serve(
        self, port: int = 0, *, idle_timeout: float = IDLE_TIMEOUT_S, max_connections: int = MAX_CONNECTIONS
    ) -> Iterator[str]:
        """Serve the fake over HTTP on 127.0.0.1 (a free port unless given) and yield its base URL, ending in /v1.

        HTTP/1.1 with keep-alive: a connection closes when its next request hasn't arrived whole within
        `idle_timeout` seconds. At most `max_connections` are served at once; later ones wait to be accepted.
        When the block ends, every connection is closed.
        """
        with serving(self.handle, port, idle_timeout=idle_timeout, max_connections=max_connections) as url:
            yield url + API_PREFIX

    # The four operations; each runs under the lock.

    def _route(self, method: str, full_path: str) -> tuple[str, Operation]:
        """The operationId and the operation that answer `method` on the path; a 404 or 405 if none does."""
        path = full_path.removeprefix(API_PREFIX)
        operations: dict[str, tuple[str, Operation]]
        if path == "/invitations":
            operations = {"GET": ("ListInvitations", self._list), "POST": ("CreateInvitation", self._create)}
        elif path == "/invitations/bulk":
            operations = {"POST": ("CreateBulkInvitations", self._create_bulk)}
        elif match := REVOKE_PATH.fullmatch(path):
            invitation_id = unquote(match[1])
            operations = {"POST": ("RevokeInvitation", lambda _params, _body: self._revoke(invitation_id))}
        else:
            raise not_found(f"There is no operation at {full_path}.")
        if method not in operations:
            raise method_not_allowed(sorted(operations))
        return operations[method]

    def _operation_id(self, request: httpx.Request) -> str | None:
        try:
            operation_id, _ = self._route(request.method, urlsplit(request.url.raw_path.decode("ascii")).path)
        except ClerkErrorReply:
            return None
        return operation_id

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
        requested: set[str] = set()
        users, duplicates = [], []
        for request in requests:
            email = request.email_address.lower()
            if email in self._users and (bulk or not request.ignore_existing):
                users.append(request.email_address)
            elif not request.ignore_existing and (email in requested or self._has_pending(email)):
                duplicates.append(request.email_address)
            requested.add(email)
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
        # Everything that could fail is done before the first invitation is stored.
        invitations = [self._new_invitation(request) for request in requests]
        created = [invitation.to_json(self._now_ms) for invitation in invitations]
        for request, invitation in zip(requests, invitations, strict=True):
            self._invitations[invitation.id] = invitation
            self._maybe_pending.setdefault(invitation.email_address.lower(), []).append(invitation)
            if request.notify:
                self._notified.append(invitation.id)
        return created

    def _has_pending(self, email: str) -> bool:
        """Whether the lower-cased address has a pending invitation; forgets its invitations that no longer are."""
        pending = [
            invitation
            for invitation in self._maybe_pending.pop(email, [])
            if invitation.status(self._now_ms) == "pending"
        ]
        if pending:
            self._maybe_pending[email] = pending
        return bool(pending)

    def _new_invitation(self, request: InvitationRequest) -> _Invitation:
        invitation_id = "inv_" + "".join(secrets.choice(ID_ALPHABET) for _ in range(27))
        url = f"{ACCOUNTS_URL}/sign-up?__clerk_ticket={secrets.token_urlsafe(24)}"
        if request.redirect_url is not None:
            url += f"&redirect_url={quote(request.redirect_url, safe='')}"
        return _Invitation(
            id=invitation_id,
            email_address=request.email_address,
            public_metadata=copy.deepcopy(request.public_metadata),
            url=url,
            created_at=self._now_ms,
            updated_at=self._now_ms,
            expires_at=self._now_ms + request.expires_in_days * (timedelta(days=1) // timedelta(milliseconds=1)),
        )

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
