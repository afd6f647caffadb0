"""Invite up to ten people to an organization at once

Creates one organization invitation for each item, each with its own role, inviter and metadata,
under the same rules as a single one. The request succeeds or fails as a whole.

`sync()` and `asyncio()` return the success, `OrganizationInvitations`, or raise; `sync_detailed()` and
`asyncio_detailed()` return any completed exchange as a `Response`, whatever its status; `sync_each()` and
`asyncio_each()` send any number of items, one outcome per item. `check_arguments()` checks the arguments
without sending. The `asyncio` functions are the `sync` ones, awaited.

Args:
    client: The client that sends the request.
    organization_id: The id of the organization (`org_...`).
    body: The request's body.
    deadline: The most seconds a call may take, retries included; by default the client's `deadline`; None: no
        limit.

Raises:
    errors.ClerkAPIError: From all but `*_detailed()`: Clerk answered with an error the operation documents, or
        one Clerk can answer anywhere, as the subclass for its status:
        errors.BadRequestError (400), errors.AuthenticationError (401), errors.PermissionDeniedError (403),
        errors.NotFoundError (404), errors.UnprocessableEntityError (422), errors.RateLimitError (429).
    errors.UnexpectedResponse: A body that can't be decompressed, or is over the client's max_response_bytes
        (errors.ResponseTooLargeError); from all but `*_detailed()`, an undocumented status, or a body that
        doesn't match the spec.
    errors.APIConnectionError: No response, after any retries (errors.APITimeoutError on a timeout, or when the
        deadline passes).
    errors.ClientClosedError: The client was closed before or during the call.
    errors.InvalidArgumentError: An argument was refused before sending.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ... import decoding, errors
from ...bulk import Batch, Outcome, ProgressCallback, run, run_async
from ...client import AuthenticatedClient, Client, build_request, path_segment
from ...models.clerk_errors import ClerkErrors
from ...models.create_organization_invitation_request import CreateOrganizationInvitationRequest
from ...models.organization_invitation import OrganizationInvitation
from ...models.organization_invitations import OrganizationInvitations
from ...types import UNSET, Response, Unset, build_response
from ..organization_invitations import create_organization_invitation as single_operation

if TYPE_CHECKING:
    import httpx


def check_arguments(
    organization_id: str,
    *,
    body: list[CreateOrganizationInvitationRequest],
) -> None:
    """Check the arguments against the spec, as every function of this operation does first; nothing is sent.

    Raises:
        errors.InvalidArgumentError: The first argument refused, with its place (`argument`) and the rule it
            breaks (`rule`).
    """
    errors.check_str(organization_id, "organization_id", min_length=1)

    errors.check_list(body, "body", min_items=1, max_items=10)
    for body_index, body_entry in enumerate(body):
        errors.check_instance(body_entry, CreateOrganizationInvitationRequest, f"body[{body_index}]")
        errors.check_json(body_entry.additional_properties, f"body[{body_index}]")
        errors.check_str(body_entry.email_address, f"body[{body_index}].email_address")

        errors.check_str(body_entry.role, f"body[{body_index}].role")

        if not isinstance(body_entry.inviter_user_id, Unset) and body_entry.inviter_user_id is not None:
            errors.check_str(body_entry.inviter_user_id, f"body[{body_index}].inviter_user_id")

        if not isinstance(body_entry.public_metadata, Unset) and body_entry.public_metadata is not None:
            errors.check_instance(body_entry.public_metadata, dict, f"body[{body_index}].public_metadata")
            errors.check_json(body_entry.public_metadata, f"body[{body_index}].public_metadata")

        if not isinstance(body_entry.private_metadata, Unset) and body_entry.private_metadata is not None:
            errors.check_instance(body_entry.private_metadata, dict, f"body[{body_index}].private_metadata")
            errors.check_json(body_entry.private_metadata, f"body[{body_index}].private_metadata")

        if not isinstance(body_entry.redirect_url, Unset) and body_entry.redirect_url is not None:
            errors.check_str(body_entry.redirect_url, f"body[{body_index}].redirect_url")

        if not isinstance(body_entry.expires_in_days, Unset) and body_entry.expires_in_days is not None:
            errors.check_int(body_entry.expires_in_days, f"body[{body_index}].expires_in_days", minimum=1, maximum=365)

        if not isinstance(body_entry.notify, Unset) and body_entry.notify is not None:
            errors.check_bool(body_entry.notify, f"body[{body_index}].notify")


def _get_kwargs(
    organization_id: str,
    *,
    body: list[CreateOrganizationInvitationRequest],
) -> dict[str, Any]:
    check_arguments(
        organization_id=organization_id,
        body=body,
    )
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/organizations/{organization_id}/invitations/bulk".format(
            organization_id=path_segment(organization_id, "organization_id"),
        ),
    }

    body_item_list: list[dict[str, Any]] = []
    for body_item_data in body:
        body_item = body_item_data.to_dict()
        body_item_list.append(body_item)
    _kwargs["json"] = body_item_list

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(response: httpx.Response) -> ClerkErrors | OrganizationInvitations | None:
    if response.status_code == 200:
        response_200 = decoding.parse(response.content, OrganizationInvitations)
        return response_200

    if response.status_code == 400:
        response_400 = decoding.parse(response.content, ClerkErrors)
        return response_400

    if response.status_code == 401:
        response_401 = decoding.parse(response.content, ClerkErrors)
        return response_401

    if response.status_code == 403:
        response_403 = decoding.parse(response.content, ClerkErrors)
        return response_403

    if response.status_code == 404:
        response_404 = decoding.parse(response.content, ClerkErrors)
        return response_404

    if response.status_code == 422:
        response_422 = decoding.parse(response.content, ClerkErrors)
        return response_422

    if response.status_code == 429:
        response_429 = decoding.parse(response.content, ClerkErrors)
        return response_429

    return None


def sync_detailed(
    organization_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: list[CreateOrganizationInvitationRequest],
    deadline: float | None | Unset = UNSET,
) -> Response[ClerkErrors | OrganizationInvitations]:
    """Invite up to ten people to an organization at once: any completed exchange, whatever its status.

    Arguments and errors: the module's docstring.
    """
    with errors.argument_errors():
        request = build_request(
            client.get_httpx_client(),
            **_get_kwargs(
                organization_id=organization_id,
                body=body,
            ),
        )
    with errors.transport_errors():
        response = client.send(request, deadline)

    return build_response(response, _parse_response)


def sync(
    organization_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: list[CreateOrganizationInvitationRequest],
    deadline: float | None | Unset = UNSET,
) -> OrganizationInvitations:
    """Invite up to ten people to an organization at once: the success, or the exception for what came instead.

    Arguments and errors: the module's docstring.
    """
    response = sync_detailed(
        organization_id=organization_id,
        client=client,
        body=body,
        deadline=deadline,
    )
    return errors.success_of(response, OrganizationInvitations)


async def asyncio_detailed(
    organization_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: list[CreateOrganizationInvitationRequest],
    deadline: float | None | Unset = UNSET,
) -> Response[ClerkErrors | OrganizationInvitations]:
    """Invite up to ten people to an organization at once: any completed exchange, whatever its status.

    Arguments and errors: the module's docstring.
    """
    with errors.argument_errors():
        request = build_request(
            client.get_async_httpx_client(),
            **_get_kwargs(
                organization_id=organization_id,
                body=body,
            ),
        )
    with errors.transport_errors():
        response = await client.send_async(request, deadline)

    return build_response(response, _parse_response)


async def asyncio(
    organization_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: list[CreateOrganizationInvitationRequest],
    deadline: float | None | Unset = UNSET,
) -> OrganizationInvitations:
    """Invite up to ten people to an organization at once: the success, or the exception for what came instead.

    Arguments and errors: the module's docstring.
    """
    response = await asyncio_detailed(
        organization_id=organization_id,
        client=client,
        body=body,
        deadline=deadline,
    )
    return errors.success_of(response, OrganizationInvitations)


def _batch(
    organization_id: str,
    items: Iterable[CreateOrganizationInvitationRequest],
    on_progress: ProgressCallback | None,
) -> Batch[CreateOrganizationInvitationRequest, OrganizationInvitation]:
    return Batch(
        items,
        check=lambda item: check_arguments(organization_id=organization_id, body=[item]),
        max_items=10,
        has_single=True,
        on_progress=on_progress,
    )


def sync_each(
    organization_id: str,
    *,
    client: AuthenticatedClient | Client,
    items: Iterable[CreateOrganizationInvitationRequest],
    on_progress: ProgressCallback | None = None,
    deadline: float | None | Unset = UNSET,
) -> list[Outcome[CreateOrganizationInvitationRequest, OrganizationInvitation]]:
    """Invite up to ten people to an organization at once: any number of items, one outcome per item.

    Sends the items in chunks of at most 10 (the operation's maxItems), one chunk at a time,
    and returns one `Outcome` per item, in the order given: `.result` (what was created, or None), `.error`
    (one of this package's exceptions, or None) and `.created` (True, False, or None when it can't be told).
    - An item the argument checks refuse gets its InvalidArgumentError and is not sent; the others are.
    - The operation is all or nothing: when Clerk refuses a chunk (400, 402, 409 or 422), its items are
      sent again one by one through `create_organization_invitation`, so each gets its own answer.
    - A 429 the client's retries don't wait out, a deadline, a connection error or an unexpected response
      stops the batch: every item not yet sent gets that error, with `created` False.
    Nothing is sent twice, and nothing is raised about the items: each failure is in its item's outcome. Other
    arguments: the module's docstring.

    Args:
        items: The items, as many as there are; an iterator is read once.
        on_progress: Called with (items decided, all items) after each item's outcome is decided; all items is
            None for an iterator without a length.
        deadline: The most seconds each call may take, retries included; by default the client's `deadline`;
            None: no limit.
    """

    return run(
        _batch(organization_id=organization_id, items=items, on_progress=on_progress),
        lambda chunk: sync(organization_id=organization_id, client=client, body=chunk, deadline=deadline).data,
        lambda item: single_operation.sync(
            organization_id=organization_id, client=client, body=item, deadline=deadline
        ),
    )


async def asyncio_each(
    organization_id: str,
    *,
    client: AuthenticatedClient | Client,
    items: Iterable[CreateOrganizationInvitationRequest],
    on_progress: ProgressCallback | None = None,
    deadline: float | None | Unset = UNSET,
) -> list[Outcome[CreateOrganizationInvitationRequest, OrganizationInvitation]]:
    """Invite up to ten people to an organization at once: any number of items, one outcome per item: `sync_each()`, awaited."""

    async def send_chunk(chunk: list[CreateOrganizationInvitationRequest]) -> list[OrganizationInvitation]:
        return (await asyncio(organization_id=organization_id, client=client, body=chunk, deadline=deadline)).data

    return await run_async(
        _batch(organization_id=organization_id, items=items, on_progress=on_progress),
        send_chunk,
        lambda item: single_operation.asyncio(
            organization_id=organization_id, client=client, body=item, deadline=deadline
        ),
    )
