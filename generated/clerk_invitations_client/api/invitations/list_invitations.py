from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.clerk_errors import ClerkErrors
from ...models.invitation import Invitation
from ...models.invitation_status import InvitationStatus
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    status: InvitationStatus | Unset = UNSET,
    query: str | Unset = UNSET,
    order_by: str | Unset = "-created_at",
    limit: int | Unset = 10,
    offset: int | Unset = 0,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    params["query"] = query

    params["order_by"] = order_by

    params["limit"] = limit

    params["offset"] = offset

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/invitations",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ClerkErrors | list[Invitation] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = Invitation.from_dict(response_200_item_data)

            response_200.append(response_200_item)

        return response_200

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
) -> Response[ClerkErrors | list[Invitation]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    status: InvitationStatus | Unset = UNSET,
    query: str | Unset = UNSET,
    order_by: str | Unset = "-created_at",
    limit: int | Unset = 10,
    offset: int | Unset = 0,
) -> Response[ClerkErrors | list[Invitation]]:
    """List invitations

     Returns one page of the application's invitations, newest first unless `order_by` says
    otherwise. Without `status`, revoked invitations are left out.

    Args:
        status (InvitationStatus | Unset): Where an invitation stands: `pending` until the invitee
            signs up (`accepted`), it is
            revoked (`revoked`), or it passes `expires_at` (`expired`).
        query (str | Unset):
        order_by (str | Unset):  Default: '-created_at'.
        limit (int | Unset):  Default: 10.
        offset (int | Unset):  Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ClerkErrors | list[Invitation]]
    """

    kwargs = _get_kwargs(
        status=status,
        query=query,
        order_by=order_by,
        limit=limit,
        offset=offset,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    status: InvitationStatus | Unset = UNSET,
    query: str | Unset = UNSET,
    order_by: str | Unset = "-created_at",
    limit: int | Unset = 10,
    offset: int | Unset = 0,
) -> ClerkErrors | list[Invitation] | None:
    """List invitations

     Returns one page of the application's invitations, newest first unless `order_by` says
    otherwise. Without `status`, revoked invitations are left out.

    Args:
        status (InvitationStatus | Unset): Where an invitation stands: `pending` until the invitee
            signs up (`accepted`), it is
            revoked (`revoked`), or it passes `expires_at` (`expired`).
        query (str | Unset):
        order_by (str | Unset):  Default: '-created_at'.
        limit (int | Unset):  Default: 10.
        offset (int | Unset):  Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ClerkErrors | list[Invitation]
    """

    return sync_detailed(
        client=client,
        status=status,
        query=query,
        order_by=order_by,
        limit=limit,
        offset=offset,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    status: InvitationStatus | Unset = UNSET,
    query: str | Unset = UNSET,
    order_by: str | Unset = "-created_at",
    limit: int | Unset = 10,
    offset: int | Unset = 0,
) -> Response[ClerkErrors | list[Invitation]]:
    """List invitations

     Returns one page of the application's invitations, newest first unless `order_by` says
    otherwise. Without `status`, revoked invitations are left out.

    Args:
        status (InvitationStatus | Unset): Where an invitation stands: `pending` until the invitee
            signs up (`accepted`), it is
            revoked (`revoked`), or it passes `expires_at` (`expired`).
        query (str | Unset):
        order_by (str | Unset):  Default: '-created_at'.
        limit (int | Unset):  Default: 10.
        offset (int | Unset):  Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ClerkErrors | list[Invitation]]
    """

    kwargs = _get_kwargs(
        status=status,
        query=query,
        order_by=order_by,
        limit=limit,
        offset=offset,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    status: InvitationStatus | Unset = UNSET,
    query: str | Unset = UNSET,
    order_by: str | Unset = "-created_at",
    limit: int | Unset = 10,
    offset: int | Unset = 0,
) -> ClerkErrors | list[Invitation] | None:
    """List invitations

     Returns one page of the application's invitations, newest first unless `order_by` says
    otherwise. Without `status`, revoked invitations are left out.

    Args:
        status (InvitationStatus | Unset): Where an invitation stands: `pending` until the invitee
            signs up (`accepted`), it is
            revoked (`revoked`), or it passes `expires_at` (`expired`).
        query (str | Unset):
        order_by (str | Unset):  Default: '-created_at'.
        limit (int | Unset):  Default: 10.
        offset (int | Unset):  Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ClerkErrors | list[Invitation]
    """

    return (
        await asyncio_detailed(
            client=client,
            status=status,
            query=query,
            order_by=order_by,
            limit=limit,
            offset=offset,
        )
    ).parsed
