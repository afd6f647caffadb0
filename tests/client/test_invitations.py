"""Every operation of the spec against Prism, each sync and async: the application invitations in detail, then
the organization and waitlist ones; every documented error status of every operation.

Prism validates every request against openapi.yaml: a request it accepts carries no
`sl-violations` header and is not answered with 422.
"""

from __future__ import annotations

from typing import Any

import pytest
from clerk_invitations_client import AuthenticatedClient, Client, errors
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
    InvitationObject,
    InvitationStatus,
    TemplateSlug,
)
from clerk_invitations_client.types import UNSET, Response

from tests.support.calls import Caller
from tests.support.operations import OPERATIONS
from tools.spec_lookup import resolve

INVITATION_ID = "inv_2x9QmZk1vR8tYp3LbN6cW4dHs7E"


def assert_accepted_by_prism(response: Response[Any]) -> None:
    assert "sl-violations" not in response.headers, response.headers["sl-violations"]
    assert response.status_code == 200, response.content


def assert_invitation(invitation: object) -> Invitation:
    """The parsed model has the spec's Python types, not raw JSON."""
    assert isinstance(invitation, Invitation)
    assert invitation.object_ is InvitationObject.INVITATION
    assert isinstance(invitation.id, str) and invitation.id.startswith("inv_")
    assert isinstance(invitation.email_address, str) and "@" in invitation.email_address
    assert type(invitation.public_metadata) is dict
    assert isinstance(invitation.status, InvitationStatus)
    assert isinstance(invitation.created_at, int) and len(str(invitation.created_at)) == 13
    assert isinstance(invitation.updated_at, int) and invitation.updated_at >= invitation.created_at
    assert invitation.expires_at is None or isinstance(invitation.expires_at, int)
    assert invitation.revoked is UNSET or isinstance(invitation.revoked, bool)
    assert invitation.url is UNSET or isinstance(invitation.url, str)
    return invitation


def test_create_invitation(call: Caller, client: AuthenticatedClient) -> None:
    body = CreateInvitationRequest(
        email_address="ada@example.com",
        public_metadata={"plan": "pro", "seats": 3},
        redirect_url="https://app.example.com/accept-invitation",
        notify=False,
        ignore_existing=True,
        expires_in_days=7,
        template_slug=TemplateSlug.INVITATION,
    )
    response = call.detailed(create_invitation, client=client, body=body)

    assert_accepted_by_prism(response)
    invitation = assert_invitation(response.parsed)
    assert invitation.status is InvitationStatus.PENDING
    assert invitation.public_metadata["plan"] == "pro"
    assert call(create_invitation, client=client, body=body) == invitation


def test_create_bulk_invitations(call: Caller, client: AuthenticatedClient) -> None:
    body = [
        BulkInvitationRequest(email_address="ada@example.com"),
        BulkInvitationRequest(
            email_address="grace@example.com",
            public_metadata={"team": "compilers"},
            redirect_url=None,
            notify=None,
            expires_in_days=365,
            template_slug=TemplateSlug.WAITLIST_INVITATION,
        ),
    ]
    response = call.detailed(create_bulk_invitations, client=client, body=body)

    assert_accepted_by_prism(response)
    assert isinstance(response.parsed, list) and len(response.parsed) == 2
    for invitation in response.parsed:
        assert_invitation(invitation)
    assert call(create_bulk_invitations, client=client, body=body) == response.parsed


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"status": InvitationStatus.PENDING, "query": "example.com", "order_by": "+email_address"},
        {"status": InvitationStatus.EXPIRED, "order_by": "-expires_at", "limit": 500, "offset": 20},
    ],
    ids=["defaults", "status-query-order", "limit-offset"],
)
def test_list_invitations(call: Caller, client: AuthenticatedClient, filters: dict[str, Any]) -> None:
    response = call.detailed(list_invitations, client=client, **filters)

    assert_accepted_by_prism(response)
    assert isinstance(response.parsed, list) and response.parsed
    for invitation in response.parsed:
        assert_invitation(invitation)
    assert call(list_invitations, client=client, **filters) == response.parsed


def test_revoke_invitation(call: Caller, client: AuthenticatedClient) -> None:
    response = call.detailed(revoke_invitation, client=client, invitation_id=INVITATION_ID)

    assert_accepted_by_prism(response)
    invitation = assert_invitation(response.parsed)
    assert invitation.status is InvitationStatus.REVOKED
    assert invitation.revoked is True
    assert call(revoke_invitation, client=client, invitation_id=INVITATION_ID) == invitation


ERROR_CASES = [(operation_id, status) for operation_id, op in OPERATIONS.items() for status in op.error_statuses]


def error_example(spec: dict[str, Any], operation_id: str, status: int) -> dict[str, Any]:
    response = resolve(spec, OPERATIONS[operation_id].spec["responses"][str(status)])
    example: dict[str, Any] = response["content"]["application/json"]["example"]
    return example


def expected_exception(status: int) -> type[errors.ClerkAPIError]:
    """The ClerkAPIError subclass whose `status` is this one, found in errors, not listed here."""
    (exception,) = [error for error in errors.ClerkAPIError.__subclasses__() if error.status == status]
    return exception


def test_every_documented_error_status_has_its_exception() -> None:
    statuses = {status for _, status in ERROR_CASES}
    assert {402, 409, 500} <= statuses  # Clerk's organization and waitlist operations document them
    for status in statuses | set(errors.STATUSES_ON_EVERY_OPERATION):
        assert expected_exception(status).status == status


@pytest.mark.parametrize(("operation_id", "status"), ERROR_CASES, ids=[f"{o}-{s}" for o, s in ERROR_CASES])
def test_documented_error(
    call: Caller, client: AuthenticatedClient, spec: dict[str, Any], operation_id: str, status: int
) -> None:
    """`*_detailed` parses the error into ClerkErrors; sync()/asyncio() raise it as ClerkAPIError."""
    endpoint, kwargs = OPERATIONS[operation_id].endpoint, OPERATIONS[operation_id].arguments
    client = client.with_headers({"Prefer": f"code={status}"})
    example = error_example(spec, operation_id, status)

    response = call.detailed(endpoint, client=client, **kwargs)
    assert response.status_code == status
    assert isinstance(response.parsed, ClerkErrors)
    assert response.parsed.to_dict() == example

    with pytest.raises(expected_exception(status)) as raised:
        call(endpoint, client=client, **kwargs)
    error = raised.value
    assert isinstance(error, errors.ClerkAPIError) and isinstance(error, errors.ClerkInvitationsError)
    assert error.status_code == status
    assert [e.to_dict() for e in error.errors] == example["errors"]
    assert error.code == example["errors"][0]["code"]
    assert error.clerk_trace_id == example["clerk_trace_id"]
    assert error.headers["content-type"].startswith("application/json")
    message = str(error)
    assert str(status) in message
    assert example["errors"][0]["code"] in message and example["errors"][0]["long_message"] in message
    if status == 429:
        assert isinstance(error, errors.RateLimitError)
        assert error.retry_after == float(response.headers["Retry-After"]) > 0


def test_missing_authorization_is_refused(call: Caller, base_url: str) -> None:
    response = call.detailed(list_invitations, client=Client(base_url=base_url))

    assert response.status_code == 401
    assert isinstance(response.parsed, ClerkErrors)
    assert response.parsed.errors[0].code == "authentication_invalid"
    with pytest.raises(errors.AuthenticationError, match="authentication_invalid"):
        call(list_invitations, client=Client(base_url=base_url))
