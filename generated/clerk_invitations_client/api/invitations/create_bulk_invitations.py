"""Create up to ten invitations at once

Creates one invitation for each item, with the same rules as creating a single one but one: no
address may belong to a user, even with `ignore_existing` (Clerk: "this rule cannot be bypassed").
The request succeeds or fails as a whole: if any item is refused, none is created.

`sync()` and `asyncio()` return the success, `list[Invitation]`, or raise; `sync_detailed()` and
`asyncio_detailed()` return any completed exchange as a `Response`, whatever its status; `sync_each()` and
`asyncio_each()` send any number of items, one outcome per item. `check_arguments()` checks the arguments
without sending. The `asyncio` functions are the `sync` ones, awaited.

Args:
    client: The client that sends the request.
    body: The request's body.
    deadline: The most seconds a call may take, retries included; by default the client's `deadline`; None: no
        limit.

Raises:
    errors.ClerkAPIError: From all but `*_detailed()`: Clerk answered with an error the operation documents, or
        one Clerk can answer anywhere, as the subclass for its status:
        errors.BadRequestError (400), errors.AuthenticationError (401), errors.PermissionDeniedError (403),
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

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, cast

from ... import decoding, errors
from ...bulk import Batch, Outcome, ProgressCallback, run, run_async
from ...client import AuthenticatedClient, Client, build_request
from ...models.bulk_invitation_request import BulkInvitationRequest
from ...models.clerk_errors import ClerkErrors
from ...models.create_invitation_request import CreateInvitationRequest
from ...models.invitation import Invitation
from ...models.template_slug import TemplateSlug
from ...types import UNSET, Response, Unset, build_response
from ..invitations import create_invitation as single_operation

if TYPE_CHECKING:
    import httpx


def check_arguments(
    *,
    body: list[BulkInvitationRequest],
) -> None:
    """Check the arguments against the spec, as every function of this operation does first; nothing is sent.

    Raises:
        errors.InvalidArgumentError: The first argument refused, with its place (`argument`) and the rule it
            breaks (`rule`).
    """
    errors.check_list(body, "body", min_items=1, max_items=10)
    for body_index, body_entry in enumerate(body):
        errors.check_instance(body_entry, BulkInvitationRequest, f"body[{body_index}]")
        errors.check_str(body_entry.email_address, f"body[{body_index}].email_address", email=True)

        if not isinstance(body_entry.public_metadata, Unset) and body_entry.public_metadata is not None:
            errors.check_instance(body_entry.public_metadata, dict, f"body[{body_index}].public_metadata")
            errors.check_json(body_entry.public_metadata, f"body[{body_index}].public_metadata")

        if not isinstance(body_entry.redirect_url, Unset) and body_entry.redirect_url is not None:
            errors.check_str(body_entry.redirect_url, f"body[{body_index}].redirect_url")

        if not isinstance(body_entry.notify, Unset) and body_entry.notify is not None:
            errors.check_bool(body_entry.notify, f"body[{body_index}].notify")

        if not isinstance(body_entry.ignore_existing, Unset) and body_entry.ignore_existing is not None:
            errors.check_bool(body_entry.ignore_existing, f"body[{body_index}].ignore_existing")

        if not isinstance(body_entry.expires_in_days, Unset) and body_entry.expires_in_days is not None:
            errors.check_int(body_entry.expires_in_days, f"body[{body_index}].expires_in_days", minimum=1, maximum=365)

        if not isinstance(body_entry.template_slug, Unset):
            errors.check_enum(body_entry.template_slug, TemplateSlug, f"body[{body_index}].template_slug")


def _get_kwargs(
    *,
    body: list[BulkInvitationRequest],
) -> dict[str, Any]:
    check_arguments(
        body=body,
    )
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/invitations/bulk",
    }

    body_item_list: list[dict[str, Any]] = []
    for body_item_data in body:
        body_item = body_item_data.to_dict()
        body_item_list.append(body_item)
    _kwargs["json"] = body_item_list

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(response: httpx.Response) -> ClerkErrors | list[Invitation] | None:
    if response.status_code == 200:
        return decoding.parse_list(response.content, Invitation)

    if response.status_code == 400:
        response_400 = decoding.parse(response.content, ClerkErrors)
        return response_400

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
    body: list[BulkInvitationRequest],
    deadline: float | None | Unset = UNSET,
) -> Response[ClerkErrors | list[Invitation]]:
    """Create up to ten invitations at once: any completed exchange, whatever its status.

    Arguments and errors: the module's docstring.
    """
    with errors.argument_errors():
        request = build_request(
            client.get_httpx_client(),
            **_get_kwargs(
                body=body,
            ),
        )
    with errors.transport_errors():
        response = client.send(request, deadline)

    return build_response(response, _parse_response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: list[BulkInvitationRequest],
    deadline: float | None | Unset = UNSET,
) -> list[Invitation]:
    """Create up to ten invitations at once: the success, or the exception for what came instead.

    Arguments and errors: the module's docstring.
    """
    response = sync_detailed(
        client=client,
        body=body,
        deadline=deadline,
    )
    return cast("list[Invitation]", errors.success_of(response, list))


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: list[BulkInvitationRequest],
    deadline: float | None | Unset = UNSET,
) -> Response[ClerkErrors | list[Invitation]]:
    """Create up to ten invitations at once: any completed exchange, whatever its status.

    Arguments and errors: the module's docstring.
    """
    with errors.argument_errors():
        request = build_request(
            client.get_async_httpx_client(),
            **_get_kwargs(
                body=body,
            ),
        )
    with errors.transport_errors():
        response = await client.send_async(request, deadline)

    return build_response(response, _parse_response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: list[BulkInvitationRequest],
    deadline: float | None | Unset = UNSET,
) -> list[Invitation]:
    """Create up to ten invitations at once: the success, or the exception for what came instead.

    Arguments and errors: the module's docstring.
    """
    response = await asyncio_detailed(
        client=client,
        body=body,
        deadline=deadline,
    )
    return cast("list[Invitation]", errors.success_of(response, list))


def _batch(
    items: Iterable[BulkInvitationRequest],
    on_progress: ProgressCallback | None,
) -> Batch[BulkInvitationRequest, Invitation]:
    return Batch(
        items,
        check=lambda item: check_arguments(body=[item]),
        max_items=10,
        has_single=True,
        on_progress=on_progress,
    )


def _single_body(item: BulkInvitationRequest) -> CreateInvitationRequest:
    """The item as the single operation's body: the same fields, in its own model."""
    return CreateInvitationRequest.from_dict(item.to_dict())


def sync_each(
    *,
    client: AuthenticatedClient | Client,
    items: Iterable[BulkInvitationRequest],
    on_progress: ProgressCallback | None = None,
    deadline: float | None | Unset = UNSET,
) -> list[Outcome[BulkInvitationRequest, Invitation]]:
    """Create up to ten invitations at once: any number of items, one outcome per item.

    Sends the items in chunks of at most 10 (the operation's maxItems), one chunk at a time,
    and returns one `Outcome` per item, in the order given: `.result` (what was created, or None), `.error`
    (one of this package's exceptions, or None) and `.created` (True, False, or None when it can't be told).
    - An item the argument checks refuse gets its InvalidArgumentError and is not sent; the others are.
    - The operation is all or nothing: when Clerk refuses a chunk (400, 402, 409 or 422), its items are
      sent again one by one through `create_invitation`, so each gets its own answer.
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
        _batch(items=items, on_progress=on_progress),
        lambda chunk: sync(client=client, body=chunk, deadline=deadline),
        lambda item: single_operation.sync(client=client, body=_single_body(item), deadline=deadline),
    )


async def asyncio_each(
    *,
    client: AuthenticatedClient | Client,
    items: Iterable[BulkInvitationRequest],
    on_progress: ProgressCallback | None = None,
    deadline: float | None | Unset = UNSET,
) -> list[Outcome[BulkInvitationRequest, Invitation]]:
    """Create up to ten invitations at once: any number of items, one outcome per item: `sync_each()`, awaited."""

    return await run_async(
        _batch(items=items, on_progress=on_progress),
        lambda chunk: asyncio(client=client, body=chunk, deadline=deadline),
        lambda item: single_operation.asyncio(client=client, body=_single_body(item), deadline=deadline),
    )
