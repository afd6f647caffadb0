"""Listing everything: list_invitations' generated sync_page/asyncio_page and sync_all/asyncio_all, sync and async.

Against Prism (each request passes its validation, a page and a scan parse), against the fake holding
1,234 invitations served over real HTTP on 127.0.0.1 (order, no id twice while invitations are created
mid-scan, total_count under every filter, the cap), and against the suite's scripted server for what
neither gives on demand (a 429 and an error in the middle of a scan).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from clerk_invitations_client import AuthenticatedClient, errors
from clerk_invitations_client.api.invitations import create_bulk_invitations, list_invitations, revoke_invitation
from clerk_invitations_client.models import BulkInvitationRequest, Invitation, InvitationStatus
from clerk_invitations_client.types import Page
from clerk_invitations_fake import IN_PROCESS_URL, FakeClerk

from tests.support.calls import TEST_SECRET_KEY
from tests.support.scripted_server import Reply, ScriptedServer, SeenRequest, json_reply, rate_limited
from tests.support.spec_check import AsyncSpecCheckingTransport, SpecCheckingTransport

SEEDED = 1_234
DOMAINS = ("example.com", "example.org", "example.net")


class Lister:
    """Runs sync_page/asyncio_page and sync_all/asyncio_all of an endpoint module, so one test covers both."""

    def __init__(self, mode: str) -> None:
        self.mode = mode
        self.loop = asyncio.new_event_loop()  # one loop per test: a client's httpx.AsyncClient is bound to it

    def page(self, **kwargs: Any) -> Page[Invitation]:
        if self.mode == "sync":
            return list_invitations.sync_page(**kwargs)
        return self.loop.run_until_complete(list_invitations.asyncio_page(**kwargs))

    def all(
        self, into: list[Invitation] | None = None, pause: tuple[int, Callable[[], object]] | None = None, **kwargs: Any
    ) -> list[Invitation]:
        """Every item the scan yields, appended to `into` as it comes; `pause` runs its call after that many items."""
        items = [] if into is None else into

        def take(item: Invitation) -> None:
            items.append(item)
            if pause is not None and len(items) == pause[0]:
                pause[1]()

        if self.mode == "sync":
            for item in list_invitations.sync_all(**kwargs):
                take(item)
        else:

            async def scan() -> None:
                async for item in list_invitations.asyncio_all(**kwargs):
                    take(item)

            self.loop.run_until_complete(scan())
        return items


@pytest.fixture(params=["sync", "async"])
def lister(request: pytest.FixtureRequest) -> Iterator[Lister]:
    lister = Lister(request.param)
    yield lister
    lister.loop.close()


def ids(invitations: list[Invitation]) -> list[str]:
    return [invitation.id for invitation in invitations]


# Prism: every request passes its validation (no `sl-violations` header), and what Prism answers parses.


@dataclass
class Recorded:
    """A client, and the requests it sent and the responses it got (read from httpx's event hooks)."""

    client: AuthenticatedClient
    sent: list[httpx.Request] = field(default_factory=list)
    received: list[httpx.Response] = field(default_factory=list)


def recording_client(mode: str, base_url: str, **settings: Any) -> Recorded:
    """A client of `base_url` that records its exchanges; async hooks for async mode, as httpx requires."""
    sent: list[httpx.Request] = []
    received: list[httpx.Response] = []
    if mode == "sync":
        hooks: dict[str, list[Any]] = {"request": [sent.append], "response": [received.append]}
    else:

        async def record_request(request: httpx.Request) -> None:
            sent.append(request)

        async def record_response(response: httpx.Response) -> None:
            received.append(response)

        hooks = {"request": [record_request], "response": [record_response]}
    settings.setdefault("httpx_args", {})["event_hooks"] = hooks
    client = AuthenticatedClient(base_url=base_url, token=TEST_SECRET_KEY, **settings)
    return Recorded(client, sent, received)


@pytest.fixture
def prism(base_url: str, lister: Lister) -> Recorded:
    """A client of Prism asking for the spec's `paginated` example: Prism can't tell which body a query asks for."""
    return recording_client(lister.mode, base_url, headers={"Prefer": "example=paginated"}, max_retries=0)


PRISM_FILTERS = [
    {},
    {"status": InvitationStatus.PENDING, "query": "example.com", "order_by": "+email_address"},
    {"status": InvitationStatus.EXPIRED, "order_by": "-expires_at"},
    {"status": InvitationStatus.ACCEPTED, "order_by": "created_at"},
]
FILTER_IDS = ["defaults", "pending-query-email", "expired", "accepted"]


def assert_accepted_by_prism(prism: Recorded, filters: dict[str, Any]) -> None:
    assert prism.received and all("sl-violations" not in response.headers for response in prism.received), [
        response.headers["sl-violations"] for response in prism.received if "sl-violations" in response.headers
    ]
    for request in prism.sent:
        assert request.url.params["paginated"] == "true"
        assert {name: request.url.params[name] for name in filters} == {k: str(v) for k, v in filters.items()}


@pytest.mark.parametrize("filters", PRISM_FILTERS, ids=FILTER_IDS)
def test_a_page_and_a_scan_from_prism(
    lister: Lister, prism: Recorded, spec: dict[str, Any], filters: dict[str, Any]
) -> None:
    example = spec["components"]["examples"]["PaginatedInvitationPage"]["value"]

    page = lister.page(client=prism.client, limit=2, offset=40, **filters)
    scanned = lister.all(client=prism.client, page_size=7, **filters)

    assert_accepted_by_prism(prism, filters)
    windows = [(request.url.params["limit"], request.url.params["offset"]) for request in prism.sent]
    assert windows == [("2", "40"), ("7", "0")]
    assert all(isinstance(invitation, Invitation) for invitation in page.items + scanned)
    assert [invitation.to_dict() for invitation in page.items] == example["data"]
    assert (page.total_count, page.offset, page.limit) == (example["total_count"], 40, 2)
    assert not page.has_more and page.next_offset is None
    assert [invitation.to_dict() for invitation in scanned] == example["data"]


# The fake, holding 1,234 invitations, served over real HTTP on 127.0.0.1. The fakes that tests only read are
# seeded and served once for the module; a test that creates invitations has its own.


def seed(fake: FakeClerk, count: int, first: int = 0) -> None:
    """`count` invitations, ten per bulk request, the clock moving a second between requests.

    Setup, not what is tested: it goes through the fake's in-process transport to stay quick.
    """
    with AuthenticatedClient(
        base_url=IN_PROCESS_URL, token=TEST_SECRET_KEY, httpx_args={"transport": fake.transport()}
    ) as client:
        for start in range(first, first + count, 10):
            body = [
                BulkInvitationRequest(email_address=f"user{index:04d}@{DOMAINS[index % 3]}", notify=False)
                for index in range(start, min(start + 10, first + count))
            ]
            create_bulk_invitations.sync(client=client, body=body)
            fake.advance(seconds=1)


def mix_statuses(fake: FakeClerk) -> None:
    """Of the first 150: 100 accepted, 50 revoked; then 200 more that expire in a day, and a day passes.

    Setup, in process like `seed`.
    """
    first = list(fake.invitations)[:150]
    for invitation_id in first[:100]:
        fake.accept(invitation_id)
    with AuthenticatedClient(
        base_url=IN_PROCESS_URL, token=TEST_SECRET_KEY, httpx_args={"transport": fake.transport()}
    ) as client:
        for invitation_id in first[100:]:
            revoke_invitation.sync(invitation_id, client=client)
        for start in range(0, 200, 10):
            body = [
                BulkInvitationRequest(email_address=f"soon{index}@example.org", notify=False, expires_in_days=1)
                for index in range(start, start + 10)
            ]
            create_bulk_invitations.sync(client=client, body=body)
    fake.advance(days=1, seconds=1)


@dataclass(frozen=True)
class ServedFake:
    fake: FakeClerk
    url: str


def served(mix: bool = False) -> Iterator[ServedFake]:
    fake = FakeClerk()
    seed(fake, SEEDED)
    if mix:
        mix_statuses(fake)
    with fake.serve() as url:
        yield ServedFake(fake, url)


@pytest.fixture(scope="module")
def pending() -> Iterator[ServedFake]:
    """1,234 pending invitations, read only."""
    yield from served()


@pytest.fixture(scope="module")
def mixed() -> Iterator[ServedFake]:
    """1,234 invitations and 200 more, of every status (see mix_statuses), read only."""
    yield from served(mix=True)


@pytest.fixture
def fresh() -> Iterator[ServedFake]:
    """1,234 pending invitations, for a test that creates more."""
    yield from served()


def client_of(lister: Lister, served_fake: ServedFake) -> Recorded:
    """A client of the served fake; every response is checked against the spec."""
    if lister.mode == "sync":
        transport: Any = SpecCheckingTransport(httpx.HTTPTransport())
    else:
        transport = AsyncSpecCheckingTransport(httpx.AsyncHTTPTransport())
    return recording_client(lister.mode, served_fake.url, httpx_args={"transport": transport})


def test_the_scan_yields_every_invitation_once_in_the_requested_order(lister: Lister, pending: ServedFake) -> None:
    created = list(pending.fake.invitations.values())  # in order of creation
    orders = {
        "-created_at": [invitation["id"] for invitation in reversed(created)],
        "+created_at": [invitation["id"] for invitation in created],
        "email_address": [i["id"] for i in sorted(created, key=lambda invitation: invitation["email_address"])],
    }
    for order_by, expected in orders.items():
        recorded = client_of(lister, pending)

        scanned = ids(lister.all(client=recorded.client, order_by=order_by))

        assert len(scanned) == SEEDED and scanned == expected, order_by
        assert [(request.url.params["offset"], request.url.params["limit"]) for request in recorded.sent] == [
            ("0", "500"),
            ("500", "500"),
            ("1000", "500"),
        ]
        assert all(request.url.params["paginated"] == "true" for request in recorded.sent)


def test_offset_pages_shift_when_invitations_are_created(lister: Lister, fresh: ServedFake) -> None:
    """The premise of the next test: under -created_at, new invitations push the others down."""
    client = client_of(lister, fresh).client
    first_page = lister.page(client=client, limit=100)
    seed(fresh.fake, 37, first=SEEDED)
    second_page = lister.page(client=client, limit=100, offset=100)

    assert ids(second_page.items)[:37] == ids(first_page.items)[-37:]
    assert second_page.total_count == SEEDED + 37


def test_invitations_created_during_the_scan_are_not_yielded_twice(lister: Lister, fresh: ServedFake) -> None:
    recorded = client_of(lister, fresh)
    newest_first = list(reversed(fresh.fake.invitations))

    scanned = ids(
        lister.all(client=recorded.client, page_size=100, pause=(100, lambda: seed(fresh.fake, 37, first=SEEDED)))
    )

    assert len(set(scanned)) == len(scanned) == SEEDED
    assert scanned == newest_first  # every one, in order: the 37 new ones are ahead of the scan
    assert recorded.sent[-1].url.params["offset"] == "1200"  # 1,271 in all by then


TOTAL_COUNT_FILTERS: list[dict[str, Any]] = [
    {},
    {"status": InvitationStatus.PENDING},
    {"status": InvitationStatus.ACCEPTED},
    {"status": InvitationStatus.REVOKED},
    {"status": InvitationStatus.EXPIRED},
    {"query": "example.org"},
    {"query": "user01"},
    {"status": InvitationStatus.PENDING, "query": "example.net", "order_by": "-email_address"},
    {"query": "nobody"},
]


def test_total_count_under_every_filter(lister: Lister, mixed: ServedFake) -> None:
    client = client_of(lister, mixed).client
    for filters in TOTAL_COUNT_FILTERS:
        status, needle = filters.get("status"), filters.get("query", "")
        matching = [
            invitation["id"]
            for invitation in mixed.fake.invitations.values()
            if (invitation["status"] == status if status else invitation["status"] != "revoked")
            and (needle in invitation["email_address"] or needle in invitation["id"].lower())
        ]

        page = lister.page(client=client, limit=10, offset=5, **filters)
        scanned = ids(lister.all(client=client, **filters))

        assert page.total_count == len(matching) == len(scanned), filters
        assert set(matching) == set(scanned), filters
        assert ids(page.items) == scanned[5:15], filters
        assert page.has_more == (len(matching) > 15), filters


def test_every_status_is_in_the_mix(mixed: ServedFake) -> None:
    """The premise of the test above: each status filter has something to count."""
    statuses = [invitation["status"] for invitation in mixed.fake.invitations.values()]
    assert {status: statuses.count(status) for status in set(statuses)} == {
        "pending": SEEDED - 150,
        "accepted": 100,
        "revoked": 50,
        "expired": 200,
    }


def test_the_cap_stops_the_scan_without_fetching_further(lister: Lister, pending: ServedFake) -> None:
    for max_items, limits in [(650, ["500", "150"]), (500, ["500"]), (3, ["3"]), (0, [])]:
        recorded = client_of(lister, pending)

        scanned = lister.all(client=recorded.client, max_items=max_items)

        assert len(scanned) == max_items
        assert [request.url.params["limit"] for request in recorded.sent] == limits


def test_the_last_page(lister: Lister, pending: ServedFake) -> None:
    client = client_of(lister, pending).client

    page = lister.page(client=client, limit=200, offset=1_200)

    assert (len(page.items), page.total_count, page.has_more, page.next_offset) == (34, SEEDED, False, None)
    assert lister.page(client=client, limit=200, offset=1_000).next_offset == 1_200


# Bad arguments: refused before anything is sent. Unit-level: the client's transport fails the test if called.


@pytest.fixture
def unreachable() -> AuthenticatedClient:
    def refuse(request: httpx.Request) -> httpx.Response:
        pytest.fail(f"a request was sent: {request.method} {request.url}")

    return AuthenticatedClient(
        base_url=IN_PROCESS_URL, token=TEST_SECRET_KEY, httpx_args={"transport": httpx.MockTransport(refuse)}
    )


@pytest.mark.parametrize(
    "arguments",
    [{"page_size": 0}, {"page_size": 501}, {"page_size": True}, {"max_items": -1}, {"max_items": "10"}],
    ids=str,
)
def test_bad_scan_arguments_are_refused_at_the_call(
    lister: Lister, unreachable: AuthenticatedClient, arguments: dict[str, Any]
) -> None:
    scan = list_invitations.sync_all if lister.mode == "sync" else list_invitations.asyncio_all

    with pytest.raises(errors.InvalidArgumentError, match=next(iter(arguments))):
        scan(client=unreachable, **arguments)


@pytest.mark.parametrize("arguments", [{"limit": 0}, {"limit": 501}, {"offset": -1}, {"status": "pending"}], ids=str)
def test_bad_page_arguments_are_refused_before_sending(
    lister: Lister, unreachable: AuthenticatedClient, arguments: dict[str, Any]
) -> None:
    with pytest.raises(errors.InvalidArgumentError):
        lister.page(client=unreachable, **arguments)


def test_a_bad_filter_is_refused_at_the_first_page(lister: Lister, unreachable: AuthenticatedClient) -> None:
    with pytest.raises(errors.InvalidArgumentError):
        lister.all(client=unreachable, status="pending")


# The scripted server: a 429 and errors in the middle of a scan.


def page_reply(first: int, count: int, total: int, invitation_json: dict[str, Any]) -> Reply:
    data = [{**invitation_json, "id": f"inv_{index}"} for index in range(first, first + count)]
    return json_reply({"data": data, "total_count": total})


def offsets(server: ScriptedServer) -> list[str]:
    return [httpx.URL(request.path).params["offset"] for request in server.requests]


def test_a_429_mid_scan_waits_and_resumes_at_the_same_offset(
    lister: Lister, server: ScriptedServer, server_client: AuthenticatedClient, invitation_json: dict[str, Any]
) -> None:
    server.script(
        page_reply(0, 2, 5, invitation_json),
        rate_limited("1"),
        page_reply(2, 2, 5, invitation_json),
        page_reply(4, 1, 5, invitation_json),
    )

    scanned = lister.all(client=server_client, page_size=2)

    assert ids(scanned) == [f"inv_{index}" for index in range(5)]
    assert offsets(server) == ["0", "2", "2", "4"]
    assert server.requests[2].at - server.requests[1].at >= 0.9  # Retry-After: 1


@pytest.mark.parametrize(
    ("failure", "expected"),
    [
        (
            json_reply({"errors": [{"code": "authentication_invalid", "message": "", "long_message": ""}]}, 401),
            errors.AuthenticationError,
        ),
        (rate_limited("0.01"), errors.RateLimitError),
        (Reply(502, b"<html>bad gateway</html>"), errors.UnexpectedStatus),
        (json_reply({"data": "not a list", "total_count": 5}), errors.UnexpectedResponse),
        (json_reply([]), errors.UnexpectedResponse),  # a bare array: what Clerk sends without paginated=true
    ],
    ids=["401", "429-after-retries", "502-after-retries", "bad-body", "bare-array"],
)
def test_an_error_mid_scan_raises_after_what_was_yielded(
    lister: Lister,
    server: ScriptedServer,
    server_client: AuthenticatedClient,
    invitation_json: dict[str, Any],
    failure: Reply,
    expected: type[errors.ClerkInvitationsError],
) -> None:
    server.script(page_reply(0, 2, 5, invitation_json), failure, failure, failure)
    yielded: list[Invitation] = []

    with pytest.raises(expected):
        lister.all(into=yielded, client=server_client, page_size=2)

    assert ids(yielded) == ["inv_0", "inv_1"]
    assert set(offsets(server)[1:]) == {"2"}


def test_the_deadline_bounds_each_page_of_a_scan(
    lister: Lister, server: ScriptedServer, server_client: AuthenticatedClient, invitation_json: dict[str, Any]
) -> None:
    server.script(page_reply(0, 2, 5, invitation_json), Reply(hang=True))
    yielded: list[Invitation] = []

    with pytest.raises(errors.APITimeoutError, match=r"deadline of 0\.5 s passed"):
        lister.all(into=yielded, client=server_client, page_size=2, deadline=0.5)

    assert ids(yielded) == ["inv_0", "inv_1"]
    assert offsets(server) == ["0", "2"]


def test_a_server_that_repeats_a_page_ends_the_scan_at_once(
    lister: Lister, server: ScriptedServer, server_client: AuthenticatedClient, invitation_json: dict[str, Any]
) -> None:
    """The same 5 items over and over, with a total_count saying there are far more: the second page brings
    nothing new and ends the scan (it used to fetch until the offset passed the total)."""
    server.answer = repeating_page(server, invitation_json)

    assert ids(lister.all(client=server_client, page_size=5)) == [f"inv_{index}" for index in range(5)]
    assert offsets(server) == ["0", "5"]


def repeating_page(server: ScriptedServer, invitation_json: dict[str, Any]) -> Callable[[SeenRequest], Reply]:
    """The same full page of 5 items, saying there are far more, for the first REPEATS requests; then an empty
    last page, so that a client that doesn't stop ends all the same (and its test fails fast)."""

    def answer(seen: SeenRequest) -> Reply:
        if len(server.requests) <= REPEATS:
            return page_reply(0, 5, 10**12, invitation_json)
        return json_reply({"data": [], "total_count": 5})

    return answer


REPEATS = 20


def test_a_short_page_is_the_last_whatever_total_count_says(
    lister: Lister, server: ScriptedServer, server_client: AuthenticatedClient, invitation_json: dict[str, Any]
) -> None:
    server.answer = lambda seen: page_reply(int(httpx.URL(seen.path).params["offset"]), 3, 10**12, invitation_json)

    assert len(lister.all(client=server_client, page_size=5, max_items=10)) == 3
    assert offsets(server) == ["0"]


def test_max_items_bounds_the_requests_of_a_scan_that_never_ends(
    lister: Lister, server: ScriptedServer, server_client: AuthenticatedClient, invitation_json: dict[str, Any]
) -> None:
    """Full pages of new items forever: the scan is as long as the data, so max_items is what bounds it."""
    server.answer = lambda seen: page_reply(int(httpx.URL(seen.path).params["offset"]), 5, 10**12, invitation_json)

    assert len(lister.all(client=server_client, page_size=5, max_items=12)) == 12
    assert offsets(server) == ["0", "5", "10"]


def test_max_items_bounds_the_requests_of_a_scan_that_brings_nothing_new(
    lister: Lister, server: ScriptedServer, server_client: AuthenticatedClient, invitation_json: dict[str, Any]
) -> None:
    """The same page over and over, with max_items=10: at most max_items + 1 requests, however many items are
    new (max_items used to count only new items, and the scan went on while none came)."""
    server.answer = repeating_page(server, invitation_json)

    assert len(lister.all(client=server_client, page_size=5, max_items=10)) == 5
    assert len(server.requests) <= 10 + 1
