"""Response bodies are decoded by orjson when the `orjson` extra is installed, else by the standard library,
with the same models and the same exceptions either way (test_errors.py runs each bad body, undecodable
ones included, with both)."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import orjson
import pytest
from clerk_invitations_client import AuthenticatedClient, errors, types
from clerk_invitations_client.api.invitations import (
    create_bulk_invitations,
    create_invitation,
    list_invitations,
    revoke_invitation,
)
from clerk_invitations_client.models import BulkInvitationRequest, CreateInvitationRequest, Invitation

from tests.support.calls import Caller
from tests.support.scripted_server import ScriptedServer, json_reply


def test_the_orjson_extra_decodes_when_installed() -> None:
    types.set_json_decoder(None)  # the default, as in a fresh interpreter

    assert types.json_loads(b'{"a": [1]}') == {"a": [1]}
    assert types.json_decoder() is orjson.loads


def test_a_decoder_set_decodes_every_body_until_the_default_is_restored() -> None:
    decoded: list[bytes] = []

    def recording_loads(content: bytes) -> Any:
        decoded.append(content)
        return json.loads(content)

    types.set_json_decoder(recording_loads)
    try:
        assert types.json_decoder() is recording_loads
        assert types.json_loads(b"[1]") == [1]
    finally:
        types.set_json_decoder(None)

    assert types.json_loads(b"[2]") == [2]
    assert decoded == [b"[1]"]
    assert types.json_decoder() is orjson.loads


def test_without_orjson_the_standard_library_decodes() -> None:
    """In a fresh interpreter where `import orjson` fails, as it does when the extra isn't installed."""
    code = (
        "import sys; sys.modules['orjson'] = None; import json; "
        "from clerk_invitations_client import types; "
        "print(types.json_loads(b'{\"a\": [1]}'), types.json_decoder() is json.loads)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)

    assert result.stdout.split() == ["{'a':", "[1]}", "True"]


OPERATIONS: dict[str, tuple[Any, dict[str, Any], bool]] = {
    # name: (endpoint, arguments, whether it answers with a list)
    "list": (list_invitations, {}, True),
    "create": (create_invitation, {"body": CreateInvitationRequest(email_address="ada@example.com")}, False),
    "bulk": (create_bulk_invitations, {"body": [BulkInvitationRequest(email_address="ada@example.com")]}, True),
    "revoke": (revoke_invitation, {"invitation_id": "inv_1"}, False),
}


@pytest.mark.parametrize("operation", OPERATIONS)
def test_every_operation_decodes_through_json_loads(
    call: Caller,
    server: ScriptedServer,
    server_client: AuthenticatedClient,
    invitation_json: dict[str, Any],
    operation: str,
) -> None:
    """Not httpx's response.json(), which would always use the standard library."""
    endpoint, arguments, is_list = OPERATIONS[operation]
    body = [invitation_json] if is_list else invitation_json
    decoded: list[bytes] = []

    def recording_loads(content: bytes) -> Any:
        decoded.append(content)
        return json.loads(content)

    server.script(json_reply(body))

    types.set_json_decoder(recording_loads)
    try:
        result = call(endpoint, client=server_client, **arguments)
    finally:
        types.set_json_decoder(None)

    assert decoded == [json.dumps(body).encode()]
    assert result == ([Invitation.from_dict(invitation_json)] if is_list else Invitation.from_dict(invitation_json))


def page(invitation_json: dict[str, Any]) -> list[dict[str, Any]]:
    """Items that exercise the decoders: non-ASCII text and escapes, nested metadata, an unknown key, null."""
    return [
        invitation_json,
        {
            **invitation_json,
            "id": "inv_2",
            "email_address": "zoë.ñandú@例え.jp",
            "public_metadata": {"note": 'quote " backslash \\ tab \t', "nested": {"seats": [1, 2.5, None]}},
            "expires_at": None,
            "added_later": {"emoji": "🎉"},
        },
    ]


def test_each_decoder_gives_the_same_models(
    call: Caller,
    json_decoder: str,
    server: ScriptedServer,
    server_client: AuthenticatedClient,
    invitation_json: dict[str, Any],
) -> None:
    items = page(invitation_json)
    server.script(json_reply(items))

    invitations = call(list_invitations, client=server_client)

    assert [invitation.to_dict() for invitation in invitations] == items
    assert invitations[1].email_address == "zoë.ñandú@例え.jp"
    assert invitations[1].additional_properties == {"added_later": {"emoji": "🎉"}}


def test_each_decoder_reads_a_documented_error(
    call: Caller, json_decoder: str, server: ScriptedServer, server_client: AuthenticatedClient
) -> None:
    body = {"errors": [{"message": "not found", "long_message": "No invitation 'inv_1'", "code": "resource_not_found"}]}
    server.script(json_reply(body, status=404))

    with pytest.raises(errors.NotFoundError) as raised:
        call(revoke_invitation, client=server_client, invitation_id="inv_1")

    assert raised.value.code == "resource_not_found"
    assert raised.value.errors[0].long_message == "No invitation 'inv_1'"
