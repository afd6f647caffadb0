"""Responses that aren't the success response end in this package's exceptions, never a bare one.

The scripted server produces what Prism can't: undocumented and non-IANA statuses, HTML and
broken JSON bodies, bodies that don't match the schema.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from clerk_invitations_client import AuthenticatedClient, errors
from clerk_invitations_client.api.invitations import list_invitations, revoke_invitation
from clerk_invitations_client.models import ClerkErrors, Invitation
from clerk_invitations_client.types import Response

from tests.support.calls import Caller
from tests.support.scripted_server import Reply, ScriptedServer, json_reply

# Every bad body is tried with both JSON decoders: the orjson extra's and the standard library's.
pytestmark = pytest.mark.usefixtures("json_decoder")

HTML_502 = b"<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>"


def bad_replies(invitation: dict[str, Any]) -> dict[str, tuple[Reply, type[errors.APIResponseError], str]]:
    """name -> (reply, the exception sync() must raise, text its message must show)."""
    missing_id = {key: value for key, value in invitation.items() if key != "id"}
    return {
        "html-502": (Reply(502, HTML_502, {"Content-Type": "text/html"}), errors.UnexpectedStatus, "502 Bad Gateway"),
        "status-520": (Reply(520, b"origin error"), errors.UnexpectedStatus, "HTTP 520"),
        "status-499": (Reply(499, b""), errors.UnexpectedStatus, "(empty body)"),
        "json-500": (json_reply({"errors": []}, status=500), errors.UnexpectedStatus, "HTTP 500"),
        "truncated-json": (
            Reply(200, json.dumps(invitation).encode()[:40], {"Content-Type": "application/json"}),
            errors.UnexpectedResponse,
            "JSONDecodeError",
        ),
        "not-json": (Reply(200, b"OK", {"Content-Type": "text/plain"}), errors.UnexpectedResponse, "OK"),
        # Refused by the decoder (invalid UTF-8), or by it or by the model (NaN: json.loads takes it, orjson not).
        "not-utf8": (
            Reply(200, b'["\xff"]', {"Content-Type": "application/json"}),
            errors.UnexpectedResponse,
            "HTTP 200: unreadable body",
        ),
        "nan": (
            Reply(200, b"[NaN]", {"Content-Type": "application/json"}),
            errors.UnexpectedResponse,
            "HTTP 200: unreadable body",
        ),
        "missing-field": (json_reply(missing_id), errors.UnexpectedResponse, "BodyMismatch: id: required, missing"),
        "wrong-shape": (json_reply([invitation]), errors.UnexpectedResponse, "HTTP 200"),
        "error-body-not-json": (Reply(404, b"Not Found"), errors.UnexpectedResponse, "Not Found"),
    }


CASES = list(bad_replies({"id": "x"}))


@pytest.mark.parametrize("case", CASES)
def test_bad_response_raises_a_package_error(
    call: Caller, server: ScriptedServer, server_client: AuthenticatedClient, invitation_json: dict[str, Any], case: str
) -> None:
    reply, expected, shown = bad_replies(invitation_json)[case]
    server.script(reply)

    with pytest.raises(expected) as raised:
        call(revoke_invitation, client=server_client, invitation_id="inv_1")

    error = raised.value
    assert type(error) is expected, "a documented error class would be wrong here"
    assert isinstance(error, errors.ClerkInvitationsError)
    assert error.status_code == reply.status
    ticket = invitation_json["url"].split("__clerk_ticket=")[1].encode()
    assert error.content == reply.body.replace(ticket, b"[hidden]"), "the body, without the invitation's ticket"
    assert f"HTTP {reply.status}" in str(error) and shown in str(error)


@pytest.mark.parametrize("case", CASES)
def test_detailed_returns_every_completed_exchange(
    call: Caller, server: ScriptedServer, server_client: AuthenticatedClient, invitation_json: dict[str, Any], case: str
) -> None:
    reply, _, _ = bad_replies(invitation_json)[case]
    server.script(reply)

    response = call.detailed(revoke_invitation, client=server_client, invitation_id="inv_1")

    assert response.status_code == reply.status
    assert response.content == reply.body
    assert response.parsed is None


def test_detailed_keeps_why_a_body_did_not_parse(server: ScriptedServer, server_client: AuthenticatedClient) -> None:
    server.script(Reply(200, b"{not json", {"Content-Type": "application/json"}))

    response = revoke_invitation.sync_detailed("inv_1", client=server_client)

    assert response.parsed is None
    assert isinstance(response.parse_error, json.JSONDecodeError)


def test_success_model_is_returned_itself(
    call: Caller, server: ScriptedServer, server_client: AuthenticatedClient, invitation_json: dict[str, Any]
) -> None:
    server.script(json_reply([invitation_json, invitation_json]))

    page = call(list_invitations, client=server_client)

    assert type(page) is list and len(page) == 2
    assert all(type(invitation) is Invitation for invitation in page)


def test_error_message_is_short_for_a_huge_body(server: ScriptedServer, server_client: AuthenticatedClient) -> None:
    server.script(Reply(502, b"<p>" + b"x" * 100_000 + b"</p>"))

    with pytest.raises(errors.UnexpectedStatus) as raised:
        revoke_invitation.sync("inv_1", client=server_client)

    assert len(str(raised.value)) < 400
    assert len(raised.value.content) == 100_007


def test_clerk_api_error_without_details(server: ScriptedServer, server_client: AuthenticatedClient) -> None:
    server.script(json_reply({"errors": []}, status=404))

    with pytest.raises(errors.NotFoundError) as raised:
        revoke_invitation.sync("inv_1", client=server_client)

    assert raised.value.errors == [] and raised.value.code is None and raised.value.clerk_trace_id is None
    assert str(raised.value) == "HTTP 404: no error details"


def test_parsed_documented_error_is_kept_by_detailed(
    server: ScriptedServer, server_client: AuthenticatedClient
) -> None:
    body = {"errors": [{"code": "resource_not_found", "message": "not found", "long_message": "Resource not found"}]}
    server.script(json_reply(body, status=404))

    response = revoke_invitation.sync_detailed("inv_1", client=server_client)

    assert isinstance(response.parsed, ClerkErrors)
    assert response.parsed.errors[0].code == "resource_not_found"


@pytest.mark.parametrize("status", errors.STATUSES_ON_EVERY_OPERATION)
def test_a_status_clerk_answers_anywhere_is_typed_even_where_undocumented(status: int) -> None:
    """Unit level, on a Response built here: every operation of openapi.yaml documents 401, 403 and 429, so no
    served operation can answer one undocumented; error_for must still type it, as a spec may leave it out."""
    body = {"errors": [{"code": "authentication_invalid", "message": "m", "long_message": "lm"}], "clerk_trace_id": "t"}
    content = json.dumps(body).encode()
    undocumented: Response[Any] = Response(status_code=status, content=content, headers={}, parsed=None)

    error = errors.error_for(undocumented)

    assert type(error).status == status  # type: ignore[attr-defined]
    assert isinstance(error, errors.ClerkAPIError) and error.code == "authentication_invalid"
    assert error.clerk_trace_id == "t"


def test_an_undocumented_status_clerk_answers_anywhere_without_clerks_body_is_unexpected() -> None:
    undocumented: Response[Any] = Response(status_code=401, content=b"<html>nope</html>", headers={}, parsed=None)
    assert type(errors.error_for(undocumented)) is errors.UnexpectedStatus
