"""What the generated from_dict/to_dict must keep doing, now that from_dict takes a faster path.

Unknown keys, UNSET vs None, unknown enum values, free-form metadata (plain dicts), the request models, and
bodies that don't match the schema (which must fail loudly, never give a half-built model).
"""

from __future__ import annotations

import copy
import gc
import json
import pickle
from types import MappingProxyType
from typing import Any

import pytest
from clerk_invitations_client.decoding import BodyMismatch
from clerk_invitations_client.models import (
    BulkInvitationRequest,
    ClerkError,
    ClerkErrorMeta,
    ClerkErrors,
    ClerkErrorsMeta,
    CreateInvitationRequest,
    CreateInvitationRequestPublicMetadata,
    Invitation,
    InvitationObject,
    InvitationPublicMetadata,
    InvitationStatus,
    Metadata,
    TemplateSlug,
)
from clerk_invitations_client.types import UNSET, Unset

REQUIRED_INVITATION_KEYS = ["object", "id", "email_address", "public_metadata", "status", "created_at", "updated_at"]
OPTIONAL_INVITATION_KEYS = ["revoked", "url", "expires_at"]


def test_a_full_body_parses_into_attributes(invitation_json: dict[str, Any]) -> None:
    invitation = Invitation.from_dict(invitation_json)

    assert invitation.object_ is InvitationObject.INVITATION
    assert invitation.id == invitation_json["id"]
    assert invitation.email_address == invitation_json["email_address"]
    assert invitation.status is InvitationStatus.PENDING
    assert invitation.created_at == invitation_json["created_at"]
    assert invitation.updated_at == invitation_json["updated_at"]
    assert invitation.revoked is False
    assert invitation.url == invitation_json["url"]
    assert invitation.expires_at == invitation_json["expires_at"]
    assert invitation.additional_properties == {}
    assert invitation.to_dict() == invitation_json


def test_from_dict_equals_the_constructor(invitation_json: dict[str, Any]) -> None:
    built = Invitation(
        object_=InvitationObject.INVITATION,
        id=invitation_json["id"],
        email_address=invitation_json["email_address"],
        public_metadata=invitation_json["public_metadata"],
        status=InvitationStatus.PENDING,
        created_at=invitation_json["created_at"],
        updated_at=invitation_json["updated_at"],
        revoked=invitation_json["revoked"],
        url=invitation_json["url"],
        expires_at=invitation_json["expires_at"],
    )

    assert Invitation.from_dict(invitation_json) == built
    assert repr(Invitation.from_dict(invitation_json)) == repr(built)


@pytest.mark.parametrize("absent", [[], ["url"], OPTIONAL_INVITATION_KEYS], ids=["none", "url", "all-optional"])
def test_unknown_keys_are_kept_and_round_trip(invitation_json: dict[str, Any], absent: list[str]) -> None:
    """Whichever optional keys are missing, the keys the spec doesn't list land in additional_properties."""
    data = {key: value for key, value in invitation_json.items() if key not in absent}
    data |= {"locale": "fr", "inviter": {"id": "user_1", "roles": ["admin"]}, "legacy": None}

    invitation = Invitation.from_dict(data)

    assert invitation.additional_properties == {
        "locale": "fr",
        "inviter": {"id": "user_1", "roles": ["admin"]},
        "legacy": None,
    }
    assert invitation.additional_keys == ["locale", "inviter", "legacy"]
    assert invitation["locale"] == "fr" and "legacy" in invitation and "id" not in invitation
    assert invitation.to_dict() == data
    assert Invitation.from_dict(invitation.to_dict()) == invitation


def test_additional_properties_are_each_instances_own(invitation_json: dict[str, Any]) -> None:
    first, second = Invitation.from_dict(invitation_json), Invitation.from_dict(invitation_json)

    first["note"] = "vip"

    assert first.additional_properties == {"note": "vip"}
    assert second.additional_properties == {}
    assert first.to_dict() == {**invitation_json, "note": "vip"}


def test_absent_optional_keys_are_unset(invitation_json: dict[str, Any]) -> None:
    data = {key: value for key, value in invitation_json.items() if key not in OPTIONAL_INVITATION_KEYS}

    invitation = Invitation.from_dict(data)

    assert invitation.revoked is UNSET and invitation.url is UNSET and invitation.expires_at is UNSET
    assert invitation.additional_properties == {}
    assert invitation.to_dict() == data  # UNSET is left out


def test_explicit_null_is_none_not_unset(invitation_json: dict[str, Any]) -> None:
    data = {**invitation_json, "expires_at": None}

    invitation = Invitation.from_dict(data)

    assert invitation.expires_at is None
    assert invitation.to_dict()["expires_at"] is None  # None is kept
    assert invitation.to_dict() == data


def test_unset_is_one_false_value_through_pickle_and_copy() -> None:
    """UNSET is the one member of the one-member enum Unset (what makes `is not UNSET` narrow for type checkers)."""
    for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
        assert pickle.loads(pickle.dumps(UNSET, protocol)) is UNSET
    assert copy.copy(UNSET) is UNSET and copy.deepcopy(UNSET) is UNSET
    assert list(Unset) == [UNSET] and isinstance(UNSET, Unset)
    assert bool(UNSET) is False
    assert repr(UNSET) == str(UNSET) == f"{UNSET}" == "UNSET"


@pytest.mark.parametrize("key", REQUIRED_INVITATION_KEYS)
def test_a_missing_required_key_raises(invitation_json: dict[str, Any], key: str) -> None:
    data = {name: value for name, value in invitation_json.items() if name != key}

    with pytest.raises(BodyMismatch) as raised:
        Invitation.from_dict(data)

    assert (raised.value.path, raised.value.problem) == (key, "required, missing")


@pytest.mark.parametrize(
    ("key", "value", "problem"),
    [
        ("public_metadata", "not an object", "expected an object, got a string"),
        ("public_metadata", [["k", 1]], "expected an object, got an array"),  # dict() would take it
        ("status", 7, "expected a string, got a number"),
        ("object", ["invitation"], "expected a string, got an array"),
    ],
)
def test_a_wrongly_typed_converted_field_raises(
    invitation_json: dict[str, Any], key: str, value: object, problem: str
) -> None:
    with pytest.raises(BodyMismatch) as raised:
        Invitation.from_dict({**invitation_json, key: value})

    assert (raised.value.path, raised.value.problem) == (key, problem)


def test_from_dict_neither_changes_nor_shares_its_source(invitation_json: dict[str, Any]) -> None:
    data = copy.deepcopy({**invitation_json, "extra": 1})
    before = copy.deepcopy(data)

    invitation = Invitation.from_dict(data)
    invitation.public_metadata["plan"] = "enterprise"
    invitation["extra"] = 2

    assert data == before
    assert invitation.public_metadata is not data["public_metadata"]


def test_from_dict_takes_any_mapping(invitation_json: dict[str, Any]) -> None:
    frozen = MappingProxyType({**invitation_json, "public_metadata": MappingProxyType({"plan": "pro"}), "extra": 1})

    invitation = Invitation.from_dict(frozen)

    assert invitation == Invitation.from_dict({**invitation_json, "extra": 1})


def test_from_dict_builds_the_subclass_it_is_called_on(invitation_json: dict[str, Any]) -> None:
    class MyInvitation(Invitation):
        pass

    invitation = MyInvitation.from_dict(invitation_json)

    assert type(invitation) is MyInvitation and invitation.id == invitation_json["id"]


def test_unknown_enum_values_parse_keep_their_string_and_round_trip(invitation_json: dict[str, Any]) -> None:
    data = {**invitation_json, "object": "invitation_v2", "status": "archived"}

    invitation = Invitation.from_dict(data)

    assert isinstance(invitation.status, InvitationStatus) and not invitation.status.is_known
    assert invitation.status == "archived" and invitation.status.value == "archived"
    assert isinstance(invitation.object_, InvitationObject) and invitation.object_ == "invitation_v2"
    assert invitation.to_dict() == data
    assert Invitation.from_dict(invitation.to_dict()) == invitation


@pytest.mark.parametrize("status", list(InvitationStatus))
def test_known_enum_values_are_the_members_themselves(
    invitation_json: dict[str, Any], status: InvitationStatus
) -> None:
    invitation = Invitation.from_dict({**invitation_json, "status": status.value})

    assert invitation.status is status and invitation.status.is_known


def test_free_form_metadata_is_a_plain_dict_of_its_own(invitation_json: dict[str, Any]) -> None:
    metadata = {"plan": "team", "seats": 12, "onboarding": {"step": 2, "skipped": [1]}, "note": None}

    invitation = Invitation.from_dict({**invitation_json, "public_metadata": metadata})

    assert type(invitation.public_metadata) is dict and invitation.public_metadata == metadata
    assert invitation.public_metadata is not metadata
    assert invitation.to_dict()["public_metadata"] == metadata
    assert invitation.to_dict()["public_metadata"] is not invitation.public_metadata


def test_a_page_of_invitations_gives_the_garbage_collector_one_object_per_invitation(
    invitation_json: dict[str, Any],
) -> None:
    """Free-form metadata of plain values is a dict the collector never tracks, where any class instance
    would be one more object per invitation to scan (a scan of 5,000 invitations was 8% slower for it)."""
    body = json.dumps([{**invitation_json, "public_metadata": {"plan": "pro", "seats": 3, "trial": None}}] * 3)
    items = [Invitation.from_dict(item) for item in json.loads(body)]

    assert [gc.is_tracked(item) for item in items] == [True] * 3
    assert [gc.is_tracked(item.public_metadata) for item in items] == [False] * 3
    assert [gc.is_tracked(item.additional_properties) for item in items] == [False] * 3


def test_empty_metadata(invitation_json: dict[str, Any]) -> None:
    invitation = Invitation.from_dict({**invitation_json, "public_metadata": {}})

    assert invitation.public_metadata == {}
    assert invitation.to_dict()["public_metadata"] == {}


def test_the_free_form_model_names_are_aliases_of_dict() -> None:
    """What 0.3.0's callers wrote, `CreateInvitationRequestPublicMetadata({...})`, still makes the dict to pass."""
    for alias in (
        InvitationPublicMetadata,
        CreateInvitationRequestPublicMetadata,
        Metadata,
        ClerkErrorMeta,
        ClerkErrorsMeta,
    ):
        assert alias == dict[str, Any]
        assert type(alias({"plan": "pro"})) is dict


def test_clerk_errors_round_trip_with_unknown_keys() -> None:
    body = {
        "errors": [
            {"message": "m", "long_message": "lm", "code": "form_param_missing", "meta": {"param_name": "email"}},
            {"message": "m2", "long_message": "lm2", "code": "other", "hint": "new key"},
        ],
        "clerk_trace_id": "trace_1",
        "status": 422,
    }

    errors = ClerkErrors.from_dict(body)

    assert errors.additional_properties == {"status": 422}
    assert errors.meta is UNSET
    first, second = errors.errors
    assert type(first) is ClerkError and first.meta == {"param_name": "email"}
    assert second.meta is UNSET and second.additional_properties == {"hint": "new key"}
    assert errors.to_dict() == body


def test_create_request_round_trips() -> None:
    request = CreateInvitationRequest(
        email_address="ada@example.com",
        public_metadata={"plan": "pro", "nested": {"a": [1]}},
        redirect_url="https://app.example.com/accept",
        notify=None,
        ignore_existing=True,
        expires_in_days=None,
        template_slug=TemplateSlug.WAITLIST_INVITATION,
    )
    as_dict = request.to_dict()

    assert as_dict == {
        "email_address": "ada@example.com",
        "public_metadata": {"plan": "pro", "nested": {"a": [1]}},
        "redirect_url": "https://app.example.com/accept",
        "notify": None,
        "ignore_existing": True,
        "expires_in_days": None,
        "template_slug": "waitlist_invitation",
    }
    parsed = CreateInvitationRequest.from_dict(as_dict)
    assert parsed == request and parsed.template_slug is TemplateSlug.WAITLIST_INVITATION


def test_create_request_from_a_minimal_dict_leaves_the_rest_unset() -> None:
    """As before: a key absent from the dict is UNSET, not the attribute's default."""
    parsed = CreateInvitationRequest.from_dict({"email_address": "ada@example.com", "unlisted": 1})

    assert parsed.email_address == "ada@example.com"
    assert parsed.notify is UNSET and parsed.ignore_existing is UNSET and parsed.template_slug is UNSET
    assert parsed.public_metadata is UNSET
    assert parsed.to_dict() == {"email_address": "ada@example.com"}  # no additional properties allowed


def test_bulk_request_round_trips() -> None:
    requests = [
        BulkInvitationRequest(email_address="ada@example.com"),
        BulkInvitationRequest(
            email_address="grace@example.com",
            public_metadata={"team": "compilers"},
            redirect_url=None,
            notify=False,
            expires_in_days=365,
            template_slug=TemplateSlug("brand_new_template"),
        ),
        BulkInvitationRequest(email_address="alan@example.com", public_metadata=None),
    ]

    for request in requests:
        as_dict = request.to_dict()
        assert BulkInvitationRequest.from_dict(as_dict) == request
        assert BulkInvitationRequest.from_dict(as_dict).to_dict() == as_dict
    assert requests[1].to_dict()["template_slug"] == "brand_new_template"
    assert requests[2].to_dict()["public_metadata"] is None


def test_models_resolve_their_annotations_at_run_time() -> None:
    """Referenced models are imported at module level (at the bottom), not only for type checkers."""
    import typing

    hints = typing.get_type_hints(Invitation)

    assert hints["public_metadata"] == InvitationPublicMetadata == dict[str, Any]
