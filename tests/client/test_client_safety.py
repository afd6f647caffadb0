"""The client's own safety: the secret key stays secret, paths stay put, calls can't hang forever,
and every request says who it is and which API version it speaks."""

from __future__ import annotations

import logging
import subprocess
import sys
from types import ModuleType
from typing import Any

import httpx
import pytest
import yaml
from clerk_invitations_client import AuthenticatedClient, Client, errors
from clerk_invitations_client.api.invitations import create_invitation, list_invitations, revoke_invitation
from clerk_invitations_client.client import API_VERSION, DEFAULT_CONNECT_TIMEOUT_S, DEFAULT_TIMEOUT_S
from clerk_invitations_client.models import CreateInvitationRequest

from tests.support.calls import TEST_SECRET_KEY, Caller
from tests.support.key_checks import assert_no_key
from tests.support.paths import ROOT
from tests.support.prism import free_port
from tests.support.scripted_server import Reply, ScriptedServer, json_reply


def test_key_stays_out_of_repr_str_logs_and_errors(
    call: Caller,
    server: ScriptedServer,
    server_client: AuthenticatedClient,
    invitation_json: dict[str, Any],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)  # httpx and httpcore log every request at DEBUG
    not_found = {"errors": [{"code": "resource_not_found", "message": "not found", "long_message": "Not found"}]}
    server.script(json_reply(invitation_json), json_reply(not_found, status=404), Reply(520, b"origin down"))
    texts = [repr(server_client), str(server_client)]

    call(revoke_invitation, "inv_1", client=server_client)
    for expected in (errors.NotFoundError, errors.UnexpectedStatus):
        with pytest.raises(expected) as raised:
            call(revoke_invitation, "inv_1", client=server_client)
        texts += [str(raised.value), repr(raised.value), repr(raised.value.args)]
    texts += [repr(server_client), str(server_client), repr(server_client.with_headers({"X-Trace": "1"}))]
    texts += [record.getMessage() for record in caplog.records]

    key_sent = server.requests[0].headers["Authorization"] == f"Bearer {TEST_SECRET_KEY}"
    assert key_sent, "the key must still be sent"
    assert any("revoke" in record.getMessage() for record in caplog.records), "the logs were not captured"
    for text in texts:
        assert_no_key(text)


def test_key_stays_out_of_connection_errors(call: Caller) -> None:
    client = AuthenticatedClient(base_url=f"http://127.0.0.1:{free_port()}", token=TEST_SECRET_KEY, max_retries=0)

    with pytest.raises(errors.APIConnectionError) as raised:
        call(list_invitations, client=client)

    assert_no_key(str(raised.value) + repr(raised.value) + repr(client))


@pytest.mark.parametrize("invitation_id", ["", ".", ".."])
def test_ids_that_would_change_the_target_are_refused(
    call: Caller, server: ScriptedServer, server_client: AuthenticatedClient, invitation_id: str
) -> None:
    with pytest.raises(errors.InvalidArgumentError, match="invitation_id") as raised:
        call(revoke_invitation, invitation_id, client=server_client)

    assert isinstance(raised.value, ValueError)
    assert server.requests == [], "nothing may be sent"


@pytest.mark.parametrize(
    ("invitation_id", "sent_path"),
    [
        ("inv_2x9QmZk1vR8tYp3LbN6cW4dHs7E", "/invitations/inv_2x9QmZk1vR8tYp3LbN6cW4dHs7E/revoke"),
        ("../users/user_1", "/invitations/..%2Fusers%2Fuser_1/revoke"),
        ("a?b#c", "/invitations/a%3Fb%23c/revoke"),
        ("100%", "/invitations/100%25/revoke"),
        ("...", "/invitations/.../revoke"),
    ],
)
def test_ids_stay_one_path_segment(
    call: Caller,
    server: ScriptedServer,
    server_client: AuthenticatedClient,
    invitation_json: dict[str, Any],
    invitation_id: str,
    sent_path: str,
) -> None:
    server.script(json_reply(invitation_json))

    call(revoke_invitation, invitation_id, client=server_client)

    assert [request.path for request in server.requests] == [sent_path]


def test_default_timeout_is_finite() -> None:
    client = AuthenticatedClient(base_url="http://127.0.0.1:1", token=TEST_SECRET_KEY)

    assert (DEFAULT_TIMEOUT_S, DEFAULT_CONNECT_TIMEOUT_S) == (30.0, 5.0)
    for timeout in (client.get_httpx_client().timeout, client.get_async_httpx_client().timeout):
        assert timeout == httpx.Timeout(30.0, connect=5.0)


def test_a_slow_server_times_out(call: Caller, server: ScriptedServer) -> None:
    client = AuthenticatedClient(base_url=server.url, token=TEST_SECRET_KEY, timeout=httpx.Timeout(0.2), max_retries=0)
    server.script(Reply(200, b"[]", {"Content-Type": "application/json"}, delay_s=1.0))

    with pytest.raises(errors.APITimeoutError):
        call(list_invitations, client=client)


def test_every_request_names_the_client_and_the_api_version(
    call: Caller, server: ScriptedServer, server_client: AuthenticatedClient
) -> None:
    server.script(json_reply([]), json_reply([]))

    call(list_invitations, client=server_client)
    call(list_invitations, client=server_client.with_headers({"Clerk-API-Version": "2021-02-05"}))

    first, overridden = (request.headers for request in server.requests)
    assert API_VERSION == "2026-05-12"
    assert first["Clerk-API-Version"] == API_VERSION
    version = yaml.safe_load((ROOT / "generator-config.yml").read_text())["package_version_override"]
    assert first["User-Agent"].startswith(f"clerk-invitations-client/{version} python-httpx/")
    assert overridden["Clerk-API-Version"] == "2021-02-05"


def test_plain_client_sends_no_authorization(server: ScriptedServer) -> None:
    server.script(json_reply([]))

    list_invitations.sync(client=Client(base_url=server.url))

    assert "Authorization" not in server.requests[0].headers
    assert server.requests[0].headers["Clerk-API-Version"] == API_VERSION


@pytest.mark.parametrize("setting", ["max_retries", "max_retry_wait", "retry_backoff"])
def test_negative_retry_settings_are_refused(setting: str) -> None:
    with pytest.raises(errors.InvalidArgumentError, match=setting):
        settings: dict[str, Any] = {setting: -1}
        AuthenticatedClient(base_url="http://127.0.0.1:1", token=TEST_SECRET_KEY, **settings)


def wrong_arguments() -> dict[str, tuple[ModuleType, dict[str, Any]]]:
    """Arguments that pass the spec's checks (tests/client/test_argument_checks.py) but can't be encoded."""
    return {
        "surrogate-in-query": (list_invitations, {"query": "\ud800"}),
        "surrogate-in-body": (
            create_invitation,
            {"body": CreateInvitationRequest(email_address="ada\ud800@example.com")},
        ),
    }


@pytest.mark.parametrize("case", list(wrong_arguments()))
def test_wrong_arguments_are_refused_before_sending(
    call: Caller, server: ScriptedServer, server_client: AuthenticatedClient, case: str
) -> None:
    endpoint, kwargs = wrong_arguments()[case]

    with pytest.raises(errors.InvalidArgumentError, match="an argument can't be sent") as raised:
        call(endpoint, client=server_client, **kwargs)

    assert isinstance(raised.value, ValueError) and raised.value.__cause__ is not None
    assert server.requests == [], "nothing may be sent"


def test_importing_the_client_leaves_httpx_and_orjson_for_the_first_request() -> None:
    """httpx is most of the package's import time and orjson much of the rest; each loads when first needed:
    httpx with the first httpx client, orjson (the extra, installed here) with the first body decoded."""
    code = (
        "import sys; import clerk_invitations_client.api.invitations.list_invitations as endpoint; "
        "from clerk_invitations_client import AuthenticatedClient, types; "
        "loaded = lambda: ['httpx' in sys.modules, 'orjson' in sys.modules]; "
        "print(*loaded()); "
        "AuthenticatedClient(base_url='http://127.0.0.1:1', token='sk_test_x').get_httpx_client(); "
        "print(*loaded()); "
        "types.json_loads(b'[]'); "
        "print(*loaded())"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)

    assert result.stdout.splitlines() == ["False False", "True False", "True True"]


def test_a_client_set_by_hand_still_retries(server: ScriptedServer) -> None:
    client = AuthenticatedClient(base_url=server.url, token=TEST_SECRET_KEY, retry_backoff=0.01)
    client.set_httpx_client(httpx.Client(base_url=server.url))
    server.script(Reply(503, b""), json_reply([]))

    assert list_invitations.sync(client=client) == []
    assert len(server.requests) == 2
