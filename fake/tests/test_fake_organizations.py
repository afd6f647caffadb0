"""The fake's organizations, organization invitations, a user's invitations and the waitlist, as Clerk documents them.

Each test that takes `fake_api` runs twice: in process (the fake's httpx transport) and over real HTTP against
`fake.serve()` on 127.0.0.1. Every response is checked against openapi.yaml.
"""

from __future__ import annotations

import re
import threading
from typing import Any

import httpx
import pytest
from clerk_invitations_fake import FakeClerk

from tests.support.clerk_errors import error_codes, param_names

DAY_MS = 86_400_000
CLERK_ID = r"[A-Za-z0-9]{27}"


def invite(api: httpx.Client, organization_id: str, email: str = "ada@example.com", **fields: Any) -> httpx.Response:
    return api.post(
        f"/organizations/{organization_id}/invitations", json={"email_address": email, "role": "org:member", **fields}
    )


def invited(api: httpx.Client, organization_id: str, email: str = "ada@example.com", **fields: Any) -> dict[str, Any]:
    response = invite(api, organization_id, email, **fields)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def revoke(api: httpx.Client, organization_id: str, invitation_id: str, **body: Any) -> httpx.Response:
    return api.post(f"/organizations/{organization_id}/invitations/{invitation_id}/revoke", json=body)


def listed(api: httpx.Client, path: str, **params: Any) -> tuple[list[str], int]:
    """The addresses of a list's page, and its total_count."""
    response = api.get(path, params=params)
    assert response.status_code == 200, response.text
    body = response.json()
    return [invitation["email_address"] for invitation in body["data"]], body["total_count"]


@pytest.fixture
def org(clerk_fake: FakeClerk) -> str:
    return clerk_fake.add_organization("Acme Inc.")


# Test hooks


def test_add_organization_member_and_waitlist_entry_give_clerks_ids(clerk_fake: FakeClerk) -> None:
    acme, globex = clerk_fake.add_organization("Acme"), clerk_fake.add_organization("Globex")
    ada = clerk_fake.add_member(acme, "ada@example.com", role="org:admin")

    assert re.fullmatch(f"org_{CLERK_ID}", acme) and acme != globex
    assert re.fullmatch(f"user_{CLERK_ID}", ada)
    assert clerk_fake.add_member(globex, "ADA@example.com") == ada == clerk_fake.add_user("ada@example.com")
    assert clerk_fake.members(acme) == {ada: "org:admin"} and clerk_fake.members(globex) == {ada: "org:member"}
    entry = clerk_fake.add_waitlist_entry("grace@example.com")
    assert re.fullmatch(f"wle_{CLERK_ID}", entry)
    assert clerk_fake.add_waitlist_entry("Grace@example.com") == entry


def test_add_member_refuses_what_clerk_would(clerk_fake: FakeClerk, org: str) -> None:
    clerk_fake.add_member(org, "ada@example.com")

    with pytest.raises(KeyError):
        clerk_fake.add_member("org_missing", "ada@example.com")
    with pytest.raises(ValueError, match="already a member"):
        clerk_fake.add_member(org, "Ada@example.com", role="org:admin")
    with pytest.raises(ValueError, match="role"):
        clerk_fake.add_member(org, "grace@example.com", role="admin")
    assert len(clerk_fake.members(org)) == 1


# Create


def test_create_returns_a_pending_organization_invitation(
    fake_api: httpx.Client, clerk_fake: FakeClerk, org: str
) -> None:
    invitation = invited(
        fake_api, org, public_metadata={"team": "blue"}, private_metadata={"source": "crm"}, expires_in_days=7
    )

    assert re.fullmatch(f"orginv_{CLERK_ID}", invitation["id"])
    assert invitation["object"] == "organization_invitation" and invitation["organization_id"] == org
    assert (invitation["role"], invitation["role_name"]) == ("org:member", "Member")
    assert invitation["status"] == "pending" and "__clerk_ticket=" in invitation["url"]
    assert (invitation["inviter_id"], invitation["public_inviter_data"]) == (None, None)
    assert (invitation["public_metadata"], invitation["private_metadata"]) == ({"team": "blue"}, {"source": "crm"})
    assert invitation["created_at"] == invitation["updated_at"] == clerk_fake.now_ms
    assert invitation["expires_at"] == clerk_fake.now_ms + 7 * DAY_MS
    assert clerk_fake.organization_invitations == {invitation["id"]: invitation}
    assert clerk_fake.invitations == {}
    assert clerk_fake.notified == [invitation["id"]]


def test_null_fields_take_their_defaults(fake_api: httpx.Client, clerk_fake: FakeClerk, org: str) -> None:
    nulls: dict[str, Any] = dict.fromkeys(
        ["inviter_user_id", "public_metadata", "private_metadata", "redirect_url", "expires_in_days", "notify"]
    )
    invitation = invited(fake_api, org, "ada@example.com", **nulls)

    assert (invitation["public_metadata"], invitation["private_metadata"]) == ({}, {})
    assert invitation["expires_at"] == clerk_fake.now_ms + 30 * DAY_MS
    assert clerk_fake.notified == [invitation["id"]]
    quiet = invited(fake_api, org, "grace@example.com", notify=False, redirect_url="https://app.example.com/x")
    assert "redirect_url=https%3A%2F%2Fapp.example.com%2Fx" in quiet["url"]
    assert clerk_fake.notified == [invitation["id"]]


def test_an_admin_inviter_is_shown(fake_api: httpx.Client, clerk_fake: FakeClerk, org: str) -> None:
    admin = clerk_fake.add_member(org, "boss@example.com", role="org:admin")
    invitation = invited(fake_api, org, inviter_user_id=admin, role="org:admin")

    assert (invitation["role"], invitation["role_name"], invitation["inviter_id"]) == ("org:admin", "Admin", admin)
    assert invitation["public_inviter_data"]["user_id"] == admin
    assert invitation["public_inviter_data"]["identifier"] == "boss@example.com"


@pytest.mark.parametrize(
    ("inviter", "status", "code"),
    [
        ("member", 403, "not_an_admin_in_organization"),
        ("admin elsewhere", 403, "not_a_member_in_organization"),
        ("unknown", 404, "resource_not_found"),
    ],
)
def test_only_an_admin_member_may_invite(
    fake_api: httpx.Client, clerk_fake: FakeClerk, org: str, inviter: str, status: int, code: str
) -> None:
    user_ids = {
        "member": clerk_fake.add_member(org, "member@example.com"),
        "admin elsewhere": clerk_fake.add_member(clerk_fake.add_organization("Other"), "o@example.com", "org:admin"),
        "unknown": "user_2xhFjEI5X2qWRvtV13BzSj8H6Dk",
    }
    response = invite(fake_api, org, inviter_user_id=user_ids[inviter])

    assert response.status_code == status
    assert error_codes(response) == [code]
    assert clerk_fake.organization_invitations == {}


def test_one_pending_invitation_per_address_per_organization(
    fake_api: httpx.Client, clerk_fake: FakeClerk, org: str
) -> None:
    first = invited(fake_api, org, "ada@example.com", expires_in_days=1)
    duplicate = invite(fake_api, org, "ADA@example.com")

    assert duplicate.status_code == 400
    assert error_codes(duplicate) == ["duplicate_record"]
    assert "ADA@example.com" in duplicate.json()["errors"][0]["long_message"]
    other = invited(fake_api, clerk_fake.add_organization("Other"), "ada@example.com")
    assert other["id"] != first["id"]
    clerk_fake.advance(days=1)  # the first one expires: no longer pending
    assert invite(fake_api, org, "ada@example.com").status_code == 200
    assert len(clerk_fake.organization_invitations) == 3


def test_a_revoked_invitation_blocks_no_new_one(fake_api: httpx.Client, org: str) -> None:
    revoke(fake_api, org, invited(fake_api, org)["id"])

    assert invite(fake_api, org).status_code == 200


def test_a_member_is_not_invited(fake_api: httpx.Client, clerk_fake: FakeClerk, org: str) -> None:
    clerk_fake.add_member(org, "ada@example.com")
    refused = invite(fake_api, org, "Ada@example.com")

    assert refused.status_code == 400
    assert error_codes(refused) == ["already_a_member_in_organization"]
    assert clerk_fake.organization_invitations == {}
    assert invite(fake_api, clerk_fake.add_organization("Other"), "ada@example.com").status_code == 200


def test_a_create_without_a_body_names_what_is_missing(fake_api: httpx.Client, org: str) -> None:
    response = fake_api.post(f"/organizations/{org}/invitations")  # Clerk's spec leaves the body optional

    assert response.status_code == 422
    assert error_codes(response) == ["form_param_missing"] * 2
    assert param_names(response) == ["email_address", "role"]


@pytest.mark.parametrize(
    ("body", "code", "param_name"),
    [
        ({"role": "org:member"}, "form_param_missing", "email_address"),
        ({"email_address": "ada@example.com"}, "form_param_missing", "role"),
        ({"email_address": "ada@example.com", "role": None}, "form_param_missing", "role"),
        ({"email_address": "ada@", "role": "org:member"}, "form_param_format_invalid", "email_address"),
        ({"email_address": "ada@example.com", "role": "admin"}, "form_param_value_invalid", "role"),
        ({"email_address": "ada@example.com", "role": 7}, "form_param_value_invalid", "role"),
        ({"email_address": "ada@example.com", "role": "org:member", "x": 1}, "form_param_unknown", "x"),
        (
            {"email_address": "ada@example.com", "role": "org:member", "ignore_existing": True},
            "form_param_unknown",
            "ignore_existing",
        ),
        (
            {"email_address": "ada@example.com", "role": "org:member", "expires_in_days": 366},
            "form_param_value_invalid",
            "expires_in_days",
        ),
        (
            {"email_address": "ada@example.com", "role": "org:member", "private_metadata": []},
            "form_param_format_invalid",
            "private_metadata",
        ),
        (
            {"email_address": "ada@example.com", "role": "org:member", "inviter_user_id": 5},
            "form_param_format_invalid",
            "inviter_user_id",
        ),
        ([{"email_address": "ada@example.com", "role": "org:member"}], "form_param_format_invalid", "body"),
    ],
)
def test_invalid_create_is_422(
    fake_api: httpx.Client, clerk_fake: FakeClerk, org: str, body: Any, code: str, param_name: str
) -> None:
    response = fake_api.post(f"/organizations/{org}/invitations", json=body)

    assert response.status_code == 422
    assert error_codes(response) == [code]
    assert param_names(response) == [param_name]
    assert clerk_fake.organization_invitations == {}


# Bulk


def test_bulk_creates_in_order_and_answers_a_page(fake_api: httpx.Client, clerk_fake: FakeClerk, org: str) -> None:
    admin = clerk_fake.add_member(org, "boss@example.com", role="org:admin")
    items = [
        {"email_address": "ada@example.com", "role": "org:admin", "inviter_user_id": admin},
        {"email_address": "grace@example.com", "role": "org:billing_manager", "notify": False},
    ]
    response = fake_api.post(f"/organizations/{org}/invitations/bulk", json=items)

    assert response.status_code == 200
    body = response.json()
    assert body["total_count"] == 2
    assert [(i["email_address"], i["role_name"]) for i in body["data"]] == [
        ("ada@example.com", "Admin"),
        ("grace@example.com", "Billing manager"),
    ]
    assert list(clerk_fake.organization_invitations) == [invitation["id"] for invitation in body["data"]]
    assert clerk_fake.notified == [body["data"][0]["id"]]


@pytest.mark.parametrize(
    ("items", "status", "codes"),
    [
        ([{"email_address": "new@example.com"}, {"email_address": "pending@example.com"}], 400, ["duplicate_record"]),
        ([{"email_address": "twin@example.com"}, {"email_address": "TWIN@example.com"}], 400, ["duplicate_record"]),
        (
            [{"email_address": "new@example.com"}, {"email_address": "member@example.com"}],
            400,
            ["already_a_member_in_organization"],
        ),
        (
            [{"email_address": "new@example.com"}, {"email_address": "x@example.com", "inviter_user_id": "member"}],
            403,
            ["not_an_admin_in_organization"],
        ),
        ([{"email_address": "new@example.com"}, {"email_address": "bad"}], 422, ["form_param_format_invalid"]),
        (
            [{"email_address": "new@example.com"}, {"email_address": "x@example.com", "role": None}],
            422,
            ["form_param_missing"],
        ),
        ([], 422, ["form_param_value_invalid"]),
        ([{"email_address": f"u{n}@example.com"} for n in range(11)], 422, ["form_param_value_invalid"]),
        ({"email_address": "new@example.com"}, 422, ["form_param_value_invalid"]),
    ],
    ids=[
        "pending",
        "twice-in-request",
        "member",
        "inviter-not-admin",
        "one-invalid",
        "no-role",
        "empty",
        "eleven",
        "not-a-list",
    ],
)
def test_bulk_is_all_or_nothing(
    fake_api: httpx.Client, clerk_fake: FakeClerk, org: str, items: Any, status: int, codes: list[str]
) -> None:
    existing = invited(fake_api, org, "pending@example.com")
    member = clerk_fake.add_member(org, "member@example.com")
    if isinstance(items, list):
        items = [
            {"role": "org:member", **item, **({"inviter_user_id": member} if "inviter_user_id" in item else {})}
            for item in items
        ]
    response = fake_api.post(f"/organizations/{org}/invitations/bulk", json=items)

    assert response.status_code == status
    assert error_codes(response) == codes
    assert list(clerk_fake.organization_invitations) == [existing["id"]]


# Get


def test_get_answers_the_invitation_of_that_organization(
    fake_api: httpx.Client, clerk_fake: FakeClerk, org: str
) -> None:
    invitation = invited(fake_api, org)
    other = clerk_fake.add_organization("Other")

    assert fake_api.get(f"/organizations/{org}/invitations/{invitation['id']}").json() == invitation
    for path in [
        f"/organizations/{other}/invitations/{invitation['id']}",
        f"/organizations/{org}/invitations/orginv_x",
    ]:
        response = fake_api.get(path)
        assert response.status_code == 404
        assert error_codes(response) == ["resource_not_found"]


# Revoke


def test_revoke_a_pending_invitation(fake_api: httpx.Client, clerk_fake: FakeClerk, org: str) -> None:
    invitation = invited(fake_api, org)
    clerk_fake.advance(seconds=5)
    response = fake_api.post(f"/organizations/{org}/invitations/{invitation['id']}/revoke")  # no body: it's optional

    assert response.status_code == 200
    revoked = response.json()
    assert (revoked["status"], revoked["url"]) == ("revoked", None)
    assert revoked["updated_at"] == invitation["created_at"] + 5000
    assert clerk_fake.organization_invitations[invitation["id"]] == revoked


@pytest.mark.parametrize("state", ["revoked", "accepted", "expired"])
def test_only_a_pending_invitation_can_be_revoked(
    fake_api: httpx.Client, clerk_fake: FakeClerk, org: str, state: str
) -> None:
    invitation_id = invited(fake_api, org, expires_in_days=1)["id"]
    if state == "revoked":
        revoke(fake_api, org, invitation_id)
    elif state == "accepted":
        clerk_fake.accept(invitation_id)
    else:
        clerk_fake.advance(days=1)
    before = clerk_fake.organization_invitations
    response = revoke(fake_api, org, invitation_id)

    assert response.status_code == 400
    assert error_codes(response) == ["organization_invitation_not_pending"]
    assert clerk_fake.organization_invitations == before


@pytest.mark.parametrize(
    ("requester", "status", "code"),
    [
        ("admin", 200, None),
        ("member", 403, "not_an_admin_in_organization"),
        ("unknown", 404, "resource_not_found"),
    ],
)
def test_only_an_admin_member_may_revoke(
    fake_api: httpx.Client, clerk_fake: FakeClerk, org: str, requester: str, status: int, code: str | None
) -> None:
    user_ids = {
        "admin": clerk_fake.add_member(org, "boss@example.com", role="org:admin"),
        "member": clerk_fake.add_member(org, "member@example.com"),
        "unknown": "user_2xhFjEI5X2qWRvtV13BzSj8H6Dk",
    }
    invitation_id = invited(fake_api, org)["id"]
    response = revoke(fake_api, org, invitation_id, requesting_user_id=user_ids[requester])

    assert response.status_code == status
    if code:
        assert error_codes(response) == [code]
    expected = "revoked" if status == 200 else "pending"
    assert clerk_fake.organization_invitations[invitation_id]["status"] == expected


@pytest.mark.parametrize(
    ("content", "code", "param_name"),
    [
        (b'{"requesting_user_id": 1}', "form_param_format_invalid", "requesting_user_id"),
        (b'{"reason": "spam"}', "form_param_unknown", "reason"),
        (b"[]", "form_param_format_invalid", "body"),
        (b"{", "form_param_format_invalid", "body"),
    ],
)
def test_invalid_revoke_is_400(fake_api: httpx.Client, org: str, content: bytes, code: str, param_name: str) -> None:
    """Clerk's spec documents 400, not 422, for a bad revoke request: the same errors, answered 400."""
    invitation_id = invited(fake_api, org)["id"]
    response = fake_api.post(
        f"/organizations/{org}/invitations/{invitation_id}/revoke",
        content=content,
        headers={"Content-Type": "application/json"},
    )

    assert response.status_code == 400
    assert (error_codes(response), param_names(response)) == ([code], [param_name])


# Unknown organizations


@pytest.mark.parametrize("valid", [True, False], ids=["valid", "invalid"])
@pytest.mark.parametrize(
    ("method", "path", "body", "invalid_body", "invalid_params"),
    [
        ("POST", "/organizations/{org}/invitations", {"email_address": "a@example.com", "role": "org:member"}, {}, {}),
        ("POST", "/organizations/{org}/invitations/bulk", [{"email_address": "a@x.io", "role": "org:b"}], [], {}),
        ("GET", "/organizations/{org}/invitations", None, None, {"limit": 0}),
        ("GET", "/organizations/{org}/invitations/{invitation}", None, None, {}),
        ("POST", "/organizations/{org}/invitations/{invitation}/revoke", {}, {"requesting_user_id": 1}, {}),
    ],
)
def test_an_unknown_organization_is_404_whatever_the_request_holds(
    fake_api: httpx.Client,
    clerk_fake: FakeClerk,
    org: str,
    method: str,
    path: str,
    body: Any,
    invalid_body: Any,
    invalid_params: dict[str, Any],
    valid: bool,
) -> None:
    invitation = invited(fake_api, org)["id"]
    response = fake_api.request(
        method,
        path.format(org="org_2xhFjEI5X2qWRvtV13BzSj8H6Dk", invitation=invitation),
        json=body if valid else invalid_body,
        params={} if valid else invalid_params,
    )

    assert response.status_code == 404
    assert error_codes(response) == ["resource_not_found"]
    assert len(clerk_fake.organization_invitations) == 1


# Lists


@pytest.fixture
def invitations(fake_api: httpx.Client, clerk_fake: FakeClerk, org: str) -> dict[str, str]:
    """In Acme, a minute apart: carol, ada (accepted), bob (revoked); then dave in Globex. Ids by name."""
    ids = {}
    globex = clerk_fake.add_organization("Globex")
    for name, organization in [("carol", org), ("ada", org), ("bob", org), ("dave", globex)]:
        ids[name] = invited(fake_api, organization, f"{name}@example.com")["id"]
        clerk_fake.advance(minutes=1)
    clerk_fake.accept(ids["ada"])
    revoke(fake_api, org, ids["bob"])
    return ids


@pytest.mark.usefixtures("invitations")
@pytest.mark.parametrize(
    ("params", "emails", "total"),
    [
        ({}, ["bob", "ada", "carol"], 3),
        ({"status": "pending"}, ["carol"], 1),
        ({"status": "accepted"}, ["ada"], 1),
        ({"status": "revoked"}, ["bob"], 1),
        ({"status": "expired"}, [], 0),
        ({"email_address": "ADA@example.com"}, ["ada"], 1),
        ({"email_address": "example.com"}, [], 0),
        ({"order_by": "created_at"}, ["carol", "ada", "bob"], 3),
        ({"order_by": "+email_address"}, ["ada", "bob", "carol"], 3),
        ({"order_by": "-email_address"}, ["carol", "bob", "ada"], 3),
        ({"limit": 1}, ["bob"], 3),
        ({"limit": 2, "offset": 1}, ["ada", "carol"], 3),
        ({"offset": 3}, [], 3),
    ],
)
def test_an_organizations_list_filters_orders_and_pages(
    fake_api: httpx.Client, org: str, params: dict[str, Any], emails: list[str], total: int
) -> None:
    page, total_count = listed(fake_api, f"/organizations/{org}/invitations", **params)

    assert (page, total_count) == ([f"{name}@example.com" for name in emails], total)


@pytest.mark.usefixtures("invitations")
@pytest.mark.parametrize(
    ("params", "emails", "total"),
    [
        ({}, ["dave", "bob", "ada", "carol"], 4),
        ({"status": "pending"}, ["dave", "carol"], 2),
        ({"query": "D"}, ["dave", "ada"], 2),
        ({"query": "bob@"}, ["bob"], 1),
        ({"order_by": "email_address", "limit": 2}, ["ada", "bob"], 4),
        ({"order_by": "-created_at", "offset": 3}, ["carol"], 4),
    ],
)
def test_the_instances_list_covers_every_organization(
    fake_api: httpx.Client, params: dict[str, Any], emails: list[str], total: int
) -> None:
    page, total_count = listed(fake_api, "/organization_invitations", **params)

    assert (page, total_count) == ([f"{name}@example.com" for name in emails], total)


def test_the_instances_list_shows_each_organization(fake_api: httpx.Client, invitations: dict[str, str]) -> None:
    (dave,) = fake_api.get("/organization_invitations", params={"limit": 1}).json()["data"]

    assert dave["id"] == invitations["dave"]
    assert dave["public_organization_data"] == {
        "id": dave["organization_id"],
        "name": "Globex",
        "slug": "globex",
        "has_image": False,
    }


def test_organizations_of_the_same_name_get_distinct_slugs(fake_api: httpx.Client, clerk_fake: FakeClerk) -> None:
    for _ in range(3):
        invited(fake_api, clerk_fake.add_organization("Acme Inc."))
    slugs = [i["public_organization_data"]["slug"] for i in fake_api.get("/organization_invitations").json()["data"]]

    assert sorted(slugs) == ["acme-inc", "acme-inc-2", "acme-inc-3"]


def test_a_users_list_has_the_invitations_to_their_address(fake_api: httpx.Client, clerk_fake: FakeClerk) -> None:
    acme, globex = clerk_fake.add_organization("Acme"), clerk_fake.add_organization("Globex")
    ada = clerk_fake.add_member(acme, "ada@example.com")
    to_globex = invited(fake_api, globex, "ADA@example.com")
    clerk_fake.advance(minutes=1)
    to_initech = invited(fake_api, clerk_fake.add_organization("Initech"), "ada@example.com", expires_in_days=1)
    invited(fake_api, globex, "grace@example.com")
    clerk_fake.advance(days=1)

    response = fake_api.get(f"/users/{ada}/organization_invitations")
    assert response.status_code == 200
    body = response.json()
    assert [i["id"] for i in body["data"]] == [to_initech["id"], to_globex["id"]] and body["total_count"] == 2
    assert [i["public_organization_data"]["name"] for i in body["data"]] == ["Initech", "Globex"]
    assert listed(fake_api, f"/users/{ada}/organization_invitations", status="pending") == (["ADA@example.com"], 1)
    assert listed(fake_api, f"/users/{ada}/organization_invitations", status="expired", limit=1)[1] == 1
    assert listed(fake_api, f"/users/{ada}/organization_invitations", offset=1) == (["ADA@example.com"], 2)


@pytest.mark.parametrize("params", [{}, {"limit": 0}])
def test_an_unknown_users_list_is_404(fake_api: httpx.Client, params: dict[str, Any]) -> None:
    response = fake_api.get("/users/user_2xhFjEI5X2qWRvtV13BzSj8H6Dk/organization_invitations", params=params)

    assert response.status_code == 404
    assert error_codes(response) == ["resource_not_found"]


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/organizations/{org}/invitations", 422),
        ("/organization_invitations", 422),
        ("/users/{user}/organization_invitations", 400),  # Clerk's spec documents 400, not 422, here
    ],
)
@pytest.mark.parametrize(
    ("params", "param_name"),
    [
        ({"limit": 0}, "limit"),
        ({"limit": 501}, "limit"),
        ({"offset": -1}, "offset"),
        ({"offset": "x"}, "offset"),
        ({"status": "sent"}, "status"),
    ],
)
def test_list_parameters_out_of_range_are_refused(
    fake_api: httpx.Client,
    clerk_fake: FakeClerk,
    org: str,
    path: str,
    status: int,
    params: dict[str, Any],
    param_name: str,
) -> None:
    user = clerk_fake.add_member(org, "ada@example.com")
    response = fake_api.get(path.format(org=org, user=user), params=params)

    assert response.status_code == status
    assert error_codes(response) == ["form_param_value_invalid"]
    assert param_names(response) == [param_name]


@pytest.mark.parametrize("path", ["/organizations/{org}/invitations", "/organization_invitations"])
@pytest.mark.parametrize("order_by", ["expires_at", "*created_at", "role"])
def test_an_order_clerk_does_not_offer_is_422(fake_api: httpx.Client, org: str, path: str, order_by: str) -> None:
    response = fake_api.get(path.format(org=org), params={"order_by": order_by})

    assert response.status_code == 422
    assert param_names(response) == ["order_by"]


def test_limit_defaults_to_10_and_goes_to_500(fake_api: httpx.Client, org: str) -> None:
    for batch in range(2):
        items = [{"email_address": f"u{batch}{n}@example.com", "role": "org:member"} for n in range(6)]
        assert fake_api.post(f"/organizations/{org}/invitations/bulk", json=items).status_code == 200

    assert len(listed(fake_api, f"/organizations/{org}/invitations")[0]) == 10
    assert len(listed(fake_api, f"/organizations/{org}/invitations", limit=500)[0]) == 12


# Accept


def test_accept_makes_the_invitee_a_member(fake_api: httpx.Client, clerk_fake: FakeClerk, org: str) -> None:
    invitation = invited(fake_api, org, "ada@example.com", role="org:admin")
    clerk_fake.advance(hours=1)
    accepted = clerk_fake.accept(invitation["id"])

    assert (accepted["status"], accepted["url"]) == ("accepted", None)
    assert accepted["updated_at"] == invitation["created_at"] + 3_600_000
    ada = clerk_fake.add_user("ada@example.com")
    assert clerk_fake.members(org) == {ada: "org:admin"}
    assert error_codes(invite(fake_api, org, "ada@example.com")) == ["already_a_member_in_organization"]
    assert invite(fake_api, org, "grace@example.com", inviter_user_id=ada).status_code == 200  # an admin now
    with pytest.raises(ValueError, match="is accepted"):
        clerk_fake.accept(invitation["id"])


def test_accept_refuses_an_invitee_who_became_a_member(fake_api: httpx.Client, clerk_fake: FakeClerk, org: str) -> None:
    invitation_id = invited(fake_api, org, "ada@example.com")["id"]
    clerk_fake.add_member(org, "ada@example.com")

    with pytest.raises(ValueError, match="already a member"):
        clerk_fake.accept(invitation_id)
    assert clerk_fake.organization_invitations[invitation_id]["status"] == "pending"


# Waitlist


def test_inviting_a_waitlist_entry_creates_an_application_invitation(
    fake_api: httpx.Client, clerk_fake: FakeClerk
) -> None:
    entry_id = clerk_fake.add_waitlist_entry("grace@example.com")
    clerk_fake.advance(minutes=1)
    response = fake_api.post(f"/waitlist_entries/{entry_id}/invite")  # no body: it's optional

    assert response.status_code == 200
    entry = response.json()
    assert (entry["object"], entry["id"], entry["email_address"]) == ("waitlist_entry", entry_id, "grace@example.com")
    assert (entry["status"], entry["is_locked"]) == ("invited", False)
    assert entry["updated_at"] == entry["created_at"] + 60_000 == clerk_fake.now_ms
    invitation = entry["invitation"]
    assert re.fullmatch(f"inv_{CLERK_ID}", invitation["id"]) and invitation["status"] == "pending"
    assert clerk_fake.invitations == {invitation["id"]: invitation}
    assert clerk_fake.notified == [invitation["id"]]
    clerk_fake.accept(invitation["id"])
    assert clerk_fake.invitations[invitation["id"]]["status"] == "accepted"


@pytest.mark.parametrize("existing", ["pending invitation", "user"])
def test_a_waitlist_entry_is_invited_again_only_with_ignore_existing(
    fake_api: httpx.Client, clerk_fake: FakeClerk, existing: str
) -> None:
    entry_id = clerk_fake.add_waitlist_entry("grace@example.com")
    if existing == "user":
        clerk_fake.add_user("grace@example.com")
    else:
        first = fake_api.post(f"/waitlist_entries/{entry_id}/invite", json={"ignore_existing": None}).json()
        assert first["invitation"]["status"] == "pending"
    before = clerk_fake.invitations

    refused = fake_api.post(f"/waitlist_entries/{entry_id}/invite", json={"ignore_existing": False})
    assert refused.status_code == 400
    assert error_codes(refused) == ["duplicate_record" if existing != "user" else "form_identifier_exists"]
    assert clerk_fake.invitations == before

    again = fake_api.post(f"/waitlist_entries/{entry_id}/invite", json={"ignore_existing": True})
    assert again.status_code == 200
    assert again.json()["status"] == "invited"
    assert list(clerk_fake.invitations) == [*before, again.json()["invitation"]["id"]]


@pytest.mark.parametrize("body", [{}, {"ignore_existing": "yes"}])
def test_an_unknown_waitlist_entry_is_404(fake_api: httpx.Client, clerk_fake: FakeClerk, body: Any) -> None:
    response = fake_api.post("/waitlist_entries/wle_2xhFjEI5X2qWRvtV13BzSj8H6Dk/invite", json=body)

    assert response.status_code == 404
    assert error_codes(response) == ["resource_not_found"]
    assert clerk_fake.invitations == {}


@pytest.mark.parametrize(
    ("body", "code", "param_name"),
    [
        ({"ignore_existing": "yes"}, "form_param_format_invalid", "ignore_existing"),
        ({"notify": False}, "form_param_unknown", "notify"),
        (["grace@example.com"], "form_param_format_invalid", "body"),
    ],
)
def test_an_invalid_waitlist_invite_is_422(
    fake_api: httpx.Client, clerk_fake: FakeClerk, body: Any, code: str, param_name: str
) -> None:
    entry_id = clerk_fake.add_waitlist_entry("grace@example.com")
    response = fake_api.post(f"/waitlist_entries/{entry_id}/invite", json=body)

    assert response.status_code == 422
    assert (error_codes(response), param_names(response)) == ([code], [param_name])
    assert clerk_fake.invitations == {}


# Concurrency


def run_at_once(count: int, action: Any) -> list[httpx.Response]:
    """`action(n)` for n in range(count), each from its own thread, all released at once."""
    start = threading.Barrier(count)
    responses: list[httpx.Response] = []

    def run(n: int) -> None:
        start.wait()
        responses.append(action(n))

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return responses


def test_50_threads_inviting_one_address_to_two_organizations_create_two(
    fake_api: httpx.Client, clerk_fake: FakeClerk, org: str
) -> None:
    other = clerk_fake.add_organization("Other")
    responses = run_at_once(50, lambda n: invite(fake_api, (org, other)[n % 2], "ada@example.com"))

    assert sorted(response.status_code for response in responses) == [200] * 2 + [400] * 48
    assert sorted(i["organization_id"] for i in clerk_fake.organization_invitations.values()) == sorted([org, other])


def test_50_threads_inviting_distinct_addresses_lose_none(
    fake_api: httpx.Client, clerk_fake: FakeClerk, org: str
) -> None:
    responses = run_at_once(50, lambda n: invite(fake_api, org, f"user{n}@example.com"))

    assert [response.status_code for response in responses] == [200] * 50
    assert {response.json()["id"] for response in responses} == set(clerk_fake.organization_invitations)
    assert listed(fake_api, f"/organizations/{org}/invitations", limit=1)[1] == 50


# Routes


@pytest.mark.parametrize(
    ("method", "path", "status", "allow"),
    [
        ("GET", "/organizations/{org}/invitations/bulk", 405, "POST"),
        ("DELETE", "/organizations/{org}/invitations", 405, "GET, POST"),
        ("POST", "/organization_invitations", 405, "GET"),
        ("GET", "/waitlist_entries/wle_1/invite", 405, "POST"),
        ("GET", "/organizations/{org}/invitations/pending", 404, None),  # deprecated by Clerk: not built
        ("GET", "/organizations/{org}", 404, None),
    ],
)
def test_unknown_paths_and_methods(
    clerk_fake: FakeClerk, org: str, secret_key: str, method: str, path: str, status: int, allow: str | None
) -> None:
    """In process: routing only; openapi.yaml has nothing to check these answers against."""
    with httpx.Client(base_url="http://fake/v1", transport=clerk_fake.transport()) as client:
        response = client.request(method, path.format(org=org), headers={"Authorization": f"Bearer {secret_key}"})

    assert response.status_code == status
    assert response.headers.get("Allow") == allow


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "/organizations/{org}/invitations"),
        ("GET", "/organization_invitations"),
        ("GET", "/users/{user}/organization_invitations"),
        ("POST", "/waitlist_entries/{entry}/invite"),
    ],
)
def test_a_missing_key_is_401(fake_api: httpx.Client, clerk_fake: FakeClerk, org: str, method: str, path: str) -> None:
    ids = {
        "org": org,
        "user": clerk_fake.add_member(org, "a@example.com"),
        "entry": clerk_fake.add_waitlist_entry("b@example.com"),
    }
    request = fake_api.build_request(
        method, path.format(**ids), json={"email_address": "c@example.com", "role": "org:member"}
    )
    request.headers.pop("Authorization")
    response = fake_api.send(request)

    assert response.status_code == 401
    assert error_codes(response) == ["authentication_invalid"]
    assert clerk_fake.organization_invitations == {} and clerk_fake.invitations == {}
