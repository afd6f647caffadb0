from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.clerk_errors import ClerkErrors
from ...models.create_invitation_request import CreateInvitationRequest
from ...models.invitation import Invitation
from ...types import Response


def _get_kwargs(
    *,
    body: CreateInvitationRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/invitations",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ClerkErrors | Invitation | None:
    if response.status_code == 200:
        response_200 = Invitation.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ClerkErrors.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ClerkErrors.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ClerkErrors.from_dict(response.json())

        return response_403

    if response.status_code == 422:
        response_422 = ClerkErrors.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = ClerkErrors.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ClerkErrors | Invitation]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CreateInvitationRequest,
) -> Response[ClerkErrors | Invitation]:
    """Create an invitation

     Creates an invitation for one email address and, unless `notify` is false, emails the
    invitee a sign-up link.

    Clerk refuses a second pending invitation for the same address, and an invitation for an
    address that already belongs to a user, unless `ignore_existing` is true.

    Args:
        body (CreateInvitationRequest): What to invite, and how.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ClerkErrors | Invitation]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: CreateInvitationRequest,
) -> ClerkErrors | Invitation | None:
    """Create an invitation

     Creates an invitation for one email address and, unless `notify` is false, emails the
    invitee a sign-up link.

    Clerk refuses a second pending invitation for the same address, and an invitation for an
    address that already belongs to a user, unless `ignore_existing` is true.

    Args:
        body (CreateInvitationRequest): What to invite, and how.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ClerkErrors | Invitation
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CreateInvitationRequest,
) -> Response[ClerkErrors | Invitation]:
    """Create an invitation

     Creates an invitation for one email address and, unless `notify` is false, emails the
    invitee a sign-up link.

    Clerk refuses a second pending invitation for the same address, and an invitation for an
    address that already belongs to a user, unless `ignore_existing` is true.

    Args:
        body (CreateInvitationRequest): What to invite, and how.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ClerkErrors | Invitation]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: CreateInvitationRequest,
) -> ClerkErrors | Invitation | None:
    """Create an invitation

     Creates an invitation for one email address and, unless `notify` is false, emails the
    invitee a sign-up link.

    Clerk refuses a second pending invitation for the same address, and an invitation for an
    address that already belongs to a user, unless `ignore_existing` is true.

    Args:
        body (CreateInvitationRequest): What to invite, and how.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ClerkErrors | Invitation
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
