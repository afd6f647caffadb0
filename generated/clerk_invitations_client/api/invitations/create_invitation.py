"""Create an invitation

Creates an invitation for one email address and, unless `notify` is false, emails the invitee a
sign-up link.
Clerk refuses a second pending invitation for the same address, and an invitation for an address
that already belongs to a user, unless `ignore_existing` is true.

`sync()` and `asyncio()` return the success, `Invitation`, or raise; `sync_detailed()` and
`asyncio_detailed()` return any completed exchange as a `Response`, whatever its status. `check_arguments()`
checks the arguments without sending. The `asyncio` functions are the `sync` ones, awaited.

Args:
    client: The client that sends the request.
    body: What to invite, and how.
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

from typing import TYPE_CHECKING, Any

from ... import decoding, errors
from ...client import AuthenticatedClient, Client, build_request
from ...models.clerk_errors import ClerkErrors
from ...models.create_invitation_request import CreateInvitationRequest
from ...models.invitation import Invitation
from ...models.template_slug import TemplateSlug
from ...types import UNSET, Response, Unset, build_response

if TYPE_CHECKING:
    import httpx


def check_arguments(
    *,
    body: CreateInvitationRequest,
) -> None:
    """Check the arguments against the spec, as every function of this operation does first; nothing is sent.

    Raises:
        errors.InvalidArgumentError: The first argument refused, with its place (`argument`) and the rule it
            breaks (`rule`).
    """
    errors.check_instance(body, CreateInvitationRequest, "body")
    errors.check_str(body.email_address, "body.email_address", email=True)

    if not isinstance(body.public_metadata, Unset):
        errors.check_instance(body.public_metadata, dict, "body.public_metadata")
        errors.check_json(body.public_metadata, "body.public_metadata")

    if not isinstance(body.redirect_url, Unset):
        errors.check_str(body.redirect_url, "body.redirect_url")

    if not isinstance(body.notify, Unset) and body.notify is not None:
        errors.check_bool(body.notify, "body.notify")

    if not isinstance(body.ignore_existing, Unset) and body.ignore_existing is not None:
        errors.check_bool(body.ignore_existing, "body.ignore_existing")

    if not isinstance(body.expires_in_days, Unset) and body.expires_in_days is not None:
        errors.check_int(body.expires_in_days, "body.expires_in_days", minimum=1, maximum=365)

    if not isinstance(body.template_slug, Unset):
        errors.check_enum(body.template_slug, TemplateSlug, "body.template_slug")


def _get_kwargs(
    *,
    body: CreateInvitationRequest,
) -> dict[str, Any]:
    check_arguments(
        body=body,
    )
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/invitations",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(response: httpx.Response) -> ClerkErrors | Invitation | None:
    if response.status_code == 200:
        response_200 = decoding.parse(response.content, Invitation)
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
    body: CreateInvitationRequest,
    deadline: float | None | Unset = UNSET,
) -> Response[ClerkErrors | Invitation]:
    """Create an invitation: any completed exchange, whatever its status.

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
    body: CreateInvitationRequest,
    deadline: float | None | Unset = UNSET,
) -> Invitation:
    """Create an invitation: the success, or the exception for what came instead.

    Arguments and errors: the module's docstring.
    """
    response = sync_detailed(
        client=client,
        body=body,
        deadline=deadline,
    )
    return errors.success_of(response, Invitation)


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CreateInvitationRequest,
    deadline: float | None | Unset = UNSET,
) -> Response[ClerkErrors | Invitation]:
    """Create an invitation: any completed exchange, whatever its status.

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
    body: CreateInvitationRequest,
    deadline: float | None | Unset = UNSET,
) -> Invitation:
    """Create an invitation: the success, or the exception for what came instead.

    Arguments and errors: the module's docstring.
    """
    response = await asyncio_detailed(
        client=client,
        body=body,
        deadline=deadline,
    )
    return errors.success_of(response, Invitation)
