from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bulk_invitation_request import BulkInvitationRequest
from ...models.clerk_errors import ClerkErrors
from ...models.invitation import Invitation
from ...types import Response


def _get_kwargs(
    *,
    body: list[BulkInvitationRequest],
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/invitations/bulk",
    }

    _kwargs["json"] = []
    for body_item_data in body:
        body_item = body_item_data.to_dict()
        _kwargs["json"].append(body_item)

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
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
    body: list[BulkInvitationRequest],
) -> Response[ClerkErrors | list[Invitation]]:
    """Create up to ten invitations at once

     Creates one invitation for each item, with the same rules as creating a single one.
    The request succeeds or fails as a whole: if any item is refused, none is created.

    Args:
        body (list[BulkInvitationRequest]):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ClerkErrors | list[Invitation]]
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
    body: list[BulkInvitationRequest],
) -> ClerkErrors | list[Invitation] | None:
    """Create up to ten invitations at once

     Creates one invitation for each item, with the same rules as creating a single one.
    The request succeeds or fails as a whole: if any item is refused, none is created.

    Args:
        body (list[BulkInvitationRequest]):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ClerkErrors | list[Invitation]
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: list[BulkInvitationRequest],
) -> Response[ClerkErrors | list[Invitation]]:
    """Create up to ten invitations at once

     Creates one invitation for each item, with the same rules as creating a single one.
    The request succeeds or fails as a whole: if any item is refused, none is created.

    Args:
        body (list[BulkInvitationRequest]):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ClerkErrors | list[Invitation]]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: list[BulkInvitationRequest],
) -> ClerkErrors | list[Invitation] | None:
    """Create up to ten invitations at once

     Creates one invitation for each item, with the same rules as creating a single one.
    The request succeeds or fails as a whole: if any item is refused, none is created.

    Args:
        body (list[BulkInvitationRequest]):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ClerkErrors | list[Invitation]
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
