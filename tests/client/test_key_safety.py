"""The secret key: refused at construction if it can't be a header value, never in a message, log line,
traceback or pickle whatever the key and whatever goes wrong, never sent where nobody chose to send it."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any

import pytest
from clerk_invitations_client import AuthenticatedClient, Client, errors
from clerk_invitations_client.api.invitations import list_invitations, revoke_invitation

from tests.support.calls import TEST_SECRET_KEY, Caller
from tests.support.key_checks import assert_error_hides_key, assert_no_key, assert_records_hide_key
from tests.support.prism import free_port
from tests.support.scripted_server import Reply, ScriptedServer, json_reply, scripted_server

KEY = TEST_SECRET_KEY
UNUSABLE_KEYS = {
    # name: (key, what the message must say)
    "trailing-newline": (KEY + "\n", "whitespace"),
    "trailing-crlf": (KEY + "\r\n", "whitespace"),
    "leading-space": (" " + KEY, "whitespace"),
    "trailing-tab": (KEY + "\t", "whitespace"),
    "nul-inside": (KEY[:12] + "\x00" + KEY[12:], "control character"),
    "header-injection": (KEY + "\r\nX-Injected: 1", "control character"),
    "delete-inside": (KEY[:12] + "\x7f" + KEY[12:], "control character"),
    "non-ascii": (KEY[:12] + "é" + KEY[12:], "non-ASCII"),
    "no-break-space": (KEY + "\u00a0", "whitespace"),
}


@pytest.mark.parametrize("case", UNUSABLE_KEYS)
def test_a_key_that_cant_be_a_header_value_is_refused_without_quoting_it(case: str) -> None:
    key, says = UNUSABLE_KEYS[case]

    with pytest.raises(errors.InvalidArgumentError, match=f"token .*{says}") as raised:
        AuthenticatedClient(base_url="http://127.0.0.1:1", token=key)

    error = raised.value
    assert error.__cause__ is None and error.__context__ is None
    assert_error_hides_key(error)


def test_a_key_set_later_is_checked_too() -> None:
    client = AuthenticatedClient(base_url="http://127.0.0.1:1", token=KEY)

    with pytest.raises(errors.InvalidArgumentError, match="whitespace") as raised:
        client.token = KEY + "\n"

    assert_error_hides_key(raised.value)
    assert client.token == KEY


@pytest.mark.parametrize(("token", "says"), [("", "token is empty"), (KEY.encode(), "token is a bytes, not a str")])
def test_an_empty_or_non_str_key_is_refused(token: Any, says: str) -> None:
    with pytest.raises(errors.InvalidArgumentError, match=says) as raised:
        AuthenticatedClient(base_url="http://127.0.0.1:1", token=token)

    assert_error_hides_key(raised.value)


@pytest.mark.parametrize(
    ("settings", "says"),
    [
        ({"prefix": "Bearer "}, "prefix"),
        ({"prefix": KEY + "\n"}, "prefix"),
        ({"auth_header_name": "X Api Key"}, "auth_header_name"),
        ({"auth_header_name": ""}, "auth_header_name"),
        ({"auth_header_name": KEY + ":"}, "auth_header_name"),
        ({"headers": {"X-Trace": "a\r\nX-Injected: 1"}}, "headers: the value of 'X-Trace' contains a control"),
        ({"headers": {"Authorization": f"Bearer {KEY}\n"}}, "headers: the value of 'Authorization' has leading"),
        ({"headers": {"Bad Name": "1"}}, "headers: 'Bad Name' is not a valid header name"),
    ],
)
def test_prefix_header_name_and_headers_must_make_valid_headers(settings: dict[str, Any], says: str) -> None:
    with pytest.raises(errors.InvalidArgumentError, match=says) as raised:
        AuthenticatedClient(base_url="http://127.0.0.1:1", token=KEY, **settings)

    assert_error_hides_key(raised.value)


def test_with_headers_checks_the_headers(server: ScriptedServer, server_client: AuthenticatedClient) -> None:
    with pytest.raises(errors.InvalidArgumentError, match="X-Trace"):
        server_client.with_headers({"X-Trace": "1\n"})
    with pytest.raises(errors.InvalidArgumentError, match="X-Trace"):
        Client(base_url=server.url).with_headers({"X-Trace": "\x00"})


VALID_KEYS = [KEY, "sk_live_" + "Z9" * 20, "sk_test_with inner space"]


NOT_FOUND = {"errors": [{"code": "resource_not_found", "message": "gone", "long_message": "Gone"}]}
FAILURES: dict[str, tuple[Reply | None, dict[str, Any]]] = {
    # name: (the reply scripted, None for no server at all; settings of the client)
    "documented-error": (json_reply(NOT_FOUND, status=404), {}),
    "undocumented-status": (Reply(520, b"origin down"), {}),
    "deadline": (Reply(hang=True), {"deadline": 0.3}),
    "too-large": (Reply(200, b"[]", content_length=10**9), {}),
    "bad-gzip": (Reply(200, b"not gzip", {"Content-Encoding": "gzip"}), {}),
    "connection-refused": (None, {}),
}


@pytest.mark.parametrize("failure", FAILURES)
@pytest.mark.parametrize("key", VALID_KEYS, ids=["test-key", "live-key", "inner-space"])
def test_no_failure_puts_any_key_in_an_exception_or_a_log_record(
    call: Caller, server: ScriptedServer, caplog: pytest.LogCaptureFixture, key: str, failure: str
) -> None:
    caplog.set_level(logging.DEBUG)  # httpx and httpcore log every request and connection at DEBUG
    reply, settings = FAILURES[failure]
    base_url = server.url if reply else f"http://127.0.0.1:{free_port()}"
    if reply:
        server.script(reply)
    client = AuthenticatedClient(base_url=base_url, token=key, max_retries=0, **settings)

    with pytest.raises(errors.ClerkInvitationsError) as raised:
        call(revoke_invitation, "inv_1", client=client)

    assert_error_hides_key(raised.value, key)
    assert_no_key(repr(client) + str(client), key)
    assert_records_hide_key(caplog.records, key)
    assert any(record.name.startswith("httpcore") for record in caplog.records), "httpcore's logs were not captured"
    if reply:
        assert server.requests[0].headers["Authorization"] == f"Bearer {key}", "the key must still be sent"


def redirect_to(other: ScriptedServer) -> Reply:
    return Reply(307, b"", {"Location": f"{other.url}/invitations"})


def test_a_redirect_to_another_origin_carries_no_key(call: Caller, server: ScriptedServer) -> None:
    """httpx drops Authorization on a redirect to another origin: pinned here, as the README relies on it."""
    client = AuthenticatedClient(base_url=server.url, token=KEY, follow_redirects=True)
    with scripted_server() as elsewhere:
        server.script(redirect_to(elsewhere))
        elsewhere.script(json_reply([]))

        assert call(list_invitations, client=client) == []

    assert server.requests[0].headers["Authorization"] == f"Bearer {KEY}"
    assert "Authorization" not in elsewhere.requests[0].headers


@pytest.mark.parametrize(
    "settings", [{"follow_redirects": True}, {"httpx_args": {"follow_redirects": True}}], ids=["setting", "httpx-args"]
)
def test_a_custom_auth_header_is_refused_with_follow_redirects(settings: dict[str, Any]) -> None:
    with pytest.raises(errors.InvalidArgumentError, match="follow_redirects is refused with a custom auth_header_name"):
        AuthenticatedClient(base_url="http://127.0.0.1:1", token=KEY, auth_header_name="X-API-Key", **settings)


def test_a_custom_auth_header_never_follows_a_redirect(call: Caller, server: ScriptedServer) -> None:
    client = AuthenticatedClient(base_url=server.url, token=KEY, auth_header_name="X-API-Key", prefix="")
    with scripted_server() as elsewhere:
        server.script(redirect_to(elsewhere))

        with pytest.raises(errors.UnexpectedStatus, match="HTTP 307"):
            call(list_invitations, client=client)

    assert server.requests[0].headers["X-API-Key"] == KEY
    assert elsewhere.requests == []


@pytest.fixture
def proxy_in_environment(monkeypatch: pytest.MonkeyPatch) -> Any:
    """A scripted server named by HTTP_PROXY, as a misconfigured or hostile environment could."""
    for name in ("NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy", "HTTPS_PROXY", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    with scripted_server() as proxy:
        monkeypatch.setenv("HTTP_PROXY", proxy.url)
        yield proxy


def test_proxy_environment_variables_are_ignored_unless_trusted(
    call: Caller, server: ScriptedServer, proxy_in_environment: ScriptedServer
) -> None:
    proxy = proxy_in_environment
    server.script(json_reply([]))
    proxy.script(json_reply([]))

    call(list_invitations, client=AuthenticatedClient(base_url=server.url, token=KEY))
    assert (len(server.requests), proxy.requests) == (1, [])

    call(list_invitations, client=AuthenticatedClient(base_url=server.url, token=KEY, trust_env=True))
    assert len(server.requests) == 1
    assert len(proxy.requests) == 1
    assert proxy.requests[0].path.startswith(f"{server.url}/invitations"), "a proxy is sent the absolute URL"


def test_a_refused_key_is_never_sent_and_never_retried(server: ScriptedServer) -> None:
    """The call can't even be made: the client doesn't exist. (Today's httpx raises LocalProtocolError, key
    included, on each of the GET's three attempts.)"""
    attempts: list[Callable[[], Any]] = [
        lambda: list_invitations.sync(client=AuthenticatedClient(base_url=server.url, token=KEY + "\n")),
        lambda: asyncio.run(
            list_invitations.asyncio(client=AuthenticatedClient(base_url=server.url, token=KEY + "\n"))
        ),
    ]
    for attempt in attempts:
        with pytest.raises(errors.InvalidArgumentError) as raised:
            attempt()
        assert_error_hides_key(raised.value)
    assert server.requests == []
