"""Revoke an organization invitation

Revokes a pending organization invitation: its link no longer lets the invitee join. Only pending
invitations can be revoked. `requesting_user_id`, when given, must be an admin member of the
organization.

`sync()` and `asyncio()` return the success, `OrganizationInvitation`, or raise; `sync_detailed()` and
`asyncio_detailed()` return any completed exchange as a `Response`, whatever its status. `check_arguments()`
checks the arguments without sending. The `asyncio` functions are the `sync` ones, awaited.

Args:
    client: The client that sends the request.
    organization_id: The id of the organization (`org_...`).
    invitation_id: The id of the organization invitation (`orginv_...`).
    body: Who revokes the invitation.
    deadline: The most seconds a call may take, retries included; by default the client's `deadline`; None: no
        limit.

Raises:
    errors.ClerkAPIError: From all but `*_detailed()`: Clerk answered with an error the operation documents, or
        one Clerk can answer anywhere, as the subclass for its status:
        errors.BadRequestError (400), errors.AuthenticationError (401), errors.PermissionDeniedError (403),
        errors.NotFoundError (404), errors.RateLimitError (429).
    errors.UnexpectedResponse: A body that can't be decompressed, or is over the client's max_response_bytes
        (errors.ResponseTooLargeError); from all but `*_detailed()`, an undocumented status, or a body that
        doesn't match the spec.
    errors.APIConnectionError: No response, after any retries (errors.APITimeoutError on a timeout, or when the
        deadline passes).
    errors.ClientClosedError: The client was closed before or during the call.
    errors.InvalidArgumentError: An argument was refused before sending.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ... import decoding, errors
from ...client import AuthenticatedClient, Client, build_request, path_segment
from ...models.clerk_errors import ClerkErrors
from ...models.organization_invitation import OrganizationInvitation
from ...models.revoke_organization_invitation_request import RevokeOrganizationInvitationRequest
from ...types import UNSET, Response, Unset, build_response

if TYPE_CHECKING:
    import httpx


def check_arguments(
    organization_id: str,
    invitation_id: str,
    *,
    body: RevokeOrganizationInvitationRequest | Unset = UNSET,
) -> None:
    """Check the arguments against the spec, as every function of this operation does first; nothing is sent.

    Raises:
        errors.InvalidArgumentError: The first argument refused, with its place (`argument`) and the rule it
            breaks (`rule`).
    """
    errors.check_str(organization_id, "organization_id", min_length=1)

    errors.check_str(invitation_id, "invitation_id", min_length=1)

    if not isinstance(body, Unset):
        errors.check_instance(body, RevokeOrganizationInvitationRequest, "body")
        errors.check_json(body.additional_properties, "body")
        if not isinstance(body.requesting_user_id, Unset) and body.requesting_user_id is not None:
            errors.check_str(body.requesting_user_id, "body.requesting_user_id")


def _get_kwargs(
    organization_id: str,
    invitation_id: str,
    *,
    body: RevokeOrganizationInvitationRequest | Unset = UNSET,
) -> dict[str, Any]:
    check_arguments(
        organization_id=organization_id,
        invitation_id=invitation_id,
        body=body,
    )
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/organizations/{organization_id}/invitations/{invitation_id}/revoke".format(
            organization_id=path_segment(organization_id, "organization_id"),
            invitation_id=path_segment(invitation_id, "invitation_id"),
        ),
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(response: httpx.Response) -> ClerkErrors | OrganizationInvitation | None:
    if response.status_code == 200:
        response_200 = decoding.parse(response.content, OrganizationInvitation)
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

    if response.status_code == 429:
        response_429 = decoding.parse(response.content, ClerkErrors)
        return response_429

    return None


def sync_detailed(
    organization_id: str,
    invitation_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: RevokeOrganizationInvitationRequest | Unset = UNSET,
    deadline: float | None | Unset = UNSET,
) -> Response[ClerkErrors | OrganizationInvitation]:
    """Revoke an organization invitation: any completed exchange, whatever its status.

    Arguments and errors: the module's docstring.
    """
    with errors.argument_errors():
        request = build_request(
            client.get_httpx_client(),
            **_get_kwargs(
                organization_id=organization_id,
                invitation_id=invitation_id,
                body=body,
            ),
        )
    with errors.transport_errors():
        response = client.send(request, deadline)

    return build_response(response, _parse_response)


def sync(
    organization_id: str,
    invitation_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: RevokeOrganizationInvitationRequest | Unset = UNSET,
    deadline: float | None | Unset = UNSET,
) -> OrganizationInvitation:
    """Revoke an organization invitation: the success, or the exception for what came instead.

    Arguments and errors: the module's docstring.
    """
    response = sync_detailed(
        organization_id=organization_id,
        invitation_id=invitation_id,
        client=client,
        body=body,
        deadline=deadline,
    )
    return errors.success_of(response, OrganizationInvitation)


async def asyncio_detailed(
    organization_id: str,
    invitation_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: RevokeOrganizationInvitationRequest | Unset = UNSET,
    deadline: float | None | Unset = UNSET,
) -> Response[ClerkErrors | OrganizationInvitation]:
    """Revoke an organization invitation: any completed exchange, whatever its status.

    Arguments and errors: the module's docstring.
    """
    with errors.argument_errors():
        request = build_request(
            client.get_async_httpx_client(),
            **_get_kwargs(
                organization_id=organization_id,
                invitation_id=invitation_id,
                body=body,
            ),
        )
    with errors.transport_errors():
        response = await client.send_async(request, deadline)

    return build_response(response, _parse_response)


async def asyncio(
    organization_id: str,
    invitation_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: RevokeOrganizationInvitationRequest | Unset = UNSET,
    deadline: float | None | Unset = UNSET,
) -> OrganizationInvitation:
    """Revoke an organization invitation: the success, or the exception for what came instead.

    Arguments and errors: the module's docstring.
    """
    response = await asyncio_detailed(
        organization_id=organization_id,
        invitation_id=invitation_id,
        client=client,
        body=body,
        deadline=deadline,
    )
    return errors.success_of(response, OrganizationInvitation)
