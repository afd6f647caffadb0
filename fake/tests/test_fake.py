"""The fake's behaviour, request by request, as Clerk documents it.

Each test that takes `fake_api` runs twice: in process (the fake's httpx transport) and over real
HTTP against `fake.serve()` on 127.0.0.1. Every response is checked against openapi.yaml.
"""

from __future__ import annotations

import http.client
import re
import subprocess
import sys
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from clerk_invitations_fake import FakeClerk, pytest_plugin
from clerk_invitations_fake.server import serving

from tests.support.clerk_errors import error_codes, param_names
from tests.support.spec_check import check_response

DAY_MS = 86_400_000


def create(api: httpx.Client, email: str = "ada@example.com", **fields: Any) -> httpx.Response:
    return api.post("/invitations", json={"email_address": email, **fields})


def listed_emails(api: httpx.Client, **params: Any) -> list[str]:
    response = api.get("/invitations", params=params)
    assert response.status_code == 200, response.text
    return [invitation["email_address"] for invitation in response.json()]


# Create


def test_create_returns_a_pending_invitation(fake_api: httpx.Client, clerk_fake: FakeClerk) -> None:
    response = create(fake_api, public_metadata={"plan": "pro", "seats": 3})

    assert response.status_code == 200
    invitation = response.json()
    assert re.fullmatch(r"inv_[A-Za-z0-9]{27}", invitation["id"])
    assert invitation["object"] == "invitation"
    assert invitation["status"] == "pending" and invitation["revoked"] is False
    assert invitation["public_metadata"] == {"plan": "pro", "seats": 3}
    assert invitation["created_at"] == invitation["updated_at"] == clerk_fake.now_ms
    assert invitation["expires_at"] == clerk_fake.now_ms + 30 * DAY_MS
    assert invitation["url"].startswith("https://")
    assert clerk_fake.invitations == {invitation["id"]: invitation}
    assert clerk_fake.notified == [invitation["id"]]


def test_timestamps_are_epoch_milliseconds(fake_api: httpx.Client) -> None:
    before = datetime.now(UTC).timestamp() * 1000
    created_at = create(fake_api).json()["created_at"]

    assert isinstance(created_at, int)
    assert before - 1000 <= created_at <= datetime.now(UTC).timestamp() * 1000


def test_expires_in_days_and_notify_are_honoured(fake_api: httpx.Client, clerk_fake: FakeClerk) -> None:
    invitation = create(fake_api, expires_in_days=7, notify=False, redirect_url="https://app.example.com/x").json()

    assert invitation["expires_at"] == invitation["created_at"] + 7 * DAY_MS
    assert "redirect_url=https%3A%2F%2Fapp.example.com%2Fx" in invitation["url"]
    assert clerk_fake.notified == []


def test_a_second_pending_invitation_is_a_duplicate(fake_api: httpx.Client, clerk_fake: FakeClerk) -> None:
    first = create(fake_api, "ada@example.com").json()
    duplicate = create(fake_api, "ADA@example.com")

    assert duplicate.status_code == 400
    assert error_codes(duplicate) == ["duplicate_record"]
    assert "ADA@example.com" in duplicate.json()["errors"][0]["long_message"]
    assert list(clerk_fake.invitations) == [first["id"]]
    assert create(fake_api, "ada@example.com", ignore_existing=True).status_code == 200


def test_a_revoked_or_expired_invitation_is_no_duplicate(fake_api: httpx.Client, clerk_fake: FakeClerk) -> None:
    revoked = create(fake_api, "ada@example.com").json()
    fake_api.post(f"/invitations/{revoked['id']}/revoke")
    create(fake_api, "grace@example.com", expires_in_days=1)
    clerk_fake.advance(days=1)

    assert create(fake_api, "ada@example.com").status_code == 200
    assert create(fake_api, "grace@example.com").status_code == 200


def test_an_existing_user_is_not_invited(fake_api: httpx.Client, clerk_fake: FakeClerk) -> None:
    clerk_fake.add_user("ada@example.com")
    refused = create(fake_api, "ada@example.com")

    assert refused.status_code == 400
    assert error_codes(refused) == ["form_identifier_exists"]
    assert param_names(refused) == ["email_address"]
    assert clerk_fake.invitations == {}
    assert create(fake_api, "ada@example.com", ignore_existing=True).status_code == 200


@pytest.mark.parametrize(
    ("body", "code", "param_name"),
    [
        ({}, "form_param_missing", "email_address"),
        ({"email_address": None}, "form_param_missing", "email_address"),
        ({"email_address": "ada@"}, "form_param_format_invalid", "email_address"),
        ({"email_address": 42}, "form_param_format_invalid", "email_address"),
        ({"email_address": "ada@example.com", "role": "admin"}, "form_param_unknown", "role"),
        ({"email_address": "ada@example.com", "expires_in_days": 0}, "form_param_value_invalid", "expires_in_days"),
        ({"email_address": "ada@example.com", "expires_in_days": 366}, "form_param_value_invalid", "expires_in_days"),
        ({"email_address": "ada@example.com", "expires_in_days": 1.5}, "form_param_value_invalid", "expires_in_days"),
        ({"email_address": "ada@example.com", "expires_in_days": True}, "form_param_value_invalid", "expires_in_days"),
        ({"email_address": "ada@example.com", "template_slug": "welcome"}, "form_param_value_invalid", "template_slug"),
        ({"email_address": "ada@example.com", "notify": "yes"}, "form_param_format_invalid", "notify"),
        ({"email_address": "ada@example.com", "public_metadata": None}, "form_param_format_invalid", "public_metadata"),
        ({"email_address": "ada@example.com", "redirect_url": 7}, "form_param_format_invalid", "redirect_url"),
        (["ada@example.com"], "form_param_format_invalid", "body"),
    ],
)
def test_invalid_create_is_422(
    fake_api: httpx.Client, clerk_fake: FakeClerk, body: Any, code: str, param_name: str
) -> None:
    response = fake_api.post("/invitations", json=body)

    assert response.status_code == 422
    assert error_codes(response) == [code]
    assert param_names(response) == [param_name]
    assert clerk_fake.invitations == {}


def test_every_invalid_field_is_reported(fake_api: httpx.Client) -> None:
    response = fake_api.post("/invitations", json={"email_address": "nope", "notify": 1, "expires_in_days": 0})

    assert response.status_code == 422
    assert sorted(param_names(response)) == ["email_address", "expires_in_days", "notify"]


@pytest.mark.parametrize("body", [b"", b"{", b'{"email_address": NaN}'], ids=["empty", "truncated", "nan"])
def test_a_body_that_is_not_json_is_422(fake_api: httpx.Client, body: bytes) -> None:
    response = fake_api.post("/invitations", content=body, headers={"Content-Type": "application/json"})

    assert response.status_code == 422
    assert param_names(response) == ["body"]


# Bulk


def test_bulk_creates_in_the_order_of_the_items(fake_api: httpx.Client, clerk_fake: FakeClerk) -> None:
    items = [
        {"email_address": "ada@example.com", "public_metadata": None, "redirect_url": None, "notify": None},
        {"email_address": "grace@example.com", "notify": False, "template_slug": "waitlist_invitation"},
    ]
    response = fake_api.post("/invitations/bulk", json=items)

    assert response.status_code == 200
    created = response.json()
    assert [invitation["email_address"] for invitation in created] == ["ada@example.com", "grace@example.com"]
    assert created[0]["public_metadata"] == {}
    assert list(clerk_fake.invitations) == [invitation["id"] for invitation in created]
    assert clerk_fake.notified == [created[0]["id"]]


@pytest.mark.parametrize(
    ("items", "status", "codes"),
    [
        ([{"email_address": "new@example.com"}, {"email_address": "ada@example.com"}], 400, ["duplicate_record"]),
        ([{"email_address": "twin@example.com"}, {"email_address": "TWIN@example.com"}], 400, ["duplicate_record"]),
        ([{"email_address": "user@example.com"}], 400, ["form_identifier_exists"]),
        ([{"email_address": "new@example.com"}, {"email_address": "bad"}], 422, ["form_param_format_invalid"]),
        ([], 422, ["form_param_value_invalid"]),
        ([{"email_address": f"u{n}@example.com"} for n in range(11)], 422, ["form_param_value_invalid"]),
        ({"email_address": "new@example.com"}, 422, ["form_param_value_invalid"]),
    ],
    ids=["pending-elsewhere", "twice-in-request", "existing-user", "one-invalid", "empty", "eleven", "not-a-list"],
)
def test_bulk_is_all_or_nothing(
    fake_api: httpx.Client, clerk_fake: FakeClerk, items: Any, status: int, codes: list[str]
) -> None:
    existing = create(fake_api, "ada@example.com").json()
    clerk_fake.add_user("user@example.com")
    response = fake_api.post("/invitations/bulk", json=items)

    assert response.status_code == status
    assert error_codes(response) == codes
    assert list(clerk_fake.invitations) == [existing["id"]]


def test_bulk_with_ignore_existing_creates_alongside(fake_api: httpx.Client) -> None:
    create(fake_api, "ada@example.com")
    response = fake_api.post("/invitations/bulk", json=[{"email_address": "ada@example.com", "ignore_existing": True}])

    assert response.status_code == 200
    assert listed_emails(fake_api) == ["ada@example.com", "ada@example.com"]


# List


@pytest.fixture
def three_invitations(fake_api: httpx.Client, clerk_fake: FakeClerk) -> list[dict[str, Any]]:
    """carol (created first, expires last), ada, bob (revoked); one minute apart."""
    created = []
    for email, days in [("carol@example.org", 9), ("ada@example.com", 3), ("bob@example.com", 5)]:
        created.append(create(fake_api, email, expires_in_days=days).json())
        clerk_fake.advance(minutes=1)
    fake_api.post(f"/invitations/{created[2]['id']}/revoke")
    return created


@pytest.mark.usefixtures("three_invitations")
@pytest.mark.parametrize(
    ("params", "emails"),
    [
        ({}, ["ada@example.com", "carol@example.org"]),
        ({"status": "revoked"}, ["bob@example.com"]),
        ({"status": "pending", "order_by": "+created_at"}, ["carol@example.org", "ada@example.com"]),
        ({"query": "EXAMPLE.COM"}, ["ada@example.com"]),
        ({"order_by": "email_address"}, ["ada@example.com", "carol@example.org"]),
        ({"order_by": "-email_address"}, ["carol@example.org", "ada@example.com"]),
        ({"order_by": "+expires_at"}, ["ada@example.com", "carol@example.org"]),
        ({"order_by": "-expires_at"}, ["carol@example.org", "ada@example.com"]),
        ({"limit": 1}, ["ada@example.com"]),
        ({"limit": 1, "offset": 1}, ["carol@example.org"]),
        ({"offset": 2}, []),
        ({"status": "accepted"}, []),
    ],
)
def test_list_filters_orders_and_pages(fake_api: httpx.Client, params: dict[str, Any], emails: list[str]) -> None:
    assert listed_emails(fake_api, **params) == emails


def test_query_matches_the_id(fake_api: httpx.Client, three_invitations: list[dict[str, Any]]) -> None:
    carol = three_invitations[0]

    assert listed_emails(fake_api, query=carol["id"][4:]) == ["carol@example.org"]


def test_list_limit_defaults_to_10_and_goes_to_500(fake_api: httpx.Client) -> None:
    emails = [f"user{n:02}@example.com" for n in range(12)]
    assert fake_api.post("/invitations/bulk", json=[{"email_address": e} for e in emails[:10]]).status_code == 200
    assert fake_api.post("/invitations/bulk", json=[{"email_address": e} for e in emails[10:]]).status_code == 200

    assert len(listed_emails(fake_api)) == 10
    assert listed_emails(fake_api, limit=500, order_by="email_address") == emails


@pytest.mark.parametrize(
    ("params", "param_name"),
    [
        ({"limit": 0}, "limit"),
        ({"limit": 501}, "limit"),
        ({"limit": "ten"}, "limit"),
        ({"offset": -1}, "offset"),
        ({"offset": "1.5"}, "offset"),
        ({"order_by": "name"}, "order_by"),
        ({"order_by": "*created_at"}, "order_by"),
        ({"status": "gone"}, "status"),
        ({"status": ""}, "status"),
    ],
)
def test_list_parameters_out_of_range_are_422(fake_api: httpx.Client, params: dict[str, Any], param_name: str) -> None:
    response = fake_api.get("/invitations", params=params)

    assert response.status_code == 422
    assert error_codes(response) == ["form_param_value_invalid"]
    assert param_names(response) == [param_name]


# Revoke


def test_revoke(fake_api: httpx.Client, clerk_fake: FakeClerk) -> None:
    invitation = create(fake_api).json()
    clerk_fake.advance(seconds=5)
    revoked = fake_api.post(f"/invitations/{invitation['id']}/revoke")

    assert revoked.status_code == 200
    body = revoked.json()
    assert body["status"] == "revoked" and body["revoked"] is True
    assert "url" not in body
    assert body["updated_at"] == invitation["created_at"] + 5000
    assert clerk_fake.invitations[invitation["id"]] == body


def test_revoke_an_unknown_id_is_404(fake_api: httpx.Client) -> None:
    response = fake_api.post("/invitations/inv_2x9QmZk1vR8tYp3LbN6cW4dHs7E/revoke")

    assert response.status_code == 404
    assert error_codes(response) == ["resource_not_found"]


@pytest.mark.parametrize(
    ("prepare", "code"),
    [
        (lambda fake, api, id_: api.post(f"/invitations/{id_}/revoke"), "invitation_already_revoked"),
        (lambda fake, api, id_: fake.accept(id_), "invitation_already_accepted"),
    ],
    ids=["revoked", "accepted"],
)
def test_revoke_only_what_can_be_revoked(
    fake_api: httpx.Client, clerk_fake: FakeClerk, prepare: Callable[[FakeClerk, httpx.Client, str], object], code: str
) -> None:
    invitation_id = create(fake_api).json()["id"]
    prepare(clerk_fake, fake_api, invitation_id)
    before = clerk_fake.invitations
    response = fake_api.post(f"/invitations/{invitation_id}/revoke")

    assert response.status_code == 400
    assert error_codes(response) == [code]
    assert clerk_fake.invitations == before


def test_an_expired_invitation_can_still_be_revoked(fake_api: httpx.Client, clerk_fake: FakeClerk) -> None:
    invitation_id = create(fake_api, expires_in_days=1).json()["id"]
    clerk_fake.advance(days=2)

    assert fake_api.post(f"/invitations/{invitation_id}/revoke").json()["status"] == "revoked"


# Authentication


@pytest.mark.parametrize(
    "authorization",
    [None, "Bearer", "Bearer nope", "Bearer pk_test_abc", "Basic c2tfdGVzdF9hYmM=", "sk_test_abc", "Bearer sk_test_"],
    ids=["missing", "empty", "not-a-key", "publishable-key", "basic", "no-scheme", "no-key-body"],
)
@pytest.mark.parametrize(("method", "path"), [("GET", "/invitations"), ("POST", "/invitations/bulk")])
def test_a_missing_or_malformed_key_is_401(
    fake_api: httpx.Client, clerk_fake: FakeClerk, authorization: str | None, method: str, path: str
) -> None:
    headers = {"Authorization": authorization} if authorization else {}
    request = fake_api.build_request(method, path, json=[{"email_address": "ada@example.com"}])
    request.headers.pop("Authorization")
    request.headers.update(headers)
    response = fake_api.send(request)

    assert response.status_code == 401
    assert error_codes(response) == ["authentication_invalid"]
    assert clerk_fake.invitations == {}


def test_a_fake_with_a_key_accepts_only_that_key(secret_key: str) -> None:
    key = "sk_test_onlythisone"
    fake = FakeClerk(secret_key=key)
    with httpx.Client(base_url="http://fake", transport=fake.transport()) as client:  # in process: about the key
        # Statuses taken first, so that a failing assert can't print the request's headers.
        right = client.get("/invitations", headers={"Authorization": f"Bearer {key}"}).status_code
        wrong = client.get("/invitations", headers={"Authorization": f"Bearer {secret_key}"}).status_code
    assert (right, wrong) == (200, 401)
    key_shown = key in repr(fake)
    assert not key_shown, "the fake's repr shows its key"


# Test hooks


def test_accept(fake_api: httpx.Client, clerk_fake: FakeClerk) -> None:
    invitation_id = create(fake_api, "ada@example.com").json()["id"]
    clerk_fake.advance(hours=1)
    accepted = clerk_fake.accept(invitation_id)

    assert accepted["status"] == "accepted" and "url" not in accepted
    assert accepted["updated_at"] == accepted["created_at"] + 3_600_000
    assert listed_emails(fake_api, status="accepted") == ["ada@example.com"]
    assert error_codes(create(fake_api, "ada@example.com")) == ["form_identifier_exists"]
    with pytest.raises(ValueError, match="is accepted"):
        clerk_fake.accept(invitation_id)
    with pytest.raises(KeyError):
        clerk_fake.accept("inv_missing")


def test_a_pending_invitation_expires_at_expires_at(fake_api: httpx.Client, clerk_fake: FakeClerk) -> None:
    invitation = create(fake_api, expires_in_days=1).json()
    clerk_fake.advance(days=1, seconds=-0.001)
    assert clerk_fake.invitations[invitation["id"]]["status"] == "pending"

    clerk_fake.advance(seconds=0.001)
    expired = clerk_fake.invitations[invitation["id"]]
    assert expired["status"] == "expired" and "url" not in expired
    assert expired["updated_at"] == invitation["updated_at"]
    assert listed_emails(fake_api, status="expired") == ["ada@example.com"]
    with pytest.raises(ValueError, match="is expired"):
        clerk_fake.accept(invitation["id"])


def test_the_clock_only_moves_forward(clerk_fake: FakeClerk) -> None:
    start = clerk_fake.now_ms
    with pytest.raises(ValueError):
        clerk_fake.advance(days=-1)
    clerk_fake.advance(days=2, hours=1, minutes=1, seconds=1)
    assert clerk_fake.now_ms == start + 2 * DAY_MS + 3_661_000


def test_start_sets_the_clock() -> None:
    assert FakeClerk(start=datetime(2026, 1, 1, tzinfo=UTC)).now_ms == 1_767_225_600_000


# Concurrency


def create_concurrently(api: httpx.Client, emails: list[str]) -> list[httpx.Response]:
    """POST one invitation per email, each from its own thread, all released at once."""
    start = threading.Barrier(len(emails))
    responses: list[httpx.Response] = []

    def invite(email: str) -> None:
        start.wait()
        responses.append(create(api, email))

    threads = [threading.Thread(target=invite, args=(email,)) for email in emails]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return responses


def test_50_threads_with_distinct_emails_all_succeed(fake_api: httpx.Client, clerk_fake: FakeClerk) -> None:
    responses = create_concurrently(fake_api, [f"user{n}@example.com" for n in range(50)])

    assert sorted(response.status_code for response in responses) == [200] * 50
    assert len(clerk_fake.invitations) == 50
    assert {response.json()["id"] for response in responses} == set(clerk_fake.invitations)


def test_50_threads_with_the_same_email_create_one(fake_api: httpx.Client, clerk_fake: FakeClerk) -> None:
    responses = create_concurrently(fake_api, ["ada@example.com"] * 50)

    assert sorted(response.status_code for response in responses) == [200] + [400] * 49
    assert len(clerk_fake.invitations) == 1


# Routes outside the spec: not spec-checked, since openapi.yaml has nothing to say about them.


@pytest.mark.parametrize(
    ("method", "path", "status", "allow"),
    [
        ("GET", "/users", 404, None),
        ("GET", "/invitations/inv_1", 404, None),
        ("DELETE", "/invitations", 405, "GET, POST"),
        ("GET", "/invitations/bulk", 405, "POST"),
        ("QUERY", "/invitations/inv_1/revoke", 405, "POST"),
    ],
)
def test_unknown_paths_and_methods_over_http(
    clerk_fake: FakeClerk, secret_key: str, method: str, path: str, status: int, allow: str | None
) -> None:
    with clerk_fake.serve() as url:
        response = httpx.request(method, url + path, headers={"Authorization": f"Bearer {secret_key}"})

    assert response.status_code == status
    assert response.headers.get("Allow") == allow
    assert response.json()["errors"][0]["code"] in {"resource_not_found", "method_not_allowed"}


def test_the_spec_check_catches_a_wrong_response() -> None:
    request = httpx.Request("POST", "http://127.0.0.1/invitations")
    invitation: dict[str, Any] = {"object": "invitation", "id": "inv_1", "email_address": "ada@example.com"}
    invitation |= {"public_metadata": {}, "status": "pending", "created_at": 1, "updated_at": 1}
    check_response(request, httpx.Response(200, json=invitation))

    with pytest.raises(Exception, match="status"):
        check_response(request, httpx.Response(200, json={**invitation, "status": "sent"}))
    with pytest.raises(Exception, match="404"):
        check_response(request, httpx.Response(404, json={"errors": []}))


# Serving: each HTTP request reaches the handler as the httpx.Request an httpx transport would give it.


def test_the_server_hands_over_the_whole_request_and_sends_the_whole_response() -> None:
    received: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        received.append(request)
        return httpx.Response(201, headers={"X-Answer": "42"}, content=b"made")

    with serving(handler) as url:
        response = httpx.post(f"{url}/invitations/caf%C3%A9?limit=5", headers={"X-Service": "billing"}, content=b"{}")

    (request,) = received
    assert (request.method, str(request.url)) == ("POST", f"{url}/invitations/caf%C3%A9?limit=5")
    assert request.headers["X-Service"] == "billing" and request.content == b"{}"
    assert (response.status_code, response.headers["X-Answer"], response.content) == (201, "42", b"made")


@pytest.mark.parametrize(("target", "status"), [("http://elsewhere.test/invitations", 200), ("*", 400)])
def test_absolute_and_asterisk_targets_over_http(
    clerk_fake: FakeClerk, secret_key: str, target: str, status: int
) -> None:
    with clerk_fake.serve() as url:
        connection = http.client.HTTPConnection(urlsplit(url).netloc, timeout=10)
        connection.request("GET", target, headers={"Authorization": f"Bearer {secret_key}"})
        answered = connection.getresponse().status
        connection.close()

    assert answered == status


# Packaging: the pytest plugin and the command line


def test_pytest_loads_the_plugin_through_its_entry_point(pytestconfig: pytest.Config) -> None:
    """The suite names the plugin nowhere: pytest found it in the fake's pytest11 entry point, as a service's would."""
    loaded = {dist.metadata["Name"]: plugin for plugin, dist in pytestconfig.pluginmanager.list_plugin_distributions()}

    assert loaded.get("clerk-invitations-fake") is pytest_plugin


def test_the_clerk_fake_fixture_is_a_fresh_fake(clerk_fake: FakeClerk) -> None:
    assert isinstance(clerk_fake, FakeClerk)
    assert clerk_fake.invitations == {} and clerk_fake.notified == []


def test_the_command_line_runs_a_command_against_the_fake() -> None:
    client_code = (
        "import os, httpx; "
        "r = httpx.get(os.environ['CLERK_API_URL'] + '/invitations', headers={'Authorization': 'Bearer sk_test_cli'}); "
        "print(r.status_code, r.text); raise SystemExit(3)"
    )
    result = subprocess.run(
        [sys.executable, "-m", "clerk_invitations_fake", "--port", "0", "--", sys.executable, "-c", client_code],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )

    assert result.returncode == 3, result.stderr
    listening, answer = result.stdout.splitlines()
    assert re.fullmatch(r"Clerk invitations fake listening at http://127\.0\.0\.1:\d+/v1", listening)
    assert answer == "200 []"
