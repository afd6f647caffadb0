"""Enum values the spec doesn't list yet (Clerk adds them) parse instead of losing the response."""

from __future__ import annotations

from typing import Any

from clerk_invitations_client import AuthenticatedClient
from clerk_invitations_client.api.invitations import list_invitations
from clerk_invitations_client.models import Invitation, InvitationObject, InvitationStatus, TemplateSlug

from tests.support.calls import Caller
from tests.support.scripted_server import ScriptedServer, json_reply


def test_a_page_with_an_unknown_status_still_parses(
    call: Caller, server: ScriptedServer, server_client: AuthenticatedClient, invitation_json: dict[str, Any]
) -> None:
    archived = {**invitation_json, "id": "inv_archived", "status": "archived", "object": "invitation_v2"}
    server.script(json_reply([invitation_json, archived]))

    known, unknown = call(list_invitations, client=server_client)

    assert known.status is InvitationStatus.PENDING and known.status.is_known
    assert isinstance(unknown.status, InvitationStatus) and not unknown.status.is_known
    assert unknown.status == "archived" and unknown.status.value == "archived" and str(unknown.status) == "archived"
    assert unknown.object_ == "invitation_v2" and isinstance(unknown.object_, InvitationObject)
    assert unknown.to_dict() == archived


def test_unknown_values_are_not_added_to_the_enum() -> None:
    unknown = InvitationStatus("archived")

    assert unknown not in list(InvitationStatus)
    assert set(InvitationStatus) == {
        InvitationStatus.PENDING,
        InvitationStatus.ACCEPTED,
        InvitationStatus.REVOKED,
        InvitationStatus.EXPIRED,
    }
    assert InvitationStatus("pending") is InvitationStatus.PENDING
    assert TemplateSlug("waitlist_invitation") is TemplateSlug.WAITLIST_INVITATION


def test_unknown_value_round_trips_through_the_model(invitation_json: dict[str, Any]) -> None:
    data = {**invitation_json, "status": "on_hold"}

    invitation = Invitation.from_dict(data)

    assert invitation.status == "on_hold"
    assert Invitation.from_dict(invitation.to_dict()).to_dict() == data
