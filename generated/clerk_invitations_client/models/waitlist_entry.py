from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import decoding
from ..models.waitlist_entry_object import WaitlistEntryObject
from ..models.waitlist_entry_status import WaitlistEntryStatus
from ..types import UNSET, Unset

# Enum members by value, for from_dict: a dict lookup is far cheaper than calling the enum.
_WAITLIST_ENTRY_OBJECT_BY_VALUE = {member.value: member for member in WaitlistEntryObject}
_WAITLIST_ENTRY_STATUS_BY_VALUE = {member.value: member for member in WaitlistEntryStatus}
# The JSON key of each attribute's value; from_dict keeps any other key in additional_properties.
_KNOWN_KEYS = {
    "object": "object_",
    "id": "id",
    "email_address": "email_address",
    "status": "status",
    "created_at": "created_at",
    "updated_at": "updated_at",
    "is_locked": "is_locked",
    "invitation": "invitation",
}


T = TypeVar("T", bound="WaitlistEntry")


@_attrs_define
class WaitlistEntry:
    """Someone who joined the application's waitlist.

    Attributes:
        object_ (WaitlistEntryObject): The kind of object; always `waitlist_entry`.
        id (str): The waitlist entry's unique id, `wle_` followed by 27 characters.
        email_address (str): The address that joined the waitlist.
        status (WaitlistEntryStatus): Where a waitlist entry stands: `pending` until it is invited (`invited`) or
            rejected (`rejected`); `completed` once the invitee signed up.
        created_at (int): When the entry was created (Unix epoch milliseconds).
        updated_at (int): When the entry last changed (Unix epoch milliseconds).
        is_locked (bool | Unset): Whether a batch action is processing the entry, which then can't be changed.
        invitation (Invitation | None | Unset): The invitation sent to the entry's address, or null if none was.
    """

    object_: WaitlistEntryObject
    id: str
    email_address: str
    status: WaitlistEntryStatus
    created_at: int
    updated_at: int
    is_locked: bool | Unset = UNSET
    invitation: Invitation | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict[str, Any])

    def to_dict(self) -> dict[str, Any]:
        object_ = self.object_.value

        id = self.id

        email_address = self.email_address

        status = self.status.value

        created_at = self.created_at

        updated_at = self.updated_at

        is_locked = self.is_locked

        invitation: dict[str, Any] | None | Unset
        if isinstance(self.invitation, Unset):
            invitation = UNSET
        elif isinstance(self.invitation, Invitation):
            invitation = self.invitation.to_dict()
        else:
            invitation = self.invitation

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "object": object_,
                "id": id,
                "email_address": email_address,
                "status": status,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )
        if is_locked is not UNSET:
            field_dict["is_locked"] = is_locked
        if invitation is not UNSET:
            field_dict["invitation"] = invitation

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        try:
            object_ = _WAITLIST_ENTRY_OBJECT_BY_VALUE.get(src_dict["object"]) or WaitlistEntryObject(src_dict["object"])

            id = src_dict["id"]

            email_address = src_dict["email_address"]

            status = _WAITLIST_ENTRY_STATUS_BY_VALUE.get(src_dict["status"]) or WaitlistEntryStatus(src_dict["status"])

            created_at = src_dict["created_at"]

            updated_at = src_dict["updated_at"]

            is_locked = src_dict.get("is_locked", UNSET)

            _invitation = src_dict.get("invitation", UNSET)
            invitation: Invitation | None | Unset
            if _invitation is None:
                invitation = None
            elif isinstance(_invitation, Unset):
                invitation = UNSET
            else:
                invitation_type_0 = Invitation.from_dict(_invitation)

                invitation = invitation_type_0

            if (
                id.__class__ is not str
                or email_address.__class__ is not str
                or created_at.__class__ is not int
                or updated_at.__class__ is not int
                or (is_locked.__class__ is not bool and is_locked is not UNSET)
            ):
                raise TypeError  # a value of the wrong JSON type: decoding.mismatch says which
        except Exception:
            raise decoding.mismatch(cls, src_dict) from None
        waitlist_entry = object.__new__(cls)
        waitlist_entry.object_ = object_
        waitlist_entry.id = id
        waitlist_entry.email_address = email_address
        waitlist_entry.status = status
        waitlist_entry.created_at = created_at
        waitlist_entry.updated_at = updated_at
        waitlist_entry.is_locked = is_locked
        waitlist_entry.invitation = invitation
        # Keys the spec doesn't list go to additional_properties. Counting the known keys present
        # tells whether there are any, more cheaply than comparing the keys.
        known_keys = 6 + (is_locked is not UNSET) + (invitation is not UNSET)
        if len(src_dict) > known_keys:
            waitlist_entry.additional_properties = {
                key: value for key, value in src_dict.items() if key not in _KNOWN_KEYS
            }
        else:
            waitlist_entry.additional_properties = {}
        return waitlist_entry

    @classmethod
    def _from_mirror(cls: type[T], mirror: Any) -> T:
        """The model from its msgspec mirror (decoding.py), whose types msgspec has checked."""
        waitlist_entry = object.__new__(cls)
        waitlist_entry.object_ = mirror.object_
        waitlist_entry.id = mirror.id
        waitlist_entry.email_address = mirror.email_address
        waitlist_entry.status = mirror.status
        waitlist_entry.created_at = mirror.created_at
        waitlist_entry.updated_at = mirror.updated_at
        waitlist_entry.is_locked = mirror.is_locked
        waitlist_entry.invitation = (
            decoding.builder(Invitation)(mirror.invitation)
            if mirror.invitation is not UNSET and mirror.invitation is not None
            else mirror.invitation
        )
        waitlist_entry.additional_properties = {}
        return waitlist_entry

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
from ..models.invitation import Invitation  # noqa: E402
