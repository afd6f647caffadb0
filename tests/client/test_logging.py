"""The client's logging (issue 19, point 3): silent unless configured; DEBUG for each attempt, INFO for each
retry and for a deadline that ends a call; never the key, a header or an invitation's ticket, in any logger's
records (httpx's and httpcore's included); CLERK_INVITATIONS_LOG; OpenTelemetry's httpx instrumentation."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from typing import Any

import pytest
from clerk_invitations_client import AuthenticatedClient, errors
from clerk_invitations_client.api.invitations import create_invitation, list_invitations
from clerk_invitations_client.models import CreateInvitationRequest

from tests.support.calls import TEST_SECRET_KEY
from tests.support.key_checks import assert_no_key
from tests.support.scripted_server import Reply, ScriptedServer, json_reply

TICKET = "tkt_0123456789abcdefSECRET"
LOGGER = "clerk_invitations_client"


def with_ticket(invitation_json: dict[str, Any]) -> dict[str, Any]:
    return {**invitation_json, "url": f"https://accounts.example.com/sign-up?__clerk_ticket={TICKET}"}


def test_records_of_every_logger_at_debug_hold_no_key_and_no_ticket(
    caplog: pytest.LogCaptureFixture, server: ScriptedServer, invitation_json: dict[str, Any]
) -> None:
    client = AuthenticatedClient(base_url=server.url, token=TEST_SECRET_KEY, retry_backoff=0.01)
    server.script(
        Reply(503, b"busy"),
        json_reply([with_ticket(invitation_json)], headers={"X-Clerk-Trace-Id": "trace-1"}),
        json_reply(with_ticket(invitation_json)),
        json_reply({"errors": [{"code": "x", "message": "m", "long_message": "l"}], "clerk_trace_id": "trace-2"}, 422),
    )
    with caplog.at_level(logging.DEBUG):  # the root logger: every logger's records propagate to it
        list_invitations.sync(client=client)
        create_invitation.sync(client=client, body=CreateInvitationRequest(email_address="a@example.com"))
        with pytest.raises(errors.UnprocessableEntityError):
            create_invitation.sync(client=client, body=CreateInvitationRequest(email_address="a@example.com"))

    loggers = {record.name.split(".")[0] for record in caplog.records}
    assert {"clerk_invitations_client", "httpx", "httpcore"} <= loggers
    for record in caplog.records:
        text = f"{record.getMessage()} {record.args!r} {record.__dict__!r}"
        assert_no_key(text)
        assert TICKET not in text, f"a ticket in a {record.name} record"
        assert "Authorization" not in text and "authorization" not in text
    ours = [(record.levelname, record.getMessage()) for record in caplog.records if record.name == LOGGER]
    assert ours == [
        ("DEBUG", "GET /invitations: HTTP 503 in " + ours[0][1].split(" in ")[1]),
        ("INFO", ours[1][1]),
        ("DEBUG", ours[2][1]),
        ("DEBUG", ours[3][1]),
        ("DEBUG", ours[4][1]),
    ]
    assert ours[1][1].startswith("GET /invitations: retrying after 503 in ") and ours[1][1].endswith("(attempt 2 next)")
    assert ours[2][1].startswith("GET /invitations: HTTP 200 in ")
    assert ours[2][1].endswith("(attempt 2), clerk_trace_id trace-1")
    assert ours[3][1].startswith("POST /invitations: HTTP 200 in ") and ours[3][1].endswith("(attempt 1)")
    assert ours[4][1].endswith("(attempt 1), clerk_trace_id trace-2")


def test_a_deadline_that_ends_a_call_is_logged_at_info(
    caplog: pytest.LogCaptureFixture, server: ScriptedServer
) -> None:
    client = AuthenticatedClient(base_url=server.url, token=TEST_SECRET_KEY, deadline=0.2)
    server.script(Reply(hang=True))
    with caplog.at_level(logging.INFO, logger=LOGGER), pytest.raises(errors.APITimeoutError):
        list_invitations.sync(client=client)
    assert [r.getMessage() for r in caplog.records if r.name == LOGGER] == [
        "GET /invitations: the call's deadline of 0.2 s passed"
    ]


SCRIPT = """
import sys
from clerk_invitations_client import AuthenticatedClient
from clerk_invitations_client.api.invitations import list_invitations
list_invitations.sync(client=AuthenticatedClient(base_url=sys.argv[1], token=sys.argv[2]))
"""


@pytest.mark.parametrize("level", ["", "debug"])
def test_the_environment_variable_attaches_a_stderr_handler(server: ScriptedServer, level: str) -> None:
    server.script(json_reply([]))
    env = {**os.environ, "CLERK_INVITATIONS_LOG": level}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, server.url, TEST_SECRET_KEY], env=env, capture_output=True, text=True, check=True
    )
    assert_no_key(done.stderr)
    if level:
        assert "clerk_invitations_client DEBUG GET /invitations: HTTP 200 in " in done.stderr
    else:
        assert done.stderr == ""  # nothing unless configured


def test_opentelemetry_makes_one_span_per_attempt_without_the_key(server: ScriptedServer) -> None:
    from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import SimpleSpanProcessor
    from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    client = AuthenticatedClient(base_url=server.url, token=TEST_SECRET_KEY, retry_backoff=0.01)
    HTTPXClientInstrumentor.instrument_client(client.get_httpx_client(), tracer_provider=provider)
    server.script(Reply(503, b"busy"), Reply(502, b"bad"), json_reply([]))

    assert list_invitations.sync(client=client) == []

    spans = exporter.get_finished_spans()
    attributes = [dict(span.attributes or {}) for span in spans]
    statuses = [found.get("http.response.status_code", found.get("http.status_code")) for found in attributes]
    assert statuses == [503, 502, 200]
    for found in attributes:
        assert_no_key(repr(found))
