"""`FakeClerk.fail_next`: failures on purpose (issue 21), through `handle`, over raw HTTP and through the client.

The client tests run four ways, as the flow test does: the generated client sync or async, in process or
over real HTTP on 127.0.0.1, every response checked against openapi.yaml (so they fail with 429, which
every operation documents, and drop connections, which answer nothing).
"""

from __future__ import annotations

import http.client
import json
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import httpx
import pytest
import yaml
from clerk_invitations_client import AuthenticatedClient, errors
from clerk_invitations_client.api.invitations import create_invitation, list_invitations
from clerk_invitations_client.models import CreateInvitationRequest
from clerk_invitations_fake import IN_PROCESS_URL, FakeClerk

from tests.support.calls import Caller
from tests.support.paths import SPEC

if TYPE_CHECKING:  # a conftest is pytest's to import
    from conftest import FakeEndpoint

KEY = "sk_test_faults"
SPEC_OPERATIONS = [
    (method.upper(), path, operation["operationId"])
    for path, item in yaml.safe_load(SPEC.read_text())["paths"].items()
    for method, operation in item.items()
]


def fake_request(method: str, path: str, body: object = None) -> httpx.Request:
    return httpx.Request(method, IN_PROCESS_URL + path, json=body, headers={"Authorization": f"Bearer {KEY}"})


def create(email: str = "ada@example.com") -> httpx.Request:
    return fake_request("POST", "/invitations", {"email_address": email})


LIST = fake_request("GET", "/invitations")


# In process: `handle`


@pytest.mark.parametrize(
    ("status", "code"),
    [
        (429, "too_many_requests"),
        (503, "service_unavailable"),
        (500, "internal_clerk_error"),
        (502, "bad_gateway"),
        (403, "authorization_invalid"),
        (409, "conflict"),
        (422, "unprocessable_entity"),
        (520, "http_error"),
    ],
)
def test_a_planned_failure_answers_its_status_with_a_clerk_errors_body(
    clerk_fake: FakeClerk, status: int, code: str
) -> None:
    clerk_fake.fail_next(status)
    failed = clerk_fake.handle(create())
    after = clerk_fake.handle(create())

    assert failed.status_code == status
    assert "Retry-After" not in failed.headers
    body = failed.json()
    assert set(body) == {"errors", "clerk_trace_id"}
    assert [(error["code"], set(error)) for error in body["errors"]] == [
        (code, {"code", "message", "long_message", "meta"})
    ]
    assert after.status_code == 200
    assert [invitation["id"] for invitation in clerk_fake.invitations.values()] == [after.json()["id"]]


@pytest.mark.parametrize(("retry_after", "header"), [(0, "0"), (12, "12"), ("Wed, 21 Oct 2015 07:28:00 GMT", None)])
def test_retry_after_is_sent_when_given(clerk_fake: FakeClerk, retry_after: int | str, header: str | None) -> None:
    clerk_fake.fail_next(429, retry_after=retry_after)

    assert clerk_fake.handle(LIST).headers["Retry-After"] == (header or retry_after)


def test_failures_are_counted_per_operation(clerk_fake: FakeClerk) -> None:
    clerk_fake.fail_next(429, times=2, operation="CreateInvitation")
    requests = [LIST, create("a@example.com"), LIST, create("b@example.com"), create("c@example.com"), LIST]

    assert [clerk_fake.handle(request).status_code for request in requests] == [200, 429, 200, 429, 200, 200]
    assert [invitation["email_address"] for invitation in clerk_fake.invitations.values()] == ["c@example.com"]


def test_a_request_takes_the_first_planned_failure_it_matches(clerk_fake: FakeClerk) -> None:
    clerk_fake.fail_next(503, operation="ListInvitations")
    clerk_fake.fail_next(429, times=2)
    requests = [create(), LIST, LIST, create(), LIST]

    assert [clerk_fake.handle(request).status_code for request in requests] == [429, 503, 429, 200, 200]


def test_without_an_operation_any_request_fails_even_one_the_fake_has_no_route_for(clerk_fake: FakeClerk) -> None:
    clerk_fake.fail_next(503)

    assert clerk_fake.handle(fake_request("GET", "/no-such-path")).status_code == 503
    assert clerk_fake.handle(fake_request("GET", "/no-such-path")).status_code == 404


@pytest.mark.parametrize(("method", "path", "operation_id"), SPEC_OPERATIONS, ids=[op for *_, op in SPEC_OPERATIONS])
def test_every_operation_of_the_spec_can_be_failed_by_its_operation_id(
    clerk_fake: FakeClerk, method: str, path: str, operation_id: str
) -> None:
    request = fake_request(method, path.replace("{invitation_id}", "inv_1"))
    other = create() if operation_id != "CreateInvitation" else LIST
    clerk_fake.fail_next(418, operation=operation_id)

    assert clerk_fake.handle(other).status_code == 200  # another operation: not this failure
    assert clerk_fake.handle(request).status_code == 418
    assert clerk_fake.handle(request).status_code != 418


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"status": 200}, "status must be an error status"),
        ({"status": 600}, "status must be an error status"),
        ({"status": True}, "status must be an error status"),
        ({"status": 429, "times": 0}, "times must be"),
        ({"status": 429, "operation": "createInvitation"}, "operation must be one of CreateBulkInvitations, "),
        ({"status": 429, "delay": -1}, "delay must be"),
        ({"status": 429, "delay": float("nan")}, "delay must be"),
        ({"status": 429, "retry_after": -1}, "retry_after must be"),
        ({"status": 429, "retry_after": "1\r\nX-Injected: 1"}, "retry_after must be"),
        ({"status": 429, "drop": True}, "a dropped connection has no status"),
        ({"retry_after": 1, "delay": 1}, "retry_after goes with a status"),
        ({}, "nothing to do"),
    ],
)
def test_fail_next_refuses_what_it_cannot_do(clerk_fake: FakeClerk, arguments: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        clerk_fake.fail_next(**arguments)
    assert clerk_fake.handle(LIST).status_code == 200  # nothing was planned


def test_a_delay_alone_answers_as_the_fake_would_after_it(clerk_fake: FakeClerk) -> None:
    clerk_fake.fail_next(delay=0.01, operation="CreateInvitation")

    assert clerk_fake.handle(create()).status_code == 200
    assert clerk_fake.handle(create()).status_code == 400  # the first was created: now a duplicate


def test_in_process_a_dropped_request_raises_what_httpx_raises_and_changes_nothing(clerk_fake: FakeClerk) -> None:
    clerk_fake.fail_next(drop=True)

    with pytest.raises(httpx.RemoteProtocolError):
        clerk_fake.handle(create())
    assert clerk_fake.invitations == {}


def test_threads_take_exactly_the_planned_failures(clerk_fake: FakeClerk) -> None:
    threads, requests_each, failures = 8, 25, 60
    clerk_fake.fail_next(429, times=failures)
    start = threading.Barrier(threads)

    def send(thread: int) -> list[int]:
        start.wait()
        return [clerk_fake.handle(create(f"t{thread}n{n}@example.com")).status_code for n in range(requests_each)]

    with ThreadPoolExecutor(threads) as pool:
        statuses = [status for each in pool.map(send, range(threads)) for status in each]

    assert statuses.count(429) == failures
    assert statuses.count(200) == len(clerk_fake.invitations) == threads * requests_each - failures


# Over raw HTTP: a drop closes the connection without an answer


def test_over_http_a_dropped_request_gets_no_answer_and_its_connection_closes(clerk_fake: FakeClerk) -> None:
    clerk_fake.fail_next(drop=True)
    with clerk_fake.serve() as url:
        address = urlsplit(url)
        connection = http.client.HTTPConnection(address.hostname or "", address.port, timeout=10)
        body = json.dumps({"email_address": "ada@example.com"})
        connection.request("POST", "/v1/invitations", body, {"Authorization": f"Bearer {KEY}"})
        with pytest.raises(http.client.RemoteDisconnected):
            connection.getresponse()
        connection.close()
        connection.request("POST", "/v1/invitations", body, {"Authorization": f"Bearer {KEY}"})  # reconnects
        assert connection.getresponse().status == 200
        connection.close()
    assert len(clerk_fake.invitations) == 1


# Through the generated client, sync and async, in process and over HTTP


@pytest.fixture
def make_client(call: Caller, fake_endpoint: FakeEndpoint) -> Iterator[Callable[..., AuthenticatedClient]]:
    """Clients of the given settings, wired to `fake_endpoint` for `call`'s mode, closed after the test."""
    made: list[AuthenticatedClient] = []

    def make(**settings: Any) -> AuthenticatedClient:
        transport = fake_endpoint.transport if call.mode == "sync" else fake_endpoint.async_transport
        made.append(
            AuthenticatedClient(
                base_url=fake_endpoint.base_url, token=KEY, httpx_args={"transport": transport}, **settings
            )
        )
        return made[-1]

    yield make
    for client in made:
        if call.mode == "sync":
            client.get_httpx_client().close()
        else:
            call.loop.run_until_complete(client.get_async_httpx_client().aclose())


ADA = CreateInvitationRequest(email_address="ada@example.com")


def test_the_client_waits_out_a_429_as_retry_after_says(
    call: Caller, make_client: Callable[..., AuthenticatedClient], clerk_fake: FakeClerk
) -> None:
    # Its own backoff (1,000 s, more than max_retry_wait) would end the retries: only Retry-After: 0 lets it retry.
    client = make_client(max_retries=2, retry_backoff=1000.0, max_retry_wait=30.0)
    clerk_fake.fail_next(429, retry_after=0, operation="CreateInvitation")

    invitation = call(create_invitation, client=client, body=ADA)

    assert list(clerk_fake.invitations) == [invitation.id]


def test_the_client_raises_rate_limit_error_when_the_429s_outlast_its_retries(
    call: Caller, make_client: Callable[..., AuthenticatedClient], clerk_fake: FakeClerk
) -> None:
    client = make_client(max_retries=2)
    clerk_fake.fail_next(429, times=3, retry_after=0)

    with pytest.raises(errors.RateLimitError) as raised:
        call(create_invitation, client=client, body=ADA)

    assert (raised.value.retry_after, raised.value.code) == (0, "too_many_requests")
    assert clerk_fake.invitations == {}
    call(create_invitation, client=client, body=ADA)  # three requests took the three failures: none left
    assert len(clerk_fake.invitations) == 1


def test_a_dropped_create_is_a_connection_error_and_a_dropped_list_is_retried(
    call: Caller, make_client: Callable[..., AuthenticatedClient], clerk_fake: FakeClerk
) -> None:
    client = make_client(max_retries=1, retry_backoff=0.0)
    clerk_fake.fail_next(drop=True, operation="CreateInvitation")
    clerk_fake.fail_next(drop=True, operation="ListInvitations")

    with pytest.raises(errors.APIConnectionError):  # a POST that may have arrived is never sent twice
        call(create_invitation, client=client, body=ADA)
    assert call(list_invitations, client=client) == []  # a GET is retried, on a new connection
    assert clerk_fake.invitations == {}


def test_a_slow_answer_ends_at_the_callers_deadline(
    call: Caller,
    make_client: Callable[..., AuthenticatedClient],
    fake_endpoint: FakeEndpoint,
    clerk_fake: FakeClerk,
) -> None:
    if call.mode == "sync" and fake_endpoint.base_url == IN_PROCESS_URL:
        pytest.skip("in process, a sync transport's delay blocks the calling thread: no deadline cuts it short")
    client = make_client()
    clerk_fake.fail_next(delay=1.0, operation="ListInvitations")

    with pytest.raises(errors.APITimeoutError):
        call(list_invitations, client=client, deadline=0.1)
    assert call(list_invitations, client=client) == []
