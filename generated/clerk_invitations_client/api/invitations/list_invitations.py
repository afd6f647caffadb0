"""List invitations

Returns one page of the application's invitations, newest first unless `order_by` says otherwise.
Without `status`, revoked invitations are left out.

`sync()` and `asyncio()` return the success, `list[Invitation]`, or raise; `sync_detailed()` and
`asyncio_detailed()` return any completed exchange as a `Response`, whatever its status; `sync_page()` and
`asyncio_page()` one page with the total count, `sync_all()` and `asyncio_all()` every item, page after page.
`check_arguments()` checks the arguments without sending. The `asyncio` functions are the `sync` ones,
awaited.

Args:
    client: The client that sends the request.
    status: Where an invitation stands: `pending` until the invitee signs up (`accepted`), it is revoked
        (`revoked`), or it passes `expires_at` (`expired`).
    query: Only invitations whose email address or id contains this text.
    order_by: The field to sort by: `created_at`, `email_address` or `expires_at`, prefixed with `-` for
        descending or `+` for ascending order. Default: '-created_at'.
    limit: How many invitations to return at most. Default: 10.
    offset: How many invitations to skip before the page starts; use with `limit` to page. Default: 0.
    deadline: The most seconds a call may take (a page function's: each page's), retries included; by default the
        client's `deadline`; None: no limit.

Raises:
    errors.ClerkAPIError: From all but `*_detailed()`: Clerk answered with an error the operation documents, or
        one Clerk can answer anywhere, as the subclass for its status:
        errors.AuthenticationError (401), errors.PermissionDeniedError (403),
        errors.UnprocessableEntityError (422), errors.RateLimitError (429).
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
from typing import TYPE_CHECKING, Any, cast

from ... import decoding, errors
from ...client import AuthenticatedClient, Client, build_request
from ...models.clerk_errors import ClerkErrors
from ...models.invitation import Invitation
from ...models.invitation_status import InvitationStatus
from ...models.paginated_invitations import PaginatedInvitations
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
    *,
    status: InvitationStatus | Unset = UNSET,
    query: str | Unset = UNSET,
    order_by: str | Unset = "-created_at",
    limit: int | Unset = 10,
    offset: int | Unset = 0,
) -> None:
    """Check the arguments against the spec, as every function of this operation does first; nothing is sent.

    Raises:
        errors.InvalidArgumentError: The first argument refused, with its place (`argument`) and the rule it
            breaks (`rule`).
    """
    if not isinstance(status, Unset):
        errors.check_enum(status, InvitationStatus, "status")

    if not isinstance(query, Unset):
        errors.check_str(query, "query")

    if not isinstance(order_by, Unset):
        errors.check_str(order_by, "order_by", pattern="^[+-]?(created_at|email_address|expires_at)$")

    if not isinstance(limit, Unset):
        errors.check_int(limit, "limit", minimum=1, maximum=500)

    if not isinstance(offset, Unset):
        errors.check_int(offset, "offset", minimum=0)


def _get_kwargs(
    *,
    status: InvitationStatus | Unset = UNSET,
    query: str | Unset = UNSET,
    order_by: str | Unset = "-created_at",
    limit: int | Unset = 10,
    offset: int | Unset = 0,
) -> dict[str, Any]:
    check_arguments(
        status=status,
        query=query,
        order_by=order_by,
        limit=limit,
        offset=offset,
    )

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


def _parse_response(response: httpx.Response) -> ClerkErrors | list[Invitation] | None:
    if response.status_code == 200:
        return decoding.parse_list(response.content, Invitation)

    if response.status_code == 401:
        response_401 = decoding.parse(response.content, ClerkErrors)
        return response_401

    if response.status_code == 403:
        response_403 = decoding.parse(response.content, ClerkErrors)
        return response_403

    if response.status_code == 422:
        response_422 = decoding.parse(response.content, ClerkErrors)
        return response_422

    if response.status_code == 429:
        response_429 = decoding.parse(response.content, ClerkErrors)
        return response_429

    return None


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    status: InvitationStatus | Unset = UNSET,
    query: str | Unset = UNSET,
    order_by: str | Unset = "-created_at",
    limit: int | Unset = 10,
    offset: int | Unset = 0,
    deadline: float | None | Unset = UNSET,
) -> Response[ClerkErrors | list[Invitation]]:
    """List invitations: any completed exchange, whatever its status.

    Arguments and errors: the module's docstring.
    """
    with errors.argument_errors():
        request = build_request(
            client.get_httpx_client(),
            **_get_kwargs(
                status=status,
                query=query,
                order_by=order_by,
                limit=limit,
                offset=offset,
            ),
        )
    with errors.transport_errors():
        response = client.send(request, deadline)

    return build_response(response, _parse_response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    status: InvitationStatus | Unset = UNSET,
    query: str | Unset = UNSET,
    order_by: str | Unset = "-created_at",
    limit: int | Unset = 10,
    offset: int | Unset = 0,
    deadline: float | None | Unset = UNSET,
) -> list[Invitation]:
    """List invitations: the success, or the exception for what came instead.

    Arguments and errors: the module's docstring.
    """
    response = sync_detailed(
        client=client,
        status=status,
        query=query,
        order_by=order_by,
        limit=limit,
        offset=offset,
        deadline=deadline,
    )
    return cast("list[Invitation]", errors.success_of(response, list))


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    status: InvitationStatus | Unset = UNSET,
    query: str | Unset = UNSET,
    order_by: str | Unset = "-created_at",
    limit: int | Unset = 10,
    offset: int | Unset = 0,
    deadline: float | None | Unset = UNSET,
) -> Response[ClerkErrors | list[Invitation]]:
    """List invitations: any completed exchange, whatever its status.

    Arguments and errors: the module's docstring.
    """
    with errors.argument_errors():
        request = build_request(
            client.get_async_httpx_client(),
            **_get_kwargs(
                status=status,
                query=query,
                order_by=order_by,
                limit=limit,
                offset=offset,
            ),
        )
    with errors.transport_errors():
        response = await client.send_async(request, deadline)

    return build_response(response, _parse_response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    status: InvitationStatus | Unset = UNSET,
    query: str | Unset = UNSET,
    order_by: str | Unset = "-created_at",
    limit: int | Unset = 10,
    offset: int | Unset = 0,
    deadline: float | None | Unset = UNSET,
) -> list[Invitation]:
    """List invitations: the success, or the exception for what came instead.

    Arguments and errors: the module's docstring.
    """
    response = await asyncio_detailed(
        client=client,
        status=status,
        query=query,
        order_by=order_by,
        limit=limit,
        offset=offset,
        deadline=deadline,
    )
    return cast("list[Invitation]", errors.success_of(response, list))


def _parse_page(response: httpx.Response) -> ClerkErrors | list[Invitation] | PaginatedInvitations | None:
    """_parse_response, but the success is the page model (`paginated=true`), not the bare list."""
    if response.status_code == 200:
        return decoding.parse_page(
            response.content,
            PaginatedInvitations,
            Invitation,
            "data",
            "data",
        )

    return _parse_response(response)


def _page_request(
    httpx_client: httpx.Client | httpx.AsyncClient,
    *,
    status: InvitationStatus | Unset = UNSET,
    query: str | Unset = UNSET,
    order_by: str | Unset = "-created_at",
    limit: int,
    offset: int,
) -> httpx.Request:
    with errors.argument_errors():
        kwargs = _get_kwargs(
            status=status,
            query=query,
            order_by=order_by,
            limit=limit,
            offset=offset,
        )
        kwargs["params"]["paginated"] = "true"
        return build_request(httpx_client, **kwargs)


def _page_of(response: httpx.Response, limit: int, offset: int) -> Page[Invitation]:
    page = errors.success_of(build_response(response, _parse_page), PaginatedInvitations)
    return Page(page.data, page.total_count, offset=offset, limit=limit)


def sync_page(
    *,
    client: AuthenticatedClient | Client,
    status: InvitationStatus | Unset = UNSET,
    query: str | Unset = UNSET,
    order_by: str | Unset = "-created_at",
    limit: int = 500,
    offset: int = 0,
    deadline: float | None | Unset = UNSET,
) -> Page[Invitation]:
    """List invitations: one page, with the total count.

    The page at `offset`, and how many items match the filters in all (`total_count`); `next_offset` is where the
    next page starts, None after the last. Other arguments and errors: the module's docstring.

    Args:
        limit: How many items to fetch, 1 to 500. Default: 500.
        offset: How many items to skip. Default: 0.
    """
    request = _page_request(
        client.get_httpx_client(),
        status=status,
        query=query,
        order_by=order_by,
        limit=limit,
        offset=offset,
    )
    with errors.transport_errors():
        response = client.send(request, deadline)
    return _page_of(response, limit, offset)


async def asyncio_page(
    *,
    client: AuthenticatedClient | Client,
    status: InvitationStatus | Unset = UNSET,
    query: str | Unset = UNSET,
    order_by: str | Unset = "-created_at",
    limit: int = 500,
    offset: int = 0,
    deadline: float | None | Unset = UNSET,
) -> Page[Invitation]:
    """List invitations: one page, with the total count: `sync_page()`, awaited."""
    request = _page_request(
        client.get_async_httpx_client(),
        status=status,
        query=query,
        order_by=order_by,
        limit=limit,
        offset=offset,
    )
    with errors.transport_errors():
        response = await client.send_async(request, deadline)
    return _page_of(response, limit, offset)


def sync_all(
    *,
    client: AuthenticatedClient | Client,
    status: InvitationStatus | Unset = UNSET,
    query: str | Unset = UNSET,
    order_by: str | Unset = "-created_at",
    page_size: int = 500,
    max_items: int | None = None,
    deadline: float | None | Unset = UNSET,
) -> Iterator[Invitation]:
    """List invitations: every item, page after page.

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
            client=client,
            status=status,
            query=query,
            order_by=order_by,
            limit=limit,
            offset=offset,
            deadline=deadline,
        ),
        scan,
    )


def asyncio_all(
    *,
    client: AuthenticatedClient | Client,
    status: InvitationStatus | Unset = UNSET,
    query: str | Unset = UNSET,
    order_by: str | Unset = "-created_at",
    page_size: int = 500,
    max_items: int | None = None,
    deadline: float | None | Unset = UNSET,
) -> AsyncIterator[Invitation]:
    """List invitations: every item, page after page: `sync_all()`, for `async for`."""
    errors.check_int(page_size, "page_size", minimum=1, maximum=500)
    if max_items is not None:
        errors.check_int(max_items, "max_items", minimum=0)
    scan = PageScan(page_size, max_items)
    return iterate_pages_async(
        lambda offset, limit: asyncio_page(
            client=client,
            status=status,
            query=query,
            order_by=order_by,
            limit=limit,
            offset=offset,
            deadline=deadline,
        ),
        scan,
    )
