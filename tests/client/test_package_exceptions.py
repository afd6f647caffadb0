"""What used to escape as a raw exception ends in one of the package's: a closed client, an id too long
for a URL, structures nested too deep, sent or received; and a body's depth limit is the same whichever
JSON decoder, so that every model returned can be printed, logged and pickled."""

from __future__ import annotations

import asyncio
import json
import logging
import pickle
import threading
from typing import Any

import pytest
from clerk_invitations_client import AuthenticatedClient, errors, types
from clerk_invitations_client.api.invitations import list_invitations, revoke_invitation
from clerk_invitations_client.types import MAX_JSON_DEPTH

from tests.support.calls import TEST_SECRET_KEY, Caller
from tests.support.scripted_server import Reply, ScriptedServer, json_reply, wait_until

JSON = {"Content-Type": "application/json"}
TOO_DEEP = f"JSON nested more than {MAX_JSON_DEPTH} levels deep"


def close(call: Caller, client: AuthenticatedClient) -> None:
    """Close the client as the call's mode does: close(), or aclose() in the call's event loop."""
    if call.mode == "sync":
        client.close()
    else:
        call.loop.run_until_complete(client.aclose())


def test_a_call_on_a_closed_client_raises_client_closed(call: Caller, server: ScriptedServer) -> None:
    client = AuthenticatedClient(base_url=server.url, token=TEST_SECRET_KEY)
    close(call, client)

    with pytest.raises(errors.ClientClosedError, match="the client is closed") as raised:
        call(list_invitations, client=client)

    assert isinstance(raised.value, RuntimeError)
    assert server.requests == []


def test_a_client_closed_during_a_call_raises_client_closed(call: Caller, server: ScriptedServer) -> None:
    """Closed while the call waits to retry a 503."""
    client = AuthenticatedClient(base_url=server.url, token=TEST_SECRET_KEY)
    server.script(Reply(503, b"busy", {"Retry-After": "0.3"}), json_reply([]))
    outcome: list[BaseException] = []

    if call.mode == "sync":

        def in_flight() -> None:
            try:
                list_invitations.sync(client=client)
            except errors.ClerkInvitationsError as error:
                outcome.append(error)

        caller = threading.Thread(target=in_flight)
        caller.start()
        wait_until(lambda: len(server.requests) == 1)
        close(call, client)
        caller.join()
    else:
        task = call.loop.create_task(list_invitations.asyncio(client=client))
        while not server.requests:
            call.loop.run_until_complete(asyncio.sleep(0.01))  # the task runs while the loop does
        close(call, client)
        with pytest.raises(errors.ClerkInvitationsError) as raised:
            call.loop.run_until_complete(task)
        outcome.append(raised.value)

    assert [type(error) for error in outcome] == [errors.ClientClosedError]
    assert len(server.requests) == 1


def test_an_id_too_long_for_a_url_is_an_invalid_argument(call: Caller, server: ScriptedServer) -> None:
    client = AuthenticatedClient(base_url=server.url, token=TEST_SECRET_KEY)

    with pytest.raises(errors.InvalidArgumentError, match="InvalidURL") as raised:
        call(revoke_invitation, "i" * 100_000, client=client)

    assert len(str(raised.value)) <= errors.MAX_MESSAGE_LENGTH + 100
    assert server.requests == []


SETTINGS = ["max_retries", "max_retry_wait", "retry_backoff", "deadline", "max_response_bytes"]
# None disables the deadline: it is the one setting that takes it.
WRONG_SETTINGS = [(s, v) for s in SETTINGS for v in ("1", None, float("nan")) if (s, v) != ("deadline", None)]


@pytest.mark.parametrize(("setting", "value"), WRONG_SETTINGS)
def test_a_client_setting_of_the_wrong_type_is_an_invalid_argument(setting: str, value: Any) -> None:
    with pytest.raises(errors.InvalidArgumentError, match=setting):
        AuthenticatedClient(base_url="http://127.0.0.1:1", token=TEST_SECRET_KEY, **{setting: value})


def invitation_nested(invitation_json: dict[str, Any], depth: int) -> bytes:
    """The invitation as JSON, its public_metadata deep enough for the whole body to nest `depth` levels."""
    fields = json.dumps({key: value for key, value in invitation_json.items() if key != "public_metadata"})
    metadata = '{"a": ' * (depth - 2) + "{}" + "}" * (depth - 2)
    return f'{fields[:-1]}, "public_metadata": {metadata}}}'.encode()


DEPTHS = [MAX_JSON_DEPTH + 1, 500, 1000, 1024, 1100, 100_000]


@pytest.mark.parametrize("depth", DEPTHS)
def test_a_body_nested_too_deep_is_refused_alike_by_both_decoders(
    call: Caller,
    json_decoder: str,
    server: ScriptedServer,
    server_client: AuthenticatedClient,
    invitation_json: dict[str, Any],
    depth: int,
) -> None:
    body = invitation_nested(invitation_json, depth)
    server.script(Reply(200, body, JSON))

    with pytest.raises(errors.UnexpectedResponse) as raised:
        call(revoke_invitation, "inv_1", client=server_client)

    assert str(raised.value).startswith(f"HTTP 200: unreadable body (ValueError: {TOO_DEEP}): ")
    ticket = invitation_json["url"].split("__clerk_ticket=")[1].encode()
    assert raised.value.content == body.replace(ticket, b"[hidden]")


@pytest.mark.parametrize("depth", DEPTHS)
def test_json_loads_says_the_same_whichever_decoder(
    json_decoder: str, invitation_json: dict[str, Any], depth: int
) -> None:
    with pytest.raises(ValueError) as raised:
        types.json_loads(invitation_nested(invitation_json, depth))

    assert str(raised.value) == TOO_DEEP


def at_stack_depth(frames: int, action: Any) -> Any:
    """`action()`, called from `frames` frames deeper than here: a service's call stack is deep too."""
    return action() if frames == 0 else at_stack_depth(frames - 1, action)


def test_a_body_at_the_depth_limit_gives_a_model_that_prints_logs_and_pickles(
    call: Caller,
    json_decoder: str,
    server: ScriptedServer,
    server_client: AuthenticatedClient,
    invitation_json: dict[str, Any],
    caplog: pytest.LogCaptureFixture,
) -> None:
    server.script(Reply(200, invitation_nested(invitation_json, MAX_JSON_DEPTH), JSON))

    invitation = call(revoke_invitation, "inv_1", client=server_client)

    caplog.set_level(logging.INFO)
    at_stack_depth(500, lambda: logging.getLogger("service").info("revoked %s", invitation))
    assert at_stack_depth(500, lambda: repr(invitation)) in caplog.records[0].getMessage()
    assert at_stack_depth(500, lambda: pickle.loads(pickle.dumps(invitation))) == invitation
    assert at_stack_depth(500, lambda: invitation.to_dict())["id"] == invitation_json["id"]


def test_a_pickled_model_keeps_its_unset_fields_unset(
    server: ScriptedServer, server_client: AuthenticatedClient, invitation_json: dict[str, Any]
) -> None:
    without_optional = {key: value for key, value in invitation_json.items() if key not in {"url", "revoked"}}
    server.script(json_reply(without_optional))

    invitation = revoke_invitation.sync("inv_1", client=server_client)
    copy = pickle.loads(pickle.dumps(invitation))

    assert copy.url is types.UNSET and copy.revoked is types.UNSET
    assert copy == invitation and copy.to_dict() == invitation.to_dict() == without_optional
