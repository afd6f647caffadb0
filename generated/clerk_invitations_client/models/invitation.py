from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.invitation_object import InvitationObject
from ..models.invitation_status import InvitationStatus
from ..types import UNSET, Unset, url_repr

# Enum members by value, for from_dict: a dict lookup is far cheaper than calling the enum.
_INVITATION_OBJECT_BY_VALUE = {member.value: member for member in InvitationObject}
_INVITATION_STATUS_BY_VALUE = {member.value: member for member in InvitationStatus}
# The keys from_dict reads into attributes; it keeps any other in additional_properties.
_KNOWN_KEYS = frozenset(
    {
        "object",
        "id",
        "email_address",
        "public_metadata",
        "status",
        "created_at",
        "updated_at",
        "revoked",
        "url",
        "expires_at",
    }
)


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
        invitation = object.__new__(cls)
        invitation.object_ = _INVITATION_OBJECT_BY_VALUE.get(src_dict["object"]) or InvitationObject(src_dict["object"])
        invitation.id = src_dict["id"]
        invitation.email_address = src_dict["email_address"]
        invitation.public_metadata = dict(src_dict["public_metadata"])
        invitation.status = _INVITATION_STATUS_BY_VALUE.get(src_dict["status"]) or InvitationStatus(src_dict["status"])
        invitation.created_at = src_dict["created_at"]
        invitation.updated_at = src_dict["updated_at"]
        invitation.revoked = src_dict.get("revoked", UNSET)
        invitation.url = src_dict.get("url", UNSET)
        invitation.expires_at = src_dict.get("expires_at", UNSET)
        # Keys the spec doesn't list go to additional_properties. Counting the known keys present
        # tells whether there are any, more cheaply than comparing the keys.
        known_keys = (
            7 + (invitation.revoked is not UNSET) + (invitation.url is not UNSET) + (invitation.expires_at is not UNSET)
        )
        if len(src_dict) > known_keys:
            invitation.additional_properties = {key: value for key, value in src_dict.items() if key not in _KNOWN_KEYS}
        else:
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
