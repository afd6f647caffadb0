from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import decoding
from ..models.invitation_object import InvitationObject
from ..models.invitation_status import InvitationStatus
from ..types import UNSET, Unset, url_repr

# Enum members by value, for from_dict: a dict lookup is far cheaper than calling the enum.
_INVITATION_OBJECT_BY_VALUE = {member.value: member for member in InvitationObject}
_INVITATION_STATUS_BY_VALUE = {member.value: member for member in InvitationStatus}
# The JSON key of each attribute's value; from_dict keeps any other key in additional_properties.
_KNOWN_KEYS = {
    "object": "object_",
    "id": "id",
    "email_address": "email_address",
    "public_metadata": "public_metadata",
    "status": "status",
    "created_at": "created_at",
    "updated_at": "updated_at",
    "revoked": "revoked",
    "url": "url",
    "expires_at": "expires_at",
}


T = TypeVar("T", bound="Invitation")


@_attrs_define
class Invitation:
    """An invitation to sign up to the application with one email address.

    Attributes:
        object_ (InvitationObject): The kind of object; always `invitation`.
        id (str): The invitation's unique id, `inv_` followed by 27 characters.
        email_address (str): The address the invitation was sent to.
        public_metadata (InvitationPublicMetadata): Metadata copied into the user's public metadata when they accept the
            invitation.
        status (InvitationStatus): Where an invitation stands: `pending` until the invitee signs up (`accepted`), it is
            revoked (`revoked`), or it passes `expires_at` (`expired`).
        created_at (int): When the invitation was created (Unix epoch milliseconds).
        updated_at (int): When the invitation last changed (Unix epoch milliseconds).
        revoked (bool | Unset): Whether the invitation has been revoked. Clerk may leave it out.
        url (str | Unset): The link the invitee follows to accept the invitation; may be absent.
        expires_at (int | None | Unset): When the invitation expires (Unix epoch milliseconds), or null if it never
            does.
    """

    object_: InvitationObject
    id: str
    email_address: str
    public_metadata: InvitationPublicMetadata
    status: InvitationStatus
    created_at: int
    updated_at: int
    revoked: bool | Unset = UNSET
    url: str | Unset = _attrs_field(default=UNSET, repr=url_repr)
    expires_at: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict[str, Any])

    def to_dict(self) -> dict[str, Any]:
        object_ = self.object_.value

        id = self.id

        email_address = self.email_address

        public_metadata = dict(self.public_metadata)

        status = self.status.value

        created_at = self.created_at

        updated_at = self.updated_at

        revoked = self.revoked

        url = self.url

        expires_at: int | None | Unset
        if isinstance(self.expires_at, Unset):
            expires_at = UNSET
        else:
            expires_at = self.expires_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "object": object_,
                "id": id,
                "email_address": email_address,
                "public_metadata": public_metadata,
                "status": status,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )
        if revoked is not UNSET:
            field_dict["revoked"] = revoked
        if url is not UNSET:
            field_dict["url"] = url
        if expires_at is not UNSET:
            field_dict["expires_at"] = expires_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        try:
            object_ = _INVITATION_OBJECT_BY_VALUE.get(src_dict["object"]) or InvitationObject(src_dict["object"])

            id = src_dict["id"]

            email_address = src_dict["email_address"]

            public_metadata = src_dict["public_metadata"]

            status = _INVITATION_STATUS_BY_VALUE.get(src_dict["status"]) or InvitationStatus(src_dict["status"])

            created_at = src_dict["created_at"]

            updated_at = src_dict["updated_at"]

            revoked = src_dict.get("revoked", UNSET)

            url = src_dict.get("url", UNSET)

            expires_at = src_dict.get("expires_at", UNSET)

            if (
                id.__class__ is not str
                or email_address.__class__ is not str
                or (public_metadata.__class__ is not dict and not decoding.is_object(public_metadata))
                or created_at.__class__ is not int
                or updated_at.__class__ is not int
                or (revoked.__class__ is not bool and revoked is not UNSET)
                or (url.__class__ is not str and url is not UNSET)
                or (expires_at.__class__ is not int and expires_at is not UNSET and expires_at is not None)
            ):
                raise TypeError  # a value of the wrong JSON type: decoding.mismatch says which
        except Exception:
            raise decoding.mismatch(cls, src_dict) from None
        invitation = object.__new__(cls)
        invitation.object_ = object_
        invitation.id = id
        invitation.email_address = email_address
        invitation.public_metadata = dict(public_metadata)
        invitation.status = status
        invitation.created_at = created_at
        invitation.updated_at = updated_at
        invitation.revoked = revoked
        invitation.url = url
        invitation.expires_at = expires_at
        # Keys the spec doesn't list go to additional_properties. Counting the known keys present
        # tells whether there are any, more cheaply than comparing the keys.
        known_keys = 7 + (revoked is not UNSET) + (url is not UNSET) + (expires_at is not UNSET)
        if len(src_dict) > known_keys:
            invitation.additional_properties = {key: value for key, value in src_dict.items() if key not in _KNOWN_KEYS}
        else:
            invitation.additional_properties = {}
        return invitation

    @classmethod
    def _from_mirror(cls: type[T], mirror: Any) -> T:
        """The model from its msgspec mirror (decoding.py), whose types msgspec has checked."""
        invitation = object.__new__(cls)
        invitation.object_ = mirror.object_
        invitation.id = mirror.id
        invitation.email_address = mirror.email_address
        invitation.public_metadata = mirror.public_metadata
        invitation.status = mirror.status
        invitation.created_at = mirror.created_at
        invitation.updated_at = mirror.updated_at
        invitation.revoked = mirror.revoked
        invitation.url = mirror.url
        invitation.expires_at = mirror.expires_at
        invitation.additional_properties = {}
        return invitation

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties


# Imported last, so that models referring to each other can import each other.
from ..models.invitation_public_metadata import InvitationPublicMetadata  # noqa: E402
