"""List a user's organization invitations

Returns one page of the organization invitations sent to the user's email addresses, each with the
public data of its organization, and how many there are in all.

`sync()` and `asyncio()` return the success, `OrganizationInvitationsWithOrganization`, or raise;
`sync_detailed()` and `asyncio_detailed()` return any completed exchange as a `Response`, whatever its status;
`sync_page()` and `asyncio_page()` one page with the total count, `sync_all()` and `asyncio_all()` every item,
page after page. `check_arguments()` checks the arguments without sending. The `asyncio` functions are the
`sync` ones, awaited.

Args:
    client: The client that sends the request.
    user_id: The id of the user (`user_...`).
    limit: How many items to return at most. Default: 10.
    offset: How many items to skip before the page starts; use with `limit` to page. Default: 0.
    status: Where an invitation stands: `pending` until the invitee signs up (`accepted`), it is revoked
        (`revoked`), or it passes `expires_at` (`expired`).
    deadline: The most seconds a call may take (a page function's: each page's), retries included; by default the
        client's `deadline`; None: no limit.

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

from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING, Any

from ... import decoding, errors
from ...client import AuthenticatedClient, Client, build_request, path_segment
from ...models.clerk_errors import ClerkErrors
from ...models.invitation_status import InvitationStatus
from ...models.organization_invitation_with_organization import OrganizationInvitationWithOrganization
from ...models.organization_invitations_with_organization import OrganizationInvitationsWithOrganization
from ...types import (
    UNSET,
    Page,
    PageScan,
    Response,
    Unset,
    build_response,
    iterate_pages,
    iterate_pages_async,
)

if TYPE_CHECKING:
    import httpx


def check_arguments(
    user_id: str,
    *,
    limit: int | Unset = 10,
    offset: int | Unset = 0,
    status: InvitationStatus | Unset = UNSET,
) -> None:
    """Check the arguments against the spec, as every function of this operation does first; nothing is sent.

    Raises:
        errors.InvalidArgumentError: The first argument refused, with its place (`argument`) and the rule it
            breaks (`rule`).
    """
    errors.check_str(user_id, "user_id", min_length=1)

    if not isinstance(limit, Unset):
        errors.check_int(limit, "limit", minimum=1, maximum=500)

    if not isinstance(offset, Unset):
        errors.check_int(offset, "offset", minimum=0)

    if not isinstance(status, Unset):
        errors.check_enum(status, InvitationStatus, "status")


def _get_kwargs(
    user_id: str,
    *,
    limit: int | Unset = 10,
    offset: int | Unset = 0,
    status: InvitationStatus | Unset = UNSET,
) -> dict[str, Any]:
    check_arguments(
        user_id=user_id,
        limit=limit,
        offset=offset,
        status=status,
    )

    params: dict[str, Any] = {}

    params["limit"] = limit

    params["offset"] = offset

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/users/{user_id}/organization_invitations".format(
            user_id=path_segment(user_id, "user_id"),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(response: httpx.Response) -> ClerkErrors | OrganizationInvitationsWithOrganization | None:
    if response.status_code == 200:
        return decoding.parse_page(
            response.content,
            OrganizationInvitationsWithOrganization,
            OrganizationInvitationWithOrganization,
            "data",
            "data",
        )

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
    user_id: str,
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 10,
    offset: int | Unset = 0,
    status: InvitationStatus | Unset = UNSET,
    deadline: float | None | Unset = UNSET,
) -> Response[ClerkErrors | OrganizationInvitationsWithOrganization]:
    """List a user's organization invitations: any completed exchange, whatever its status.

    Arguments and errors: the module's docstring.
    """
    with errors.argument_errors():
        request = build_request(
            client.get_httpx_client(),
            **_get_kwargs(
                user_id=user_id,
                limit=limit,
                offset=offset,
                status=status,
            ),
        )
    with errors.transport_errors():
        response = client.send(request, deadline)

    return build_response(response, _parse_response)


def sync(
    user_id: str,
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 10,
    offset: int | Unset = 0,
    status: InvitationStatus | Unset = UNSET,
    deadline: float | None | Unset = UNSET,
) -> OrganizationInvitationsWithOrganization:
    """List a user's organization invitations: the success, or the exception for what came instead.

    Arguments and errors: the module's docstring.
    """
    response = sync_detailed(
        user_id=user_id,
        client=client,
        limit=limit,
        offset=offset,
        status=status,
        deadline=deadline,
    )
    return errors.success_of(response, OrganizationInvitationsWithOrganization)


async def asyncio_detailed(
    user_id: str,
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 10,
    offset: int | Unset = 0,
    status: InvitationStatus | Unset = UNSET,
    deadline: float | None | Unset = UNSET,
) -> Response[ClerkErrors | OrganizationInvitationsWithOrganization]:
    """List a user's organization invitations: any completed exchange, whatever its status.

    Arguments and errors: the module's docstring.
    """
    with errors.argument_errors():
        request = build_request(
            client.get_async_httpx_client(),
            **_get_kwargs(
                user_id=user_id,
                limit=limit,
                offset=offset,
                status=status,
            ),
        )
    with errors.transport_errors():
        response = await client.send_async(request, deadline)

    return build_response(response, _parse_response)


async def asyncio(
    user_id: str,
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 10,
    offset: int | Unset = 0,
    status: InvitationStatus | Unset = UNSET,
    deadline: float | None | Unset = UNSET,
) -> OrganizationInvitationsWithOrganization:
    """List a user's organization invitations: the success, or the exception for what came instead.

    Arguments and errors: the module's docstring.
    """
    response = await asyncio_detailed(
        user_id=user_id,
        client=client,
        limit=limit,
        offset=offset,
        status=status,
        deadline=deadline,
    )
    return errors.success_of(response, OrganizationInvitationsWithOrganization)


def _page_request(
    httpx_client: httpx.Client | httpx.AsyncClient,
    user_id: str,
    *,
    status: InvitationStatus | Unset = UNSET,
    limit: int,
    offset: int,
) -> httpx.Request:
    with errors.argument_errors():
        kwargs = _get_kwargs(
            user_id=user_id,
            limit=limit,
            offset=offset,
            status=status,
        )
        return build_request(httpx_client, **kwargs)


def _page_of(response: httpx.Response, limit: int, offset: int) -> Page[OrganizationInvitationWithOrganization]:
    page = errors.success_of(build_response(response, _parse_response), OrganizationInvitationsWithOrganization)
    return Page(page.data, page.total_count, offset=offset, limit=limit)


def sync_page(
    user_id: str,
    *,
    client: AuthenticatedClient | Client,
    status: InvitationStatus | Unset = UNSET,
    limit: int = 500,
    offset: int = 0,
    deadline: float | None | Unset = UNSET,
) -> Page[OrganizationInvitationWithOrganization]:
    """List a user's organization invitations: one page, with the total count.

    The page at `offset`, and how many items match the filters in all (`total_count`); `next_offset` is where the
    next page starts, None after the last. Other arguments and errors: the module's docstring.

    Args:
        limit: How many items to fetch, 1 to 500. Default: 500.
        offset: How many items to skip. Default: 0.
    """
    request = _page_request(
        client.get_httpx_client(),
        user_id=user_id,
        limit=limit,
        offset=offset,
        status=status,
    )
    with errors.transport_errors():
        response = client.send(request, deadline)
    return _page_of(response, limit, offset)


async def asyncio_page(
    user_id: str,
    *,
    client: AuthenticatedClient | Client,
    status: InvitationStatus | Unset = UNSET,
    limit: int = 500,
    offset: int = 0,
    deadline: float | None | Unset = UNSET,
) -> Page[OrganizationInvitationWithOrganization]:
    """List a user's organization invitations: one page, with the total count: `sync_page()`, awaited."""
    request = _page_request(
        client.get_async_httpx_client(),
        user_id=user_id,
        limit=limit,
        offset=offset,
        status=status,
    )
    with errors.transport_errors():
        response = await client.send_async(request, deadline)
    return _page_of(response, limit, offset)


def sync_all(
    user_id: str,
    *,
    client: AuthenticatedClient | Client,
    status: InvitationStatus | Unset = UNSET,
    page_size: int = 500,
    max_items: int | None = None,
    deadline: float | None | Unset = UNSET,
) -> Iterator[OrganizationInvitationWithOrganization]:
    """List a user's organization invitations: every item, page after page.

    Fetches pages of `page_size` items as the iteration needs them, holding one at a time, and yields each item
    once: offset paging shows an item twice when one is created before it during the scan, and ids already
    yielded are skipped. Each page is one call, with its retries and its own `deadline`: an exception ends the
    iteration, and what was yielded stays yielded. `page_size` and `max_items` are checked at the call, the
    other arguments when the first page is fetched. Other arguments and errors: the module's docstring.

    Args:
        page_size: How many items each page fetches, 1 to 500. Default: 500.
        max_items: Yield at most this many items, fetching no page beyond them. Default: None, every item.
    """
    errors.check_int(page_size, "page_size", minimum=1, maximum=500)
    if max_items is not None:
        errors.check_int(max_items, "max_items", minimum=0)
    scan = PageScan(page_size, max_items)
    return iterate_pages(
        lambda offset, limit: sync_page(
            user_id=user_id,
            client=client,
            limit=limit,
            offset=offset,
            status=status,
            deadline=deadline,
        ),
        scan,
    )


def asyncio_all(
    user_id: str,
    *,
    client: AuthenticatedClient | Client,
    status: InvitationStatus | Unset = UNSET,
    page_size: int = 500,
    max_items: int | None = None,
    deadline: float | None | Unset = UNSET,
) -> AsyncIterator[OrganizationInvitationWithOrganization]:
    """List a user's organization invitations: every item, page after page: `sync_all()`, for `async for`."""
    errors.check_int(page_size, "page_size", minimum=1, maximum=500)
    if max_items is not None:
        errors.check_int(max_items, "max_items", minimum=0)
    scan = PageScan(page_size, max_items)
    return iterate_pages_async(
        lambda offset, limit: asyncio_page(
            user_id=user_id,
            client=client,
            limit=limit,
            offset=offset,
            status=status,
            deadline=deadline,
        ),
        scan,
    )
