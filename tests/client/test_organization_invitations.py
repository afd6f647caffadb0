"""The organization-invitation, user and waitlist operations against Prism, sync and async, and the page
functions of every list operation, whichever shape its 200 has (against Prism, and the scripted server for
pages Prism can't serve: an item shown twice, a cap in the middle of a page).

Every operation is found in openapi.yaml (tests/support/operations.py): a new one is covered with no edit here.
"""

from __future__ import annotations

import inspect
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from clerk_invitations_client import AuthenticatedClient, errors
from clerk_invitations_client.api.organization_invitations import (
    create_organization_invitation,
    create_organization_invitation_bulk,
    get_organization_invitation,
    list_instance_organization_invitations,
    list_organization_invitations,
    revoke_organization_invitation,
)
from clerk_invitations_client.api.users import users_get_organization_invitations
from clerk_invitations_client.api.waitlist_entries import invite_waitlist_entry
from clerk_invitations_client.models import (
    CreateOrganizationInvitationRequest,
    Invitation,
    InvitationStatus,
    InviteWaitlistEntryRequest,
    OrganizationInvitation,
    OrganizationInvitationInviter,
    OrganizationInvitationObject,
    OrganizationInvitations,
    OrganizationInvitationsWithOrganization,
    OrganizationInvitationWithOrganization,
    PublicOrganizationData,
    RevokeOrganizationInvitationRequest,
    WaitlistEntry,
    WaitlistEntryStatus,
)
from clerk_invitations_client.types import UNSET, Page, Response

from tests.support.calls import TEST_SECRET_KEY, Caller
from tests.support.operations import OPERATIONS
from tests.support.scripted_server import ScriptedServer, json_reply
from tools.spec_lookup import resolve

ORGANIZATION_ID = "org_2x6JlPo2Qs7UvX0YzA3bC5dE8fG"
USER_ID = "user_2x7KmQp3Rt8VwY1ZaB4cD6eF9gH"
INVITATION_ID = "orginv_2x9QmZk1vR8tYp3LbN6cW4dHs7E"
PAGED = [operation_id for operation_id, operation in OPERATIONS.items() if operation.paged]


def assert_accepted_by_prism(response: Response[Any]) -> None:
    assert "sl-violations" not in response.headers, response.headers["sl-violations"]
    assert response.status_code == 200, response.content


def assert_organization_invitation(
    invitation: object,
) -> OrganizationInvitation | OrganizationInvitationWithOrganization:
    assert isinstance(invitation, OrganizationInvitation | OrganizationInvitationWithOrganization)
    assert invitation.object_ is OrganizationInvitationObject.ORGANIZATION_INVITATION
    assert invitation.id.startswith("orginv_")
    assert isinstance(invitation.organization_id, str) and invitation.organization_id.startswith("org_")
    assert isinstance(invitation.status, InvitationStatus)
    assert invitation.role.startswith("org:") and invitation.role_name
    assert type(invitation.public_metadata) is dict
    assert invitation.private_metadata is UNSET or type(invitation.private_metadata) is dict
    assert invitation.inviter_id is None or invitation.inviter_id.startswith("user_")
    inviter = invitation.public_inviter_data
    assert inviter is None or isinstance(inviter, OrganizationInvitationInviter)
    assert (inviter is None) == (invitation.inviter_id is None)
    assert invitation.url is None or isinstance(invitation.url, str)
    assert invitation.updated_at >= invitation.created_at
    return invitation


@pytest.mark.parametrize("operation_id", OPERATIONS)
def test_every_operation_with_what_it_needs(call: Caller, client: AuthenticatedClient, operation_id: str) -> None:
    """Every operation of the spec, with its path ids and its example body: Prism accepts the request, and
    sync()/asyncio() return what *_detailed parses."""
    operation = OPERATIONS[operation_id]
    response = call.detailed(operation.endpoint, client=client, **operation.arguments)

    assert_accepted_by_prism(response)
    assert response.parsed is not None
    assert call(operation.endpoint, client=client, **operation.arguments) == response.parsed


def test_create_organization_invitation_with_every_field(call: Caller, client: AuthenticatedClient) -> None:
    body = CreateOrganizationInvitationRequest(
        email_address="ada@example.com",
        role="org:member",
        inviter_user_id="user_2x7KmQp3Rt8VwY1ZaB4cD6eF9gH",
        public_metadata={"team": "compilers"},
        private_metadata=None,
        redirect_url="https://app.example.com/join",
        expires_in_days=365,
        notify=False,
    )
    response = call.detailed(create_organization_invitation, ORGANIZATION_ID, client=client, body=body)

    assert_accepted_by_prism(response)
    invitation = assert_organization_invitation(response.parsed)
    assert invitation.status is InvitationStatus.PENDING
    assert isinstance(invitation.public_inviter_data, OrganizationInvitationInviter)
    assert invitation.public_inviter_data.user_id == invitation.inviter_id


def test_the_bulk_item_is_the_single_create_body(call: Caller, client: AuthenticatedClient) -> None:
    body = [
        CreateOrganizationInvitationRequest(email_address="ada@example.com", role="org:admin"),
        CreateOrganizationInvitationRequest(
            email_address="grace@example.com", role="org:member", inviter_user_id=None, public_metadata=None
        ),
    ]
    response = call.detailed(create_organization_invitation_bulk, ORGANIZATION_ID, client=client, body=body)

    assert_accepted_by_prism(response)
    assert isinstance(response.parsed, OrganizationInvitations)
    assert response.parsed.total_count >= len(response.parsed.data) > 0
    for invitation in response.parsed.data:
        assert_organization_invitation(invitation)


def test_get_and_revoke_an_organization_invitation(call: Caller, client: AuthenticatedClient) -> None:
    got = call(get_organization_invitation, ORGANIZATION_ID, INVITATION_ID, client=client)
    assert assert_organization_invitation(got).id == INVITATION_ID

    for body in (UNSET, RevokeOrganizationInvitationRequest(requesting_user_id=USER_ID)):
        ids = (ORGANIZATION_ID, INVITATION_ID)
        response = call.detailed(revoke_organization_invitation, *ids, client=client, body=body)
        assert_accepted_by_prism(response)
        revoked = assert_organization_invitation(response.parsed)
        assert revoked.status is InvitationStatus.REVOKED
        assert revoked.url is None


@pytest.mark.parametrize(
    ("endpoint", "arguments"),
    [
        (
            list_organization_invitations,
            {
                "organization_id": ORGANIZATION_ID,
                "status": InvitationStatus.PENDING,
                "email_address": "ada@example.com",
                "order_by": "+email_address",
                "limit": 500,
                "offset": 10,
            },
        ),
        (
            list_instance_organization_invitations,
            {"order_by": "-created_at", "status": InvitationStatus.ACCEPTED, "query": "ex", "limit": 1, "offset": 0},
        ),
        (
            users_get_organization_invitations,
            {"user_id": USER_ID, "limit": 20, "offset": 40, "status": InvitationStatus.EXPIRED},
        ),
    ],
    ids=["organization", "instance", "user"],
)
def test_the_lists_answer_data_and_total_count(
    call: Caller, client: AuthenticatedClient, endpoint: Any, arguments: dict[str, Any]
) -> None:
    """sync()/asyncio() return the {data, total_count} model itself; no `paginated` parameter there."""
    response = call.detailed(endpoint, client=client, **arguments)

    assert_accepted_by_prism(response)
    page = response.parsed
    assert isinstance(page, OrganizationInvitations | OrganizationInvitationsWithOrganization)
    assert page.total_count >= len(page.data) > 0
    for invitation in page.data:
        assert_organization_invitation(invitation)
        if isinstance(page, OrganizationInvitationsWithOrganization):
            assert isinstance(invitation, OrganizationInvitationWithOrganization)
            assert isinstance(invitation.public_organization_data, PublicOrganizationData)
            assert invitation.public_organization_data.id == invitation.organization_id
    assert "paginated" not in inspect.signature(endpoint.sync).parameters


@pytest.mark.parametrize("ignore_existing", [UNSET, True, None])
def test_invite_a_waitlist_entry(call: Caller, client: AuthenticatedClient, ignore_existing: Any) -> None:
    body = UNSET if ignore_existing is UNSET else InviteWaitlistEntryRequest(ignore_existing=ignore_existing)
    response = call.detailed(invite_waitlist_entry, "wle_2x9RnAl2wS9uZq4McO7dX5eIt8F", client=client, body=body)

    assert_accepted_by_prism(response)
    entry = response.parsed
    assert isinstance(entry, WaitlistEntry)
    assert entry.id.startswith("wle_") and entry.status is WaitlistEntryStatus.INVITED
    assert isinstance(entry.invitation, Invitation)
    assert entry.invitation.email_address == entry.email_address


def page_example(spec: dict[str, Any], operation_id: str) -> str:
    """The name of the operation's 200 example that is a page ({data, total_count}), for Prism's `Prefer`."""
    media = resolve(spec, OPERATIONS[operation_id].spec["responses"]["200"])["content"]["application/json"]
    name: str = next(name for name, node in media["examples"].items() if "data" in resolve(spec, node)["value"])
    return name


@pytest.mark.parametrize("operation_id", PAGED)
def test_every_list_operation_pages_from_prism(
    call: Caller, client: AuthenticatedClient, spec: dict[str, Any], operation_id: str
) -> None:
    """sync_page/asyncio_page and sync_all/asyncio_all, whichever shape the 200 has."""
    operation = OPERATIONS[operation_id]
    endpoint, arguments = operation.endpoint, operation.arguments
    client = client.with_headers({"Prefer": f"example={page_example(spec, operation_id)}"})
    if call.mode == "sync":
        page = endpoint.sync_page(client=client, limit=2, **arguments)
        every = list(endpoint.sync_all(client=client, page_size=2, **arguments))
        capped = list(endpoint.sync_all(client=client, max_items=1, **arguments))
    else:

        async def scan(**settings: Any) -> list[Any]:
            return [item async for item in endpoint.asyncio_all(client=client, **settings, **arguments)]

        page = call.loop.run_until_complete(endpoint.asyncio_page(client=client, limit=2, **arguments))
        every = call.loop.run_until_complete(scan(page_size=2))
        capped = call.loop.run_until_complete(scan(max_items=1))
    assert isinstance(page, Page) and page.total_count >= len(page.items) > 0
    assert [item.id for item in every] == [item.id for item in page.items]
    assert capped == every[:1]


def item_of(operation_id: str, spec: dict[str, Any], index: int) -> dict[str, Any]:
    """An item of the operation's 200, from its example, with an id of its own."""
    response = resolve(spec, OPERATIONS[operation_id].spec["responses"]["200"])
    media = response["content"]["application/json"]
    example = resolve(spec, next(iter(media["examples"].values())))["value"]
    items = example["data"] if isinstance(example, dict) else example
    return {**items[0], "id": f"{items[0]['id'].split('_')[0]}_{index:027d}"}


@pytest.mark.parametrize("operation_id", PAGED)
def test_every_list_operation_yields_each_item_once_and_stops_at_the_cap(
    server: ScriptedServer, spec: dict[str, Any], operation_id: str
) -> None:
    """Pages that shift (an item created during the scan shows the last one again) and a cap mid-page: each id is
    yielded once, and no page past the cap is fetched. Prism can't serve shifting pages; the scripted server can."""
    operation = OPERATIONS[operation_id]
    items = [item_of(operation_id, spec, index) for index in range(5)]
    server.script(
        json_reply({"data": items[0:2], "total_count": 5}),
        json_reply({"data": items[1:3], "total_count": 5}),  # shifted by one: items[1] again
        json_reply({"data": items[3:5], "total_count": 5}),
    )
    client = AuthenticatedClient(base_url=server.url, token=TEST_SECRET_KEY)
    scan = operation.endpoint.sync_all(client=client, page_size=2, max_items=4, **operation.arguments)
    assert not server.requests  # lazy: nothing is fetched before the first item is asked for

    yielded = [item.id for item in scan]

    assert yielded == [item["id"] for item in items[:4]]
    queries = [parse_qs(urlsplit(request.path).query) for request in server.requests]
    assert [query["offset"] for query in queries] == [["0"], ["2"], ["4"]]
    assert all(1 <= int(query["limit"][0]) <= 2 for query in queries)  # no more than the cap needs


@pytest.mark.parametrize("operation_id", PAGED)
def test_bad_page_arguments_are_refused_before_sending(server: ScriptedServer, operation_id: str) -> None:
    operation = OPERATIONS[operation_id]
    client = AuthenticatedClient(base_url=server.url, token=TEST_SECRET_KEY)
    for settings in ({"page_size": 0}, {"page_size": 501}, {"max_items": -1}):
        with pytest.raises(errors.InvalidArgumentError):
            operation.endpoint.sync_all(client=client, **settings, **operation.arguments)
    for settings in ({"limit": 0}, {"limit": 501}, {"offset": -1}):
        with pytest.raises(errors.InvalidArgumentError):
            operation.endpoint.sync_page(client=client, **settings, **operation.arguments)
    assert not server.requests


PATH_IDS = [
    (operation_id, name) for operation_id, operation in OPERATIONS.items() for name in operation.path_parameters
]


@pytest.mark.parametrize(("operation_id", "name"), PATH_IDS, ids=[f"{o}-{n}" for o, n in PATH_IDS])
@pytest.mark.parametrize("value", ["", ".", ".."])
def test_a_path_id_that_would_change_the_path_is_refused(
    server: ScriptedServer, operation_id: str, name: str, value: str
) -> None:
    operation = OPERATIONS[operation_id]
    client = AuthenticatedClient(base_url=server.url, token=TEST_SECRET_KEY)
    with pytest.raises(errors.InvalidArgumentError, match=name):
        operation.endpoint.sync(client=client, **{**operation.arguments, name: value})
    assert not server.requests


def invitation_request(**fields: Any) -> CreateOrganizationInvitationRequest:
    return CreateOrganizationInvitationRequest(**{"email_address": "ada@example.com", "role": "org:member", **fields})


@pytest.mark.parametrize(
    ("endpoint", "body", "refused"),
    [
        (create_organization_invitation_bulk, [], "body must have at least 1 item"),
        (create_organization_invitation_bulk, [invitation_request()] * 11, "body must have at most 10 items"),
        (create_organization_invitation_bulk, [invitation_request(expires_in_days=0)], r"body\[0\].expires_in_days"),
        (create_organization_invitation, invitation_request(expires_in_days=366), "body.expires_in_days"),
        (create_organization_invitation, invitation_request(public_metadata={"n": float("nan")}), "public_metadata"),
        (create_organization_invitation, invitation_request(role=1), "body.role"),
    ],
    ids=["no item", "eleven items", "bulk item", "expires_in_days", "metadata", "role"],
)
def test_bodies_are_checked_against_the_spec_before_sending(
    server: ScriptedServer, endpoint: Any, body: Any, refused: str
) -> None:
    client = AuthenticatedClient(base_url=server.url, token=TEST_SECRET_KEY)
    with pytest.raises(errors.InvalidArgumentError, match=refused):
        endpoint.sync(ORGANIZATION_ID, client=client, body=body)
    assert not server.requests
