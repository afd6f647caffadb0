"""The generated client against Prism mocking Clerk's own spec (upstream/clerk-bapi-invitations.yml).

Every operation, sent with every parameter and body field Clerk documents that our spec has too, must pass
Clerk's request validation; for every status Clerk documents, the response Prism builds from Clerk's schemas
(asked for with Prism's `Prefer: code=...`) must parse into the model our spec promises.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import httpx
import pytest
import yaml
from clerk_invitations_client import AuthenticatedClient, errors
from clerk_invitations_client.api.invitations import (
    create_bulk_invitations,
    create_invitation,
    list_invitations,
    revoke_invitation,
)
from clerk_invitations_client.models import (
    BulkInvitationRequest,
    ClerkErrors,
    CreateInvitationRequest,
    Invitation,
    InvitationStatus,
    TemplateSlug,
)

from tests.support.calls import TEST_SECRET_KEY
from tests.support.prism import running_prism
from tools.upstream_diff import Document
from tools.upstream_spec import OUR_SPEC, UPSTREAM_SPEC, operations

CLERK = yaml.safe_load(UPSTREAM_SPEC.read_text())
OURS = yaml.safe_load(OUR_SPEC.read_text())
EVERY_FIELD: dict[str, Any] = {
    "email_address": "ada@example.com",
    "redirect_url": "https://app.example.com/accept-invitation",
    "notify": False,
    "ignore_existing": True,
    "expires_in_days": 7,
    "template_slug": TemplateSlug.WAITLIST_INVITATION,
}
CALLS: dict[str, tuple[ModuleType, dict[str, Any]]] = {
    "CreateInvitation": (
        create_invitation,
        {"body": CreateInvitationRequest(public_metadata={"plan": "pro"}, **EVERY_FIELD)},
    ),
    "CreateBulkInvitations": (
        create_bulk_invitations,
        {"body": [BulkInvitationRequest(public_metadata={"team": "compilers"}, **EVERY_FIELD)]},
    ),
    "ListInvitations": (
        list_invitations,
        {"status": InvitationStatus.PENDING, "query": "ada", "order_by": "+email_address", "limit": 500, "offset": 20},
    ),
    "RevokeInvitation": (revoke_invitation, {"invitation_id": "inv_2x9QmZk1vR8tYp3LbN6cW4dHs7E"}),
}
SINGLE_INVITATION = {"CreateInvitation", "RevokeInvitation"}  # the other two answer list[Invitation]
PAGE_ONLY = {"paginated"}  # sent by the page functions only (test_clerks_spec_accepts_our_page_request)
CASES = [
    (name, status) for name, (_, _, operation, _) in operations(CLERK).items() for status in operation["responses"]
]


def query_parameters(spec: dict[str, Any], operation_id: str) -> set[str]:
    _, _, operation, item = operations(spec)[operation_id]
    document = Document(spec)
    parameters = [document.resolve(p) for p in [*item.get("parameters", []), *operation.get("parameters", [])]]
    return {parameter["name"] for parameter in parameters if parameter["in"] == "query"}


def body_fields(operation_id: str) -> set[str]:
    """The properties of the request body (of its items, for an array) that Clerk's spec documents."""
    _, _, operation, _ = operations(CLERK)[operation_id]
    document = Document(CLERK)
    schema = document.schema(operation["requestBody"]["content"]["application/json"]["schema"])
    if "items" in schema:
        schema = document.schema(schema["items"])
    return set(schema["properties"])


@pytest.fixture(scope="module")
def clerk_prism() -> Iterator[str]:
    with running_prism(UPSTREAM_SPEC) as prism:
        yield prism.base_url


def test_every_operation_of_clerks_spec_is_called() -> None:
    assert set(CALLS) == set(operations(CLERK))


@pytest.mark.parametrize(("operation_id", "status"), CASES)
def test_clerks_spec_accepts_our_request_and_we_parse_its_response(
    clerk_prism: str, operation_id: str, status: str
) -> None:
    sent: list[httpx.Request] = []
    client = AuthenticatedClient(
        base_url=clerk_prism,
        token=TEST_SECRET_KEY,
        max_retries=0,
        headers={"Prefer": f"code={status}"},
        httpx_args={"event_hooks": {"request": [sent.append]}},
    )
    endpoint, arguments = CALLS[operation_id]

    response = endpoint.sync_detailed(client=client, **arguments)

    assert response.headers.get("sl-violations") is None, "Prism found the request invalid against Clerk's spec"
    assert response.status_code == int(status)
    assert response.parse_error is None
    success = status.startswith("2")
    many = success and operation_id not in SINGLE_INVITATION
    parsed = response.parsed if many else [response.parsed]
    assert parsed and all(isinstance(item, Invitation if success else ClerkErrors) for item in parsed)
    built = json.loads(response.content)
    assert [item.to_dict() for item in parsed] == (built if many else [built])  # nothing was lost or changed
    request = sent[-1]
    both = query_parameters(CLERK, operation_id) & query_parameters(OURS, operation_id)
    assert set(request.url.params) == both - PAGE_ONLY
    if request.content:
        body = json.loads(request.content)
        for item in body if isinstance(body, list) else [body]:
            assert set(item) == body_fields(operation_id)


def test_clerks_spec_accepts_our_page_request(clerk_prism: str) -> None:
    """A page is asked for with `paginated=true` and every filter; Clerk's spec documents only the bare array as
    the answer, so Prism's answer can't be a page: what matters here is that Clerk's validation takes the request."""
    sent: list[httpx.Request] = []
    client = AuthenticatedClient(
        base_url=clerk_prism,
        token=TEST_SECRET_KEY,
        max_retries=0,
        httpx_args={"event_hooks": {"request": [sent.append]}},
    )
    _, filters = CALLS["ListInvitations"]

    with pytest.raises(errors.UnexpectedResponse) as raised:
        list_invitations.sync_page(client=client, **filters)

    assert raised.value.status_code == 200
    assert raised.value.headers.get("sl-violations") is None, "Prism found the request invalid against Clerk's spec"
    assert set(sent[-1].url.params) == query_parameters(CLERK, "ListInvitations") & query_parameters(
        OURS, "ListInvitations"
    )
    assert sent[-1].url.params["paginated"] == "true"
