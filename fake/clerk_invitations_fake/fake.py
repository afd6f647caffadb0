"""FakeClerk: an in-memory, thread-safe model of Clerk's invitations endpoints, spoken to over HTTP."""

from __future__ import annotations

import contextlib
import copy
import functools
import json
import re
import secrets
import threading
import time
from collections.abc import Callable, Generator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

import httpx

from clerk_invitations_fake.errors import (
    ClerkErrorReply,
    bad_request_for_bad_parameters,
    body_too_large,
    clerk_error,
    method_not_allowed,
    not_found,
    param_error,
    unauthenticated,
    unprocessable,
)
from clerk_invitations_fake.faults import Fault, Faults
from clerk_invitations_fake.organizations import Organizations
from clerk_invitations_fake.records import DAY_MS, Invitable, PendingByAddress, Users, invitation_url, new_id
from clerk_invitations_fake.server import IDLE_TIMEOUT_S, MAX_BODY_BYTES, MAX_CONNECTIONS, serving
from clerk_invitations_fake.validation import (
    DEFAULT_EXPIRES_IN_DAYS,
    INVITE_WAITLIST_ENTRY_RULES,
    MAX_JSON_DEPTH,
    InvitationRequest,
    nesting_depth,
    parse_bulk,
    parse_invitation,
    parse_list_query,
    parse_object,
)

BEARER_KEY = re.compile(r"bearer (sk_(?:test|live)_[A-Za-z0-9]+)", re.IGNORECASE)
API_PREFIX = "/v1"
"""Clerk's paths start with it (`https://api.clerk.com/v1`); the fake also answers them without it."""
IN_PROCESS_URL = "http://127.0.0.1:9" + API_PREFIX
"""A base URL for in-process clients; the transport answers, so nothing ever connects to it."""
JSON_HEADERS = {"Content-Type": "application/json"}
Json = Any
Operation = Callable[[dict[str, str], bytes], Json]


@dataclass(kw_only=True)
class _Invitation(Invitable):
    id: str
    public_metadata: dict[str, Any]
    url: str

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


def _optional_json_body(body: bytes) -> Json:
    """An optional body: none is an empty object."""
    return _json_body(body) if body else {}


def _invalid_body(long_message: str) -> ClerkErrorReply:
    return unprocessable([param_error("form_param_format_invalid", "body", long_message)])


@dataclass
class _WaitlistEntry:
    id: str
    email_address: str
    created_at: int
    updated_at: int
    status: str = "pending"  # or invited; the fake neither rejects nor completes entries
    invitation: _Invitation | None = None

    def to_json(self, now_ms: int) -> dict[str, Json]:
        return {
            "object": "waitlist_entry",
            "id": self.id,
            "email_address": self.email_address,
            "status": self.status,
            "is_locked": False,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "invitation": self.invitation.to_json(now_ms) if self.invitation else None,
        }


class FakeClerk:
    """Clerk's invitation operations in memory, with Clerk's rules: the application's, organizations', the waitlist's.

    `handle(request)` answers one `httpx.Request` with an `httpx.Response`. Use it in process with
    `transport()` / `async_transport()`, or over HTTP with `serve()`.
    The test hooks `add_user`, `add_organization`, `add_member`, `add_waitlist_entry`, `accept`, `advance`,
    `invitations`, `organization_invitations`, `members` and `notified` set up and inspect state.
    The clock stands still unless `advance` moves it; timestamps are Unix epoch milliseconds.
    With `secret_key`, only that key is accepted; without, any well-formed `sk_test_`/`sk_live_` key is.
    """

    def __init__(self, *, secret_key: str | None = None, start: datetime | None = None) -> None:
        self._lock = threading.Lock()
        self._secret_key = secret_key
        self._now_ms = int((start or datetime.now(UTC)).timestamp() * 1000)
        self._invitations: dict[str, _Invitation] = {}
        self._pending: PendingByAddress[_Invitation] = PendingByAddress()
        self._users = Users()
        self._notified: list[str] = []
        self._organizations = Organizations(self._users, self._notified)
        self._waitlist: dict[str, _WaitlistEntry] = {}
        # (pattern of a path without /v1, {method: (operationId, operation)}); an operation takes the path's ids
        # as keywords.
        self._routes: list[tuple[re.Pattern[str], dict[str, tuple[str, Callable[..., Json]]]]] = [
            (
                re.compile(r"/invitations"),
                {"GET": ("ListInvitations", self._list), "POST": ("CreateInvitation", self._create)},
            ),
            (re.compile(r"/invitations/bulk"), {"POST": ("CreateBulkInvitations", self._create_bulk)}),
            (re.compile(r"/invitations/(?P<invitation_id>[^/]+)/revoke"), {"POST": ("RevokeInvitation", self._revoke)}),
            (
                re.compile(r"/organizations/(?P<organization_id>[^/]+)/invitations"),
                {
                    "GET": ("ListOrganizationInvitations", self._list_organization_invitations),
                    "POST": ("CreateOrganizationInvitation", self._create_organization_invitation),
                },
            ),
            (
                re.compile(r"/organizations/(?P<organization_id>[^/]+)/invitations/bulk"),
                {"POST": ("CreateOrganizationInvitationBulk", self._create_organization_invitations)},
            ),
            (
                re.compile(r"/organizations/(?P<organization_id>[^/]+)/invitations/(?P<invitation_id>[^/]+)"),
                {"GET": ("GetOrganizationInvitation", self._get_organization_invitation)},
            ),
            (
                re.compile(r"/organizations/(?P<organization_id>[^/]+)/invitations/(?P<invitation_id>[^/]+)/revoke"),
                {
                    "POST": (
                        "RevokeOrganizationInvitation",
                        bad_request_for_bad_parameters(self._revoke_organization_invitation),
                    )
                },
            ),
            (
                re.compile(r"/organization_invitations"),
                {"GET": ("ListInstanceOrganizationInvitations", self._list_instance_organization_invitations)},
            ),
            (
                re.compile(r"/users/(?P<user_id>[^/]+)/organization_invitations"),
                {
                    "GET": (
                        "UsersGetOrganizationInvitations",
                        bad_request_for_bad_parameters(self._list_user_organization_invitations),
                    )
                },
            ),
            (
                re.compile(r"/waitlist_entries/(?P<waitlist_entry_id>[^/]+)/invite"),
                {"POST": ("InviteWaitlistEntry", self._invite_waitlist_entry)},
            ),
        ]
        self._faults = Faults(frozenset(name for _, operations in self._routes for name, _ in operations.values()))

    def __repr__(self) -> str:
        return f"FakeClerk(invitations={len(self._invitations)}, now_ms={self._now_ms})"

    # Test hooks

    @property
    def now_ms(self) -> int:
        return self._now_ms

    @property
    def invitations(self) -> dict[str, dict[str, Json]]:
        """Every application invitation, revoked ones too, by id in order of creation, as the API would show it now."""
        with self._lock:
            return {id_: invitation.to_json(self._now_ms) for id_, invitation in self._invitations.items()}

    @property
    def organization_invitations(self) -> dict[str, dict[str, Json]]:
        """Every organization invitation, of every organization, by id in order of creation, as the API shows it now."""
        with self._lock:
            return {
                id_: invitation.to_json(self._now_ms) for id_, invitation in self._organizations.invitations.items()
            }

    @property
    def notified(self) -> list[str]:
        """The ids of the invitations Clerk would have emailed (created with `notify` true or left out)."""
        with self._lock:
            return list(self._notified)

    def add_user(self, email_address: str) -> str:
        """Make `email_address` belong to a user, and return the user's id (the same one if it already did).

        Inviting the address to the application is then refused unless `ignore_existing`.
        """
        with self._lock:
            return self._users.ensure(email_address)

    def add_organization(self, name: str) -> str:
        """A new organization, with no members; returns its id (`org_...`)."""
        with self._lock:
            return self._organizations.add(name)

    def add_member(self, organization_id: str, email_address: str, role: str = "org:member") -> str:
        """Make the user of `email_address` (made if there is none) a member with `role`; returns the user's id.

        `KeyError` for an unknown organization; `ValueError` for a role that isn't `org:<key>`, or an
        address already a member. Only `org:admin` members may invite (`inviter_user_id`) and revoke
        (`requesting_user_id`).
        """
        with self._lock:
            return self._organizations.add_member(organization_id, email_address, role)

    def members(self, organization_id: str) -> dict[str, str]:
        """An organization's members: their roles by user id, in the order they joined. `KeyError` if unknown."""
        with self._lock:
            return dict(self._organizations.organizations[organization_id].members)

    def add_waitlist_entry(self, email_address: str) -> str:
        """Put `email_address` on the waitlist; returns the entry's id (`wle_...`), the same if already on it."""
        with self._lock:
            for entry in self._waitlist.values():
                if entry.email_address.lower() == email_address.lower():
                    return entry.id
            entry = _WaitlistEntry(new_id("wle_"), email_address, self._now_ms, self._now_ms)
            self._waitlist[entry.id] = entry
            return entry.id

    def accept(self, invitation_id: str) -> dict[str, Json]:
        """The invitee follows the link and signs up: the invitation is accepted, the address a user's.

        An organization invitation's invitee also becomes a member, with the invitation's role.
        Returns the invitation as the API shows it; `ValueError` unless it is pending (or if the invitee
        is already a member), `KeyError` for an unknown id.
        """
        with self._lock:
            if organization_invitation := self._organizations.invitations.get(invitation_id):
                return self._organizations.accept(organization_invitation, self._now_ms)
            invitation = self._invitations[invitation_id]
            status = invitation.status(self._now_ms)
            if status != "pending":
                raise ValueError(f"only a pending invitation can be accepted; {invitation_id} is {status}")
            invitation.state = "accepted"
            invitation.updated_at = self._now_ms
            self._users.ensure(invitation.email_address)
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
    ) -> Generator[str, None, None]:
        """Serve the fake over HTTP on 127.0.0.1 (a free port unless given) and yield its base URL, ending in /v1.

        HTTP/1.1 with keep-alive: a connection closes when its next request hasn't arrived whole within
        `idle_timeout` seconds. At most `max_connections` are served at once; later ones wait to be accepted.
        When the block ends, every connection is closed.
        """
        with serving(self.handle, port, idle_timeout=idle_timeout, max_connections=max_connections) as url:
            yield url + API_PREFIX

    # The operations; each runs under the lock.

    def _route(self, method: str, full_path: str) -> tuple[str, Operation]:
        """The operationId and the operation that answer `method` on the path; a 404 or 405 if none does."""
        path = full_path.removeprefix(API_PREFIX)
        routed = next(
            ((match, operations) for pattern, operations in self._routes if (match := pattern.fullmatch(path))), None
        )
        if routed is None:
            raise not_found(f"There is no operation at {full_path}.")
        match, operations = routed
        if method not in operations:
            raise method_not_allowed(sorted(operations))
        ids = {name: unquote(value) for name, value in match.groupdict().items()}
        operation_id, operation = operations[method]
        return operation_id, functools.partial(operation, **ids)

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
        return created.to_json(self._now_ms)

    def _create_bulk(self, _params: dict[str, str], body: bytes) -> Json:
        return [
            invitation.to_json(self._now_ms) for invitation in self._create_all(parse_bulk(_json_body(body)), bulk=True)
        ]

    def _create_all(self, requests: list[InvitationRequest], *, bulk: bool) -> list[_Invitation]:
        """Create every invitation, or none if Clerk would refuse any of them.

        `ignore_existing` lets an address have a second pending invitation; in a single create it also
        lets a user's address be invited, but never in bulk ("this rule cannot be bypassed").
        """
        requested: set[str] = set()
        users: list[str] = []
        duplicates: list[str] = []
        for request in requests:
            email = request.email_address.lower()
            if email in self._users and (bulk or not request.ignore_existing):
                users.append(request.email_address)
            elif not request.ignore_existing and (email in requested or self._pending.has_pending(email, self._now_ms)):
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
        for request, invitation in zip(requests, invitations, strict=True):
            self._invitations[invitation.id] = invitation
            self._pending.add(invitation)
            if request.notify:
                self._notified.append(invitation.id)
        return invitations

    def _new_invitation(self, request: InvitationRequest) -> _Invitation:
        return _Invitation(
            id=new_id("inv_"),
            email_address=request.email_address,
            public_metadata=copy.deepcopy(request.public_metadata),
            url=invitation_url(request.redirect_url),
            created_at=self._now_ms,
            updated_at=self._now_ms,
            expires_at=self._now_ms + request.expires_in_days * DAY_MS,
        )

    def _list(self, params: dict[str, str], _body: bytes) -> Json:
        query = parse_list_query(params)
        now = self._now_ms
        needle = (query.query or "").lower()
        found = [
            invitation
            for invitation in self._invitations.values()
            if (invitation.status(now) == query.status if query.status else invitation.status(now) != "revoked")
            and (needle in invitation.email_address.lower() or needle in invitation.id.lower())
        ]
        page = [invitation.to_json(now) for invitation in query.page(found)]
        return {"data": page, "total_count": len(found)} if query.paginated else page

    def _revoke(self, _params: dict[str, str], _body: bytes, *, invitation_id: str) -> Json:
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

    def _invite_waitlist_entry(self, _params: dict[str, str], body: bytes, *, waitlist_entry_id: str) -> Json:
        """An application invitation for the entry's address (template `waitlist_invitation`); the entry is invited."""
        entry = self._waitlist.get(waitlist_entry_id)
        if entry is None:
            raise not_found(f"No waitlist entry has the id {waitlist_entry_id}.")
        values = parse_object(_optional_json_body(body), INVITE_WAITLIST_ENTRY_RULES)
        request = InvitationRequest(
            email_address=entry.email_address,
            public_metadata={},
            redirect_url=None,
            notify=True,
            ignore_existing=values["ignore_existing"],
            expires_in_days=DEFAULT_EXPIRES_IN_DAYS,
            template_slug="waitlist_invitation",
        )
        (entry.invitation,) = self._create_all([request], bulk=False)
        entry.status = "invited"
        entry.updated_at = self._now_ms
        return entry.to_json(self._now_ms)

    # Organization invitations: organizations.py

    def _create_organization_invitation(self, _params: dict[str, str], body: bytes, *, organization_id: str) -> Json:
        (created,) = self._organizations.create(organization_id, _optional_json_body(body), self._now_ms, bulk=False)
        return created

    def _create_organization_invitations(self, _params: dict[str, str], body: bytes, *, organization_id: str) -> Json:
        created = self._organizations.create(organization_id, _json_body(body), self._now_ms, bulk=True)
        return {"data": created, "total_count": len(created)}

    def _list_organization_invitations(self, params: dict[str, str], _body: bytes, *, organization_id: str) -> Json:
        return self._organizations.list_for_organization(organization_id, params, self._now_ms)

    def _get_organization_invitation(
        self, _params: dict[str, str], _body: bytes, *, organization_id: str, invitation_id: str
    ) -> Json:
        return self._organizations.get(organization_id, invitation_id, self._now_ms)

    def _revoke_organization_invitation(
        self, _params: dict[str, str], body: bytes, *, organization_id: str, invitation_id: str
    ) -> Json:
        return self._organizations.revoke(organization_id, invitation_id, _optional_json_body(body), self._now_ms)

    def _list_instance_organization_invitations(self, params: dict[str, str], _body: bytes) -> Json:
        return self._organizations.list_instance(params, self._now_ms)

    def _list_user_organization_invitations(self, params: dict[str, str], _body: bytes, *, user_id: str) -> Json:
        return self._organizations.list_for_user(user_id, params, self._now_ms)
