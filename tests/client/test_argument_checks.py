"""Arguments are checked against the spec before anything is sent (issue 10).

A wrong argument raises InvalidArgumentError naming the argument and the rule, and the scripted server
sees no request; the boundary values the spec allows still go out, and Prism, which validates every
request against openapi.yaml, accepts them. The checks are generated from the spec: a scratch copy with
other constraints generates other checks.
"""

from __future__ import annotations

import importlib
import inspect
import pickle
import pkgutil
from collections.abc import Iterator
from datetime import UTC, datetime
from types import ModuleType
from typing import Any

import clerk_invitations_client.api
import httpx
import pytest
from clerk_invitations_client import AuthenticatedClient, errors
from clerk_invitations_client.api.invitations import (
    create_bulk_invitations,
    create_invitation,
    list_invitations,
    revoke_invitation,
)
from clerk_invitations_client.models import (
    BulkInvitationRequest,
    CreateInvitationRequest,
    InvitationStatus,
    TemplateSlug,
)

from tests.support.calls import TEST_SECRET_KEY, Caller
from tests.support.scripted_server import ScriptedServer, scripted_server


@pytest.fixture(scope="module")
def idle_server() -> Iterator[ScriptedServer]:
    """One scripted server for every refused call: none may reach it."""
    with scripted_server() as server:
        yield server


@pytest.fixture(scope="module")
def idle_client(idle_server: ScriptedServer) -> AuthenticatedClient:
    """One client for all of them: a new one costs an SSL context, and these calls never get to use it."""
    return AuthenticatedClient(base_url=idle_server.url, token=TEST_SECRET_KEY)


def bulk(count: int, **fields: Any) -> list[BulkInvitationRequest]:
    return [BulkInvitationRequest(email_address=f"user{index}@example.com", **fields) for index in range(count)]


def create(**fields: Any) -> CreateInvitationRequest:
    return CreateInvitationRequest(**{"email_address": "ada@example.com", **fields})


def nested(depth: int) -> dict[str, Any]:
    """A JSON object `depth` levels deep."""
    value: dict[str, Any] = {}
    for _ in range(depth - 1):
        value = {"a": value}
    return value


def refused_arguments() -> dict[str, tuple[ModuleType, dict[str, Any], str, str, str]]:
    """Case: (endpoint, arguments, the start of the message, the error's `argument`, its `rule`).

    Built per test: models are mutable.
    """
    second_item_is_a_dict: list[Any] = [*bulk(1), {"email_address": "grace@example.com"}]
    second_item_expires_at_once = bulk(2)
    second_item_expires_at_once[1].expires_in_days = 0
    return {
        "limit-501": (
            list_invitations,
            {"limit": 501},
            "limit must be <= 500 (maximum), not int 501",
            "limit",
            "maximum",
        ),
        "limit-10**12": (
            list_invitations,
            {"limit": 10**12},
            "limit must be <= 500 (maximum), not int 1000000000000",
            "limit",
            "maximum",
        ),
        "limit-0": (list_invitations, {"limit": 0}, "limit must be >= 1 (minimum), not int 0", "limit", "minimum"),
        "limit--1": (list_invitations, {"limit": -1}, "limit must be >= 1 (minimum), not int -1", "limit", "minimum"),
        "limit-list": (
            list_invitations,
            {"limit": [1, 2]},
            "limit must be an int (type: integer), not list [1, 2]",
            "limit",
            "type",
        ),
        "limit-str": (
            list_invitations,
            {"limit": "abc"},
            "limit must be an int (type: integer), not str 'abc'",
            "limit",
            "type",
        ),
        "limit-float": (
            list_invitations,
            {"limit": 1.5},
            "limit must be an int (type: integer), not float 1.5",
            "limit",
            "type",
        ),
        "limit-bool": (
            list_invitations,
            {"limit": True},
            "limit must be an int (type: integer), not bool True",
            "limit",
            "type",
        ),
        "limit-none": (
            list_invitations,
            {"limit": None},
            "limit must be an int (type: integer), not None",
            "limit",
            "type",
        ),
        "offset--1": (
            list_invitations,
            {"offset": -1},
            "offset must be >= 0 (minimum), not int -1",
            "offset",
            "minimum",
        ),
        "offset-str": (
            list_invitations,
            {"offset": "0"},
            "offset must be an int (type: integer), not str '0'",
            "offset",
            "type",
        ),
        "order_by-unknown-field": (
            list_invitations,
            {"order_by": "-name"},
            "order_by must match ^[+-]?(created_at|email_address|expires_at)$ (pattern), not str '-name'",
            "order_by",
            "pattern",
        ),
        "order_by-space": (
            list_invitations,
            {"order_by": "created_at "},
            "order_by must match ^[+-]?(created_at|",
            "order_by",
            "pattern",
        ),
        "query-int": (list_invitations, {"query": 5}, "query must be a str (type: string), not int 5", "query", "type"),
        "status-str": (
            list_invitations,
            {"status": "pending"},
            "status must be a member of InvitationStatus: accepted, expired, pending, revoked (enum), "
            "not str 'pending'",
            "status",
            "enum",
        ),
        "status-unknown-member": (
            list_invitations,
            {"status": InvitationStatus("archived")},
            "status must be a member of InvitationStatus: accepted, expired, pending, revoked (enum), "
            "not InvitationStatus 'archived'",
            "status",
            "enum",
        ),
        "invitation_id-none": (
            revoke_invitation,
            {"invitation_id": None},
            "invitation_id must be a str (type: string), not None",
            "invitation_id",
            "type",
        ),
        "invitation_id-empty": (
            revoke_invitation,
            {"invitation_id": ""},
            "invitation_id must have at least 1 character (minLength), not 0",
            "invitation_id",
            "minLength",
        ),
        "invitation_id-int": (
            revoke_invitation,
            {"invitation_id": 7},
            "invitation_id must be a str (type: string)",
            "invitation_id",
            "type",
        ),
        "bulk-11": (
            create_bulk_invitations,
            {"body": bulk(11)},
            "body must have at most 10 items (maxItems), not 11",
            "body",
            "maxItems",
        ),
        "bulk-empty": (
            create_bulk_invitations,
            {"body": []},
            "body must have at least 1 item (minItems), not 0",
            "body",
            "minItems",
        ),
        "bulk-not-a-list": (
            create_bulk_invitations,
            {"body": bulk(1)[0]},
            "body must be a list (type: array), not BulkInvitationRequest",
            "body",
            "type",
        ),
        "bulk-item-dict": (
            create_bulk_invitations,
            {"body": second_item_is_a_dict},
            "body[1] must be a BulkInvitationRequest (type: object), not dict",
            "body[1]",
            "type",
        ),
        "bulk-expires-0": (
            create_bulk_invitations,
            {"body": second_item_expires_at_once},
            "body[1].expires_in_days must be >= 1 (minimum), not int 0",
            "body[1].expires_in_days",
            "minimum",
        ),
        "bulk-expires-366": (
            create_bulk_invitations,
            {"body": bulk(1, expires_in_days=366)},
            "body[0].expires_in_days must be <= 365 (maximum), not int 366",
            "body[0].expires_in_days",
            "maximum",
        ),
        "bulk-email-none": (
            create_bulk_invitations,
            {"body": [BulkInvitationRequest(email_address=None)]},  # type: ignore[arg-type]
            "body[0].email_address must be a str (type: string), not None",
            "body[0].email_address",
            "type",
        ),
        "bulk-notify-str": (
            create_bulk_invitations,
            {"body": bulk(1, notify="yes")},
            "body[0].notify must be a bool (type: boolean), not str 'yes'",
            "body[0].notify",
            "type",
        ),
        "bulk-redirect-int": (
            create_bulk_invitations,
            {"body": bulk(1, redirect_url=5)},
            "body[0].redirect_url must be a str (type: string), not int 5",
            "body[0].redirect_url",
            "type",
        ),
        "bulk-template-str": (
            create_bulk_invitations,
            {"body": bulk(1, template_slug="invitation")},
            "body[0].template_slug must be a member of TemplateSlug: invitation, waitlist_invitation (enum), "
            "not str 'invitation'",
            "body[0].template_slug",
            "enum",
        ),
        "bulk-metadata-set": (
            create_bulk_invitations,
            {"body": bulk(1, public_metadata={"tags": {"a"}})},
            "body[0].public_metadata['tags'] must be a JSON value: dict, list, str, int, float, bool or None, not set",
            "body[0].public_metadata['tags']",
            "json",
        ),
        "create-dict-for-model": (
            create_invitation,
            {"body": {"email_address": "ada@example.com"}},
            "body must be a CreateInvitationRequest (type: object), not dict",
            "body",
            "type",
        ),
        "create-email-no-at": (
            create_invitation,
            {"body": create(email_address="ada")},
            "body.email_address must be an email address, text@domain (format: email), not str 'ada'",
            "body.email_address",
            "format:email",
        ),
        "create-expires-bool": (
            create_invitation,
            {"body": create(expires_in_days=True)},
            "body.expires_in_days must be an int (type: integer), not bool True",
            "body.expires_in_days",
            "type",
        ),
        "create-ignore-existing-int": (
            create_invitation,
            {"body": create(ignore_existing=0)},
            "body.ignore_existing must be a bool (type: boolean), not int 0",
            "body.ignore_existing",
            "type",
        ),
        "create-metadata-list": (
            create_invitation,
            {"body": create(public_metadata=[("plan", "pro")])},
            "body.public_metadata must be a dict (type: object), not list",
            "body.public_metadata",
            "type",
        ),
        "create-metadata-datetime": (
            create_invitation,
            {"body": create(public_metadata={"at": [1, datetime.now(UTC)]})},
            "body.public_metadata['at'][1] must be a JSON value: dict, list, str, int, float, bool or None, "
            "not datetime",
            "body.public_metadata['at'][1]",
            "json",
        ),
        "create-metadata-int-key": (
            create_invitation,
            {"body": create(public_metadata={"seats": {3: "three"}})},
            "each key of body.public_metadata['seats'] must be a str (JSON), not int 3",
            "body.public_metadata['seats']",
            "json",
        ),
        "create-metadata-nan": (
            create_invitation,
            {"body": create(public_metadata={"score": float("nan")})},
            "body.public_metadata['score'] must be a finite number (type: number), not float nan",
            "body.public_metadata['score']",
            "type",
        ),
        "create-metadata-too-deep": (
            create_invitation,
            {"body": create(public_metadata=nested(errors.MAX_ARGUMENT_DEPTH + 1))},
            "body.public_metadata must nest at most 125 levels deep (JSON)",
            "body.public_metadata",
            "json:depth",
        ),
        "create-metadata-10000-deep": (
            create_invitation,
            {"body": create(public_metadata=nested(10_000))},
            "body.public_metadata must nest at most 125 levels deep (JSON)",
            "body.public_metadata",
            "json:depth",
        ),
    }


@pytest.mark.parametrize("case", list(refused_arguments()))
def test_wrong_arguments_are_refused_before_sending(
    call: Caller, idle_server: ScriptedServer, idle_client: AuthenticatedClient, case: str
) -> None:
    endpoint, arguments, message, argument, rule = refused_arguments()[case]

    with pytest.raises(errors.InvalidArgumentError) as raised:
        call(endpoint, client=idle_client, **arguments)

    assert str(raised.value).startswith(message)
    assert (raised.value.argument, raised.value.rule) == (argument, rule)
    assert isinstance(raised.value, ValueError)
    assert idle_server.requests == [], "nothing may be sent"


@pytest.mark.parametrize("case", list(refused_arguments()))
def test_check_arguments_refuses_what_a_call_refuses(case: str) -> None:
    """Each endpoint module's check_arguments(), which takes no client and so sends nothing, raises the same error."""
    endpoint, arguments, message, argument, rule = refused_arguments()[case]

    with pytest.raises(errors.InvalidArgumentError) as raised:
        endpoint.check_arguments(**arguments)

    assert str(raised.value).startswith(message)
    assert (raised.value.argument, raised.value.rule) == (argument, rule)


def test_an_argument_error_keeps_its_place_and_rule_through_pickle() -> None:
    items = bulk(3)
    items[1].email_address = "grace"

    with pytest.raises(errors.InvalidArgumentError) as raised:
        create_bulk_invitations.check_arguments(body=items)
    copy = pickle.loads(pickle.dumps(raised.value))

    assert (copy.argument, copy.rule) == ("body[1].email_address", "format:email")
    assert str(copy) == str(raised.value)


def test_a_body_is_checked_as_it_is_at_the_call(
    call: Caller, idle_server: ScriptedServer, idle_client: AuthenticatedClient
) -> None:
    """A model built valid and changed afterwards, or a list of them, is checked when it is sent."""
    body = create(expires_in_days=7)
    items = bulk(3)
    body.expires_in_days = 400
    items[2].email_address = "nobody"
    items.append(BulkInvitationRequest(email_address="grace@example.com"))

    with pytest.raises(errors.InvalidArgumentError, match=r"^body\.expires_in_days must be <= 365 \(maximum\)"):
        call(create_invitation, client=idle_client, body=body)
    with pytest.raises(errors.InvalidArgumentError, match=r"^body\[2\]\.email_address must be an email address"):
        call(create_bulk_invitations, client=idle_client, body=items)

    assert idle_server.requests == [], "nothing may be sent"


def accepted_arguments() -> dict[str, tuple[ModuleType, dict[str, Any]]]:
    """The spec's boundary values, and None where a field is nullable."""
    return {
        "limit-1": (list_invitations, {"limit": 1}),
        "limit-500-offset-0": (list_invitations, {"limit": 500, "offset": 0}),
        "every-filter": (
            list_invitations,
            {"status": InvitationStatus.REVOKED, "query": "", "order_by": "email_address"},
        ),
        "order-ascending": (list_invitations, {"order_by": "+expires_at"}),
        "invitation_id-1-character": (revoke_invitation, {"invitation_id": "i"}),
        "bulk-10": (create_bulk_invitations, {"body": bulk(10, expires_in_days=365)}),
        "bulk-nulls": (
            create_bulk_invitations,
            {
                "body": bulk(
                    1,
                    public_metadata=None,
                    redirect_url=None,
                    notify=None,
                    ignore_existing=None,
                    expires_in_days=None,
                    template_slug=TemplateSlug.WAITLIST_INVITATION,
                )
            },
        ),
        "create-expires-1": (
            create_invitation,
            {"body": create(expires_in_days=1, public_metadata={"tags": ["a", 1, 2.5, True, None]})},
        ),
        "create-metadata-125-deep": (
            create_invitation,
            {"body": create(public_metadata=nested(errors.MAX_ARGUMENT_DEPTH))},
        ),
    }


@pytest.mark.parametrize("case", list(accepted_arguments()))
def test_check_arguments_accepts_the_boundary_values(case: str) -> None:
    endpoint, arguments = accepted_arguments()[case]

    assert endpoint.check_arguments(**arguments) is None


def test_every_operation_has_check_arguments_with_its_call_arguments(spec: dict[str, Any]) -> None:
    """check_arguments takes what sync() takes, but the client and the deadline: one is generated per operation."""
    modules = [
        importlib.import_module(module.name)
        for module in pkgutil.walk_packages(clerk_invitations_client.api.__path__, "clerk_invitations_client.api.")
        if not module.ispkg
    ]
    methods = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}
    operations = [
        operation for path in spec["paths"].values() for method, operation in path.items() if method in methods
    ]
    assert len(modules) == len(operations)
    for module in modules:
        called = inspect.signature(module.sync).parameters
        checked = inspect.signature(module.check_arguments).parameters
        assert list(checked) == [name for name in called if name not in {"client", "deadline"}], module.__name__


@pytest.mark.parametrize("case", list(accepted_arguments()))
def test_boundary_values_go_out_and_prism_accepts_them(call: Caller, client: AuthenticatedClient, case: str) -> None:
    endpoint, arguments = accepted_arguments()[case]

    response = call.detailed(endpoint, client=client, **arguments)

    assert "sl-violations" not in response.headers, response.headers["sl-violations"]
    assert response.status_code == 200, response.content


PAST_THE_CHECKS: dict[str, tuple[str, str, dict[str, Any], str]] = {
    "limit-501": ("GET", "/invitations", {"params": {"limit": 501}}, "limit"),
    "limit-0": ("GET", "/invitations", {"params": {"limit": 0}}, "limit"),
    "offset--1": ("GET", "/invitations", {"params": {"offset": -1}}, "offset"),
    "order_by-unknown-field": ("GET", "/invitations", {"params": {"order_by": "-name"}}, "order_by"),
    "status-unknown": ("GET", "/invitations", {"params": {"status": "archived"}}, "status"),
    "bulk-11": ("POST", "/invitations/bulk", {"json": [{"email_address": "ada@example.com"}] * 11}, "maxItems"),
    "bulk-empty": ("POST", "/invitations/bulk", {"json": []}, "minItems"),
    "expires-366": (
        "POST",
        "/invitations",
        {"json": {"email_address": "ada@example.com", "expires_in_days": 366}},
        "expires_in_days",
    ),
}


@pytest.mark.parametrize("case", list(PAST_THE_CHECKS))
def test_prism_refuses_what_the_checks_refuse(base_url: str, case: str) -> None:
    """The checks and the spec's own validator agree: sent past the client, these requests get a 422 from Prism."""
    method, path, request, violation = PAST_THE_CHECKS[case]
    headers = {"Authorization": f"Bearer {TEST_SECRET_KEY}"}

    with httpx.Client(base_url=base_url, headers=headers) as raw:
        response = raw.request(method, path, **request)

    assert response.status_code == 422
    assert violation in response.headers["sl-violations"]
