"""Invite someone to an organization

Creates an invitation to join the organization with the given `role` and, unless `notify` is false,
emails the invitee a link to accept it. The invitation stays `pending` until it is accepted or
revoked; on acceptance its metadata moves to the new membership.
`inviter_user_id`, when given, must be an admin member of the organization.

`sync()` and `asyncio()` return the success, `OrganizationInvitation`, or raise; `sync_detailed()` and
`asyncio_detailed()` return any completed exchange as a `Response`, whatever its status. `check_arguments()`
checks the arguments without sending. The `asyncio` functions are the `sync` ones, awaited.

Args:
    client: The client that sends the request.
    organization_id: The id of the organization (`org_...`).
    body: Whom to invite to the organization, with which role, and how; a single create's body or one item of a
        bulk one.
    deadline: The most seconds a call may take, retries included; by default the client's `deadline`; None: no
        limit.

Raises:
    errors.ClerkAPIError: From all but `*_detailed()`: Clerk answered with an error the operation documents, or
        one Clerk can answer anywhere, as the subclass for its status:
        errors.BadRequestError (400), errors.AuthenticationError (401), errors.PaymentRequiredError (402),
        errors.PermissionDeniedError (403), errors.NotFoundError (404), errors.UnprocessableEntityError
        (422), errors.RateLimitError (429).
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
from ...models.create_organization_invitation_request import CreateOrganizationInvitationRequest
from ...models.organization_invitation import OrganizationInvitation
from ...types import UNSET, Response, Unset, build_response

if TYPE_CHECKING:
    import httpx


def check_arguments(
    organization_id: str,
    *,
    body: CreateOrganizationInvitationRequest,
) -> None:
    """Check the arguments against the spec, as every function of this operation does first; nothing is sent.

    Raises:
        errors.InvalidArgumentError: The first argument refused, with its place (`argument`) and the rule it
            breaks (`rule`).
    """
    errors.check_str(organization_id, "organization_id", min_length=1)

    errors.check_instance(body, CreateOrganizationInvitationRequest, "body")
    errors.check_json(body.additional_properties, "body")
    errors.check_str(body.email_address, "body.email_address")

    errors.check_str(body.role, "body.role")

    if not isinstance(body.inviter_user_id, Unset) and body.inviter_user_id is not None:
        errors.check_str(body.inviter_user_id, "body.inviter_user_id")

    if not isinstance(body.public_metadata, Unset) and body.public_metadata is not None:
        errors.check_instance(body.public_metadata, dict, "body.public_metadata")
        errors.check_json(body.public_metadata, "body.public_metadata")

    if not isinstance(body.private_metadata, Unset) and body.private_metadata is not None:
        errors.check_instance(body.private_metadata, dict, "body.private_metadata")
        errors.check_json(body.private_metadata, "body.private_metadata")

    if not isinstance(body.redirect_url, Unset) and body.redirect_url is not None:
        errors.check_str(body.redirect_url, "body.redirect_url")

    if not isinstance(body.expires_in_days, Unset) and body.expires_in_days is not None:
        errors.check_int(body.expires_in_days, "body.expires_in_days", minimum=1, maximum=365)

    if not isinstance(body.notify, Unset) and body.notify is not None:
        errors.check_bool(body.notify, "body.notify")


def _get_kwargs(
    organization_id: str,
    *,
    body: CreateOrganizationInvitationRequest,
) -> dict[str, Any]:
    check_arguments(
        organization_id=organization_id,
        body=body,
    )
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/organizations/{organization_id}/invitations".format(
            organization_id=path_segment(organization_id, "organization_id"),
        ),
    }

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

    if response.status_code == 402:
        response_402 = decoding.parse(response.content, ClerkErrors)
        return response_402

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
    body: CreateOrganizationInvitationRequest,
    deadline: float | None | Unset = UNSET,
) -> Response[ClerkErrors | OrganizationInvitation]:
    """Invite someone to an organization: any completed exchange, whatever its status.

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
    body: CreateOrganizationInvitationRequest,
    deadline: float | None | Unset = UNSET,
) -> OrganizationInvitation:
    """Invite someone to an organization: the success, or the exception for what came instead.

    Arguments and errors: the module's docstring.
    """
    response = sync_detailed(
        organization_id=organization_id,
        client=client,
        body=body,
        deadline=deadline,
    )
    return errors.success_of(response, OrganizationInvitation)


async def asyncio_detailed(
    organization_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: CreateOrganizationInvitationRequest,
    deadline: float | None | Unset = UNSET,
) -> Response[ClerkErrors | OrganizationInvitation]:
    """Invite someone to an organization: any completed exchange, whatever its status.

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
    body: CreateOrganizationInvitationRequest,
    deadline: float | None | Unset = UNSET,
) -> OrganizationInvitation:
    """Invite someone to an organization: the success, or the exception for what came instead.

    Arguments and errors: the module's docstring.
    """
    response = await asyncio_detailed(
        organization_id=organization_id,
        client=client,
        body=body,
        deadline=deadline,
    )
    return errors.success_of(response, OrganizationInvitation)
