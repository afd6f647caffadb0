from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.clerk_errors import ClerkErrors
from ...models.invitation import Invitation
from ...types import Response


def _get_kwargs(
    invitation_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/invitations/{invitation_id}/revoke".format(
            invitation_id=quote(str(invitation_id), safe=""),
        ),
    }

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

    if response.status_code == 404:
        response_404 = ClerkErrors.from_dict(response.json())

        return response_404

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
    invitation_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ClerkErrors | Invitation]:
    """Revoke an invitation

     Revokes a pending invitation: its link stops working. The invitee can still sign up
    through the ordinary sign-up flow. Invitations already revoked or accepted can't be revoked.

    Args:
        invitation_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ClerkErrors | Invitation]
    """

    kwargs = _get_kwargs(
        invitation_id=invitation_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    invitation_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> ClerkErrors | Invitation | None:
    """Revoke an invitation

     Revokes a pending invitation: its link stops working. The invitee can still sign up
    through the ordinary sign-up flow. Invitations already revoked or accepted can't be revoked.

    Args:
        invitation_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ClerkErrors | Invitation
    """

    return sync_detailed(
        invitation_id=invitation_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    invitation_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ClerkErrors | Invitation]:
    """Revoke an invitation

     Revokes a pending invitation: its link stops working. The invitee can still sign up
    through the ordinary sign-up flow. Invitations already revoked or accepted can't be revoked.

    Args:
        invitation_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ClerkErrors | Invitation]
    """

    kwargs = _get_kwargs(
        invitation_id=invitation_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    invitation_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> ClerkErrors | Invitation | None:
    """Revoke an invitation

     Revokes a pending invitation: its link stops working. The invitee can still sign up
    through the ordinary sign-up flow. Invitations already revoked or accepted can't be revoked.

    Args:
        invitation_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ClerkErrors | Invitation
    """

    return (
        await asyncio_detailed(
            invitation_id=invitation_id,
            client=client,
        )
    ).parsed
