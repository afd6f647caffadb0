"""Every exception of the package survives pickle (a ProcessPoolExecutor's worker included) with its
attributes and without the request's headers, and its message stays short whatever the response held."""

from __future__ import annotations

import asyncio
import pickle
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import pytest
from clerk_invitations_client import AuthenticatedClient, errors
from clerk_invitations_client.api.invitations import list_invitations, revoke_invitation
from clerk_invitations_client.errors import MAX_MESSAGE_LENGTH

from tests.support.calls import TEST_SECRET_KEY, Caller
from tests.support.key_checks import assert_no_key
from tests.support.operations import OPERATIONS
from tests.support.prism import free_port
from tests.support.scripted_server import Reply, ScriptedServer, json_reply


def clerk_errors(status: int, code: str, count: int = 1) -> Reply:
    body = {
        "errors": [{"code": code, "message": code, "long_message": f"{code} #{n}"} for n in range(count)],
        "clerk_trace_id": "trace_1",
    }
    return json_reply(body, status=status, headers={"Retry-After": "120"})


# name: (the reply scripted, None for no server; settings of the client; the operation called; its arguments
# beside what tests/support/operations.py gives it)
REVOKE, LIST = "RevokeInvitation", "ListInvitations"
SCENARIOS: dict[str, tuple[Reply | None, dict[str, Any], str, dict[str, Any]]] = {
    "BadRequestError": (clerk_errors(400, "invitation_already_revoked"), {}, REVOKE, {}),
    "AuthenticationError": (clerk_errors(401, "authentication_invalid"), {}, REVOKE, {}),
    "PaymentRequiredError": (clerk_errors(402, "quota_exceeded"), {}, "CreateOrganizationInvitation", {}),
    "PermissionDeniedError": (clerk_errors(403, "not_allowed"), {}, REVOKE, {}),
    "NotFoundError": (clerk_errors(404, "resource_not_found"), {}, REVOKE, {}),
    "ConflictError": (clerk_errors(409, "conflict"), {}, "InviteWaitlistEntry", {}),
    "UnprocessableEntityError": (clerk_errors(422, "form_param_invalid"), {}, LIST, {}),
    "RateLimitError": (clerk_errors(429, "too_many_requests"), {}, REVOKE, {}),
    "InternalServerError": (clerk_errors(500, "internal_clerk_error"), {}, "ListInstanceOrganizationInvitations", {}),
    "UnexpectedStatus": (Reply(520, b"origin down"), {}, REVOKE, {}),
    "UnexpectedResponse": (Reply(200, b'{"id": ', {"Content-Type": "application/json"}), {}, REVOKE, {}),
    "ResponseTooLargeError": (Reply(200, b"{}", content_length=10**9), {}, REVOKE, {}),
    "APITimeoutError": (Reply(hang=True), {"deadline": 0.3}, REVOKE, {}),
    "APIConnectionError": (None, {}, REVOKE, {}),
    "InvalidArgumentError": (None, {}, REVOKE, {"invitation_id": ".."}),
    "ClientClosedError": (None, {"closed": True}, REVOKE, {}),
}
NEVER_RAISED_THEMSELVES = {"ClerkInvitationsError", "APIResponseError", "ClerkAPIError"}
EXCEPTIONS = {name for name in errors.__all__ if isinstance(getattr(errors, name), type)}
# Not raised by a call: a warning, and what pickling a client raises (tests/client/test_client_lifecycle.py).
NOT_FROM_A_CALL = {"InsecureKeyWarning", "UnpicklableClientError"}


def raise_in(call: Caller, server: ScriptedServer, scenario: str) -> errors.ClerkInvitationsError:
    reply, settings, operation_id, overrides = SCENARIOS[scenario]
    if reply is not None:
        server.script(reply)
    settings = dict(settings)
    closed = settings.pop("closed", False)
    base_url = server.url if reply is not None else f"http://127.0.0.1:{free_port()}"
    client = AuthenticatedClient(base_url=base_url, token=TEST_SECRET_KEY, max_retries=0, **settings)
    if closed:
        client.close()
    operation = OPERATIONS[operation_id]
    with pytest.raises(errors.ClerkInvitationsError) as raised:
        call(operation.endpoint, client=client, **{**operation.arguments, **overrides})
    return raised.value


def test_the_scenarios_raise_every_exception_of_the_package() -> None:
    assert set(SCENARIOS) == EXCEPTIONS - NEVER_RAISED_THEMSELVES - NOT_FROM_A_CALL


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_every_exception_survives_pickle_without_the_request(
    call: Caller, server: ScriptedServer, scenario: str
) -> None:
    error = raise_in(call, server, scenario)
    assert type(error).__name__ == scenario

    for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
        pickled = pickle.dumps(error, protocol)
        copy = pickle.loads(pickled)

        assert type(copy) is type(error)
        assert (str(copy), copy.args) == (str(error), error.args)
        assert vars(copy) == vars(error)
        assert_no_key(pickled)
        assert b"python-httpx" not in pickled, "the request's headers (its User-Agent) must not be pickled"


def revoke_in_a_worker(base_url: str) -> None:
    client = AuthenticatedClient(base_url=base_url, token=TEST_SECRET_KEY, max_retries=0)
    revoke_invitation.sync("inv_1", client=client)


def test_an_error_raised_in_a_worker_process_reaches_the_parent(server: ScriptedServer) -> None:
    server.script(clerk_errors(404, "resource_not_found"))

    with ProcessPoolExecutor(max_workers=1) as pool:
        future = pool.submit(revoke_in_a_worker, server.url)
        with pytest.raises(errors.NotFoundError) as raised:
            future.result(timeout=30)

    error = raised.value
    assert (error.status_code, error.code, error.clerk_trace_id) == (404, "resource_not_found", "trace_1")
    assert error.errors[0].long_message == "resource_not_found #0"


def test_a_429_with_100000_errors_has_a_short_message_and_every_error(call: Caller, server: ScriptedServer) -> None:
    server.script(clerk_errors(429, "too_many_requests", count=100_000))
    client = AuthenticatedClient(base_url=server.url, token=TEST_SECRET_KEY)

    with pytest.raises(errors.RateLimitError) as raised:
        call(list_invitations, client=client)

    message = str(raised.value)
    assert len(message) <= MAX_MESSAGE_LENGTH + 100
    assert message.endswith("; and 99,980 more (clerk_trace_id trace_1)")
    assert len(raised.value.errors) == 100_000
    assert raised.value.errors[-1].long_message == "too_many_requests #99999"


def test_every_message_is_cut_at_the_cap_saying_so() -> None:
    error = errors.InvalidArgumentError("x" * 100_000)

    assert len(str(error)) <= MAX_MESSAGE_LENGTH + 100
    assert str(error).endswith("... (100,000 characters; the exception's attributes have the details)")


def test_an_exception_pickles_in_a_fresh_event_loop_too(server: ScriptedServer) -> None:
    """The async path builds its exceptions alike: one raised by asyncio() round-trips."""
    server.script(clerk_errors(404, "resource_not_found"))
    client = AuthenticatedClient(base_url=server.url, token=TEST_SECRET_KEY)

    with pytest.raises(errors.NotFoundError) as raised:
        asyncio.run(revoke_invitation.asyncio("inv_1", client=client))

    assert pickle.loads(pickle.dumps(raised.value)).code == "resource_not_found"
