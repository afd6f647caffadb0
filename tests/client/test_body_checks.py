"""Every response body is checked against the spec's types as it is parsed (issue 20), on each way of reading it:
msgspec's fast path, and the Python path through orjson or the standard library (the `json_decoder` fixture).

A body that doesn't match raises errors.UnexpectedResponse naming the field's place, never a bare TypeError
and never a model holding a value of the wrong type; unknown enum values and unknown fields stay tolerated.
"""

from __future__ import annotations

import copy
import importlib
import json
import pickle
import pkgutil
import subprocess
import sys
from typing import Any

import attrs
import pytest
from clerk_invitations_client import AuthenticatedClient, decoding, errors, models
from clerk_invitations_client.api.invitations import list_invitations, revoke_invitation
from clerk_invitations_client.models import Invitation, InvitationStatus, PaginatedInvitations

from tests.client.conftest import JSON_DECODERS
from tests.support.calls import Caller
from tests.support.scripted_server import ScriptedServer, json_reply

# What a red-team server answered (issue 20), each change to an invitation, with the place and the problem named.
WRONG_INVITATIONS: dict[str, tuple[dict[str, Any], str, str]] = {
    "id null": ({"id": None}, "id", "expected a string, got null"),
    "id a number": ({"id": 12345}, "id", "expected a string, got a number"),
    "id a list": ({"id": ["inv_1"]}, "id", "expected a string, got an array"),
    "email null": ({"email_address": None}, "email_address", "expected a string, got null"),
    "created_at a word": ({"created_at": "yesterday"}, "created_at", "expected an integer, got a string"),
    "created_at a float": ({"created_at": 1.5}, "created_at", "expected an integer, got a number"),
    "created_at a boolean": ({"created_at": True}, "created_at", "expected an integer, got a boolean"),
    "revoked a word": ({"revoked": "no"}, "revoked", "expected a boolean, got a string"),
    "metadata pairs": ({"public_metadata": [["k", 1]]}, "public_metadata", "expected an object, got an array"),
    "status a number": ({"status": 7}, "status", "expected a string, got a number"),
    "expires_at a word": ({"expires_at": "never"}, "expires_at", "expected an integer or null, got a string"),
    "url null": ({"url": None}, "url", "expected a string, got null"),
}


def invitations(invitation_json: dict[str, Any], count: int) -> list[dict[str, Any]]:
    return [{**copy.deepcopy(invitation_json), "id": f"inv_{index}"} for index in range(count)]


@pytest.mark.parametrize("case", list(WRONG_INVITATIONS))
def test_a_wrong_value_in_a_list_raises_unexpected_response_naming_its_place(
    json_decoder: str,
    server: ScriptedServer,
    server_client: AuthenticatedClient,
    invitation_json: dict[str, Any],
    case: str,
) -> None:
    change, field, problem = WRONG_INVITATIONS[case]
    body = invitations(invitation_json, 5)
    body[3].update(change)
    server.script(json_reply(body))

    with pytest.raises(errors.UnexpectedResponse) as raised:  # sync only: async reads the body the same way,
        list_invitations.sync(client=server_client)  # as the tests below show with `call`

    assert f"(BodyMismatch: [3].{field}: {problem})" in str(raised.value)
    assert not isinstance(raised.value, TypeError)


def test_a_missing_required_field_is_named(
    call: Caller,
    json_decoder: str,
    server: ScriptedServer,
    server_client: AuthenticatedClient,
    invitation_json: dict[str, Any],
) -> None:
    body = {key: value for key, value in invitation_json.items() if key != "created_at"}
    server.script(json_reply(body))

    with pytest.raises(errors.UnexpectedResponse) as raised:
        call(revoke_invitation, "inv_1", client=server_client)

    assert "(BodyMismatch: created_at: required, missing)" in str(raised.value)


@pytest.mark.parametrize(
    ("page", "place"),
    [
        ({"total_count": "99"}, "total_count: expected an integer, got a string"),
        ({"total_count": None}, "total_count: expected an integer, got null"),
        ({"data": {}}, "data: expected an array, got an object"),
    ],
)
def test_sync_all_and_the_page_refuse_a_wrong_total_count_or_page(
    json_decoder: str,
    server: ScriptedServer,
    server_client: AuthenticatedClient,
    invitation_json: dict[str, Any],
    page: dict[str, Any],
    place: str,
) -> None:
    server.script(*[json_reply({"data": invitations(invitation_json, 2), "total_count": 5, **page})] * 2)

    with pytest.raises(errors.UnexpectedResponse, match=f"BodyMismatch: {place}"):
        list_invitations.sync_page(client=server_client, limit=2)
    with pytest.raises(errors.UnexpectedResponse, match=f"BodyMismatch: {place}"):
        list(list_invitations.sync_all(client=server_client, page_size=2))


def test_sync_all_refuses_an_id_that_is_a_list(
    json_decoder: str, server: ScriptedServer, server_client: AuthenticatedClient, invitation_json: dict[str, Any]
) -> None:
    items = invitations(invitation_json, 2)
    items[1]["id"] = ["inv_1"]
    server.script(json_reply({"data": items, "total_count": 5}))

    with pytest.raises(
        errors.UnexpectedResponse, match=r"BodyMismatch: data\[1\]\.id: expected a string, got an array"
    ):
        list(list_invitations.sync_all(client=server_client, page_size=2))


def test_unknown_enum_values_and_fields_are_kept_on_every_path(
    call: Caller,
    json_decoder: str,
    server: ScriptedServer,
    server_client: AuthenticatedClient,
    invitation_json: dict[str, Any],
) -> None:
    body = invitations(invitation_json, 3)
    body[1]["status"] = "archived"
    body[2]["new_field"] = {"nested": [1, 2]}
    server.script(json_reply(body))

    parsed = call(list_invitations, client=server_client)

    assert [item.status.is_known for item in parsed] == [True, False, True]
    assert parsed[1].status == "archived" and isinstance(parsed[1].status, InvitationStatus)
    assert [item.additional_properties for item in parsed] == [{}, {}, {"new_field": {"nested": [1, 2]}}]


# Unit-level: the three ways of reading the same bytes, compared without a transport (no HTTP involved).


def read_all_ways(body: bytes, read: Any) -> list[Any]:
    """What each way of reading gives for `body`: the model, or the mismatch's message."""
    outcomes = []
    for loads in JSON_DECODERS.values():
        decoding.set_json_decoder(loads)
        try:
            outcomes.append(read(body))
        except ValueError as error:
            outcomes.append(f"{type(error).__name__}: {error}")
        finally:
            decoding.set_json_decoder(None)
    return outcomes


def mutations(invitation_json: dict[str, Any]) -> list[list[dict[str, Any]]]:
    """Pages of invitations, each with one field changed to each kind of JSON value, removed, or one key added."""
    values: list[Any] = [None, True, 0, 1.5, 2**70, "", "x", [], [1], {}, {"a": {"b": [None]}}]
    pages = []
    for key in invitation_json:
        for value in values:
            page = invitations(invitation_json, 2)
            page[1][key] = value
            pages.append(page)
        page = invitations(invitation_json, 2)
        del page[1][key]
        pages.append(page)
    page = invitations(invitation_json, 2)
    page[0]["added"] = 1
    return [*pages, page]


def test_an_unknown_field_of_a_page_and_of_its_items_is_kept_alike(invitation_json: dict[str, Any]) -> None:
    items = invitations(invitation_json, 2)
    items[1]["added"] = [1]
    body = json.dumps({"data": items, "total_count": 2, "next_cursor": "c"}).encode()

    pages = read_all_ways(body, lambda b: decoding.parse_page(b, PaginatedInvitations, Invitation, "data", "data"))

    assert pages[0] == pages[1] == pages[2]
    assert pages[0].additional_properties == {"next_cursor": "c"}
    assert [item.additional_properties for item in pages[0].data] == [{}, {"added": [1]}]


def test_every_way_of_reading_accepts_and_refuses_the_same_bodies_alike(invitation_json: dict[str, Any]) -> None:
    for page in mutations(invitation_json):
        body = json.dumps(page).encode()

        msgspec_way, orjson_way, stdlib_way = read_all_ways(body, lambda b: decoding.parse_list(b, Invitation))

        if 2**70 not in page[1].values():  # orjson reads an integer beyond 64 bits as a float (json_decoder says so)
            assert msgspec_way == orjson_way, page[1]
        assert msgspec_way == stdlib_way, page[1]
        if isinstance(msgspec_way, list):  # a model holds values of the types its annotations say
            assert all(isinstance(item.id, str) and type(item.created_at) is int for item in msgspec_way)


def test_the_fast_path_reads_a_known_body_and_leaves_an_unknown_field_to_the_python_path(
    invitation_json: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    decoded: list[bytes] = []
    json_loads = decoding.json_loads

    def recording_loads(content: bytes) -> Any:
        decoded.append(content)
        return json_loads(content)

    monkeypatch.setattr(decoding, "json_loads", recording_loads)
    known = json.dumps(invitations(invitation_json, 2)).encode()
    unknown = json.dumps([*invitations(invitation_json, 1), {**invitation_json, "added": 1}]).encode()

    read_known = decoding.parse_list(known, Invitation)
    read_unknown = decoding.parse_list(unknown, Invitation)

    assert read_unknown[1].additional_properties == {"added": 1} and read_known[0] == read_unknown[0]
    assert decoded == [unknown]


def test_every_model_msgspec_can_mirror_is_read_by_the_fast_path() -> None:
    """Derived from the package's models, which the spec generates: each one with a `_from_mirror` has a decoder."""
    found = []
    for module in pkgutil.iter_modules(models.__path__):
        module_name = f"{models.__name__}.{module.name}"
        imported = importlib.import_module(module_name)
        found += [
            value for value in vars(imported).values() if attrs.has(value) and value.__module__ == imported.__name__
        ]

    assert found and PaginatedInvitations in found
    for model in found:
        assert hasattr(model, "_from_mirror"), model  # no union of several objects in our spec
        assert decoding._fast_decoder(model) is not None, model


def test_without_msgspec_the_python_path_checks_the_same() -> None:
    """In a fresh interpreter where `import msgspec` fails, as it does when the extra isn't installed."""
    code = (
        "import sys; sys.modules['msgspec'] = None\n"
        "from clerk_invitations_client import decoding\n"
        "from clerk_invitations_client.models import PaginatedInvitations\n"
        "try:\n"
        '    decoding.parse(b\'{"data": [], "total_count": "99"}\', PaginatedInvitations)\n'
        "except decoding.BodyMismatch as error:\n"
        "    print(error, decoding._fast_decoder(PaginatedInvitations))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)

    assert result.stdout == "total_count: expected an integer, got a string None\n"


def test_a_mismatch_pickles_and_names_no_value() -> None:
    body = b'[{"object": "invitation", "id": 1, "email_address": "https://x/?__clerk_ticket=secret"}]'
    with pytest.raises(decoding.BodyMismatch) as raised:
        decoding.parse_list(body, Invitation)

    copied = pickle.loads(pickle.dumps(raised.value))
    assert (copied.path, copied.problem, str(copied)) == (
        "[0].id",
        "expected a string, got a number",
        str(raised.value),
    )
    assert "secret" not in str(raised.value)
