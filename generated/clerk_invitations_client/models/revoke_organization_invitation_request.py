from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import decoding
from ..types import UNSET, Unset

# The JSON key of each attribute's value; from_dict keeps any other key in additional_properties.
_KNOWN_KEYS = {
    "requesting_user_id": "requesting_user_id",
}


T = TypeVar("T", bound="RevokeOrganizationInvitationRequest")


@_attrs_define
class RevokeOrganizationInvitationRequest:
    """Who revokes the invitation.

    Attributes:
        requesting_user_id (None | str | Unset): The id of the user who revokes (`user_...`); must be an admin member of
            the organization.
    """

    requesting_user_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict[str, Any])

    def to_dict(self) -> dict[str, Any]:
        requesting_user_id: None | str | Unset
        if isinstance(self.requesting_user_id, Unset):
            requesting_user_id = UNSET
        else:
            requesting_user_id = self.requesting_user_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if requesting_user_id is not UNSET:
            field_dict["requesting_user_id"] = requesting_user_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        try:
            requesting_user_id = src_dict.get("requesting_user_id", UNSET)

            if (
                requesting_user_id.__class__ is not str
                and requesting_user_id is not UNSET
                and requesting_user_id is not None
            ):
                raise TypeError  # a value of the wrong JSON type: decoding.mismatch says which
        except Exception:
            raise decoding.mismatch(cls, src_dict) from None
        revoke_organization_invitation_request = object.__new__(cls)
        revoke_organization_invitation_request.requesting_user_id = requesting_user_id
        # Keys the spec doesn't list go to additional_properties. Counting the known keys present
        # tells whether there are any, more cheaply than comparing the keys.
        known_keys = 0 + (requesting_user_id is not UNSET)
        if len(src_dict) > known_keys:
            revoke_organization_invitation_request.additional_properties = {
                key: value for key, value in src_dict.items() if key not in _KNOWN_KEYS
            }
        else:
            revoke_organization_invitation_request.additional_properties = {}
        return revoke_organization_invitation_request

    @classmethod
    def _from_mirror(cls: type[T], mirror: Any) -> T:
        """The model from its msgspec mirror (decoding.py), whose types msgspec has checked."""
        revoke_organization_invitation_request = object.__new__(cls)
        revoke_organization_invitation_request.requesting_user_id = mirror.requesting_user_id
        revoke_organization_invitation_request.additional_properties = {}
        return revoke_organization_invitation_request

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
