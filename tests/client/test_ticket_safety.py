"""An invitation's ticket (`__clerk_ticket` in its url) stays out of text: repr() and str() of a model, of a
list of them, of a Response, f-strings and log lines show a URL field without its query (issue 19). The value
itself is untouched: the attribute, to_dict() and a pickle keep the whole URL. An exception quoting a body
that didn't parse hides the ticket, in its message and in its `content`.

Which fields: every string property named `url` or ending in `_url` (model.py.jinja), found here in the spec.
"""

from __future__ import annotations

import logging
import pickle
import traceback
from typing import Any

import attrs
import pytest
from clerk_invitations_client import AuthenticatedClient, errors, models
from clerk_invitations_client.api.invitations import (
    create_bulk_invitations,
    create_invitation,
    list_invitations,
    revoke_invitation,
)
from clerk_invitations_client.models import BulkInvitationRequest, CreateInvitationRequest, Invitation
from clerk_invitations_client.types import UNSET, url_repr

from tests.support.calls import Caller
from tests.support.scripted_server import ScriptedServer, json_reply
from tools.spec_lookup import resolve

TICKET_PARAMETER = "__clerk_ticket="


def ticket_of(invitation: Invitation) -> str:
    """The ticket in the invitation's url: what must never be printed."""
    assert isinstance(invitation.url, str) and TICKET_PARAMETER in invitation.url, "Prism's example has a ticket"
    ticket = invitation.url.split(TICKET_PARAMETER, 1)[1]
    assert len(ticket) > 8
    return ticket


def texts_of(value: Any) -> list[str]:
    """Every way a service turns a value into text."""
    return [repr(value), str(value), f"{value}", f"{value!r}", "%s" % (value,), "%r" % (value,)]  # noqa: UP031


def test_an_invitation_from_prism_prints_without_its_ticket(
    call: Caller, client: AuthenticatedClient, caplog: pytest.LogCaptureFixture
) -> None:
    invitation = call(create_invitation, client=client, body=CreateInvitationRequest(email_address="ada@example.com"))
    ticket = ticket_of(invitation)
    logger = logging.getLogger("tests.invitation_service")

    with caplog.at_level(logging.DEBUG):
        logger.info("created %r", invitation)
        logger.info("created %s", invitation)
        logger.info("created", extra={"invitation": invitation})

    for text in [*texts_of(invitation), caplog.text, *(record.getMessage() for record in caplog.records)]:
        assert ticket not in text
        assert TICKET_PARAMETER not in text
    assert "url='https://accounts.example.com/sign-up?[hidden]'" in repr(invitation)


def test_a_list_and_a_response_of_invitations_print_without_tickets(call: Caller, client: AuthenticatedClient) -> None:
    items = [BulkInvitationRequest(email_address=f"user{n}@example.com") for n in range(2)]
    invitations = call(create_bulk_invitations, client=client, body=items)
    listed = call(list_invitations, client=client)
    response = call.detailed(list_invitations, client=client)
    tickets = [ticket_of(invitation) for invitation in [*invitations, *listed] if invitation.url is not UNSET]
    assert len(tickets) >= 3
    assert TICKET_PARAMETER.encode() in response.content

    for value in (invitations, listed, tuple(listed), {"page": listed}, response):
        for text in texts_of(value):
            assert TICKET_PARAMETER not in text
            assert not any(ticket in text for ticket in tickets)


def test_the_url_itself_stays_whole(call: Caller, client: AuthenticatedClient) -> None:
    """Only the text hides the query: the attribute, to_dict() and a pickle keep the ticket."""
    invitation = call(create_invitation, client=client, body=CreateInvitationRequest(email_address="ada@example.com"))
    ticket = ticket_of(invitation)

    assert invitation.to_dict()["url"].endswith(TICKET_PARAMETER + ticket)
    assert pickle.loads(pickle.dumps(invitation)) == invitation
    assert Invitation.from_dict(invitation.to_dict()) == invitation


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://a.example/sign-up?__clerk_ticket=t.1&x=2", "'https://a.example/sign-up?[hidden]'"),
        ("https://a.example/sign-up#__clerk_ticket=t.1", "'https://a.example/sign-up#[hidden]'"),
        ("https://a.example/p?", "'https://a.example/p?[hidden]'"),
        ("/accept-invitation", "'/accept-invitation'"),
        (None, "None"),
    ],
)
def test_url_repr_cuts_at_the_query_or_fragment(url: str | None, shown: str) -> None:
    assert url_repr(url) == shown


def properties(spec: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    """A schema's properties, those of the schemas it is made of with `allOf` included."""
    found = dict(schema.get("properties", {}))
    for part in schema.get("allOf", []):
        found |= properties(spec, resolve(spec, part))
    return found


def test_every_url_field_of_the_spec_is_shown_without_its_query(spec: dict[str, Any]) -> None:
    """The fields are found in the spec; each model's field uses url_repr, and no other field does."""
    from_spec = {
        (name, field)
        for name, schema in spec["components"]["schemas"].items()
        for field, definition in properties(spec, schema).items()
        if (field == "url" or field.endswith("_url")) and "string" in definition.get("type", [])
    }
    generated = {
        (name, field.name)
        for name in models.__all__
        if attrs.has(model := getattr(models, name))
        for field in attrs.fields(model)
        if field.repr is url_repr
    }

    assert ("Invitation", "url") in from_spec
    assert generated == from_spec


def test_an_error_for_an_invitation_that_doesnt_parse_hides_its_ticket(
    server: ScriptedServer, server_client: AuthenticatedClient, invitation_json: dict[str, Any]
) -> None:
    """A body that doesn't match the spec is quoted in the message and kept in `content`: without the ticket."""
    ticket = "eyJhbGciOiJIUzI1NiJ9.grace-secret"
    url = f"https://accounts.example.com/sign-up?{TICKET_PARAMETER}{ticket}&x=1"
    body = {"url": url, **{key: value for key, value in invitation_json.items() if key not in {"id", "url"}}}
    server.script(json_reply(body))

    with pytest.raises(errors.UnexpectedResponse) as raised:
        revoke_invitation.sync("inv_1", client=server_client)

    error = raised.value
    assert "sign-up?__clerk_ticket=[hidden]&x=1" in str(error)
    assert b"__clerk_ticket=[hidden]&x=1" in error.content
    for text in [str(error), repr(error), "".join(traceback.format_exception(error))]:
        assert ticket not in text
    assert ticket.encode() not in pickle.dumps(error)
