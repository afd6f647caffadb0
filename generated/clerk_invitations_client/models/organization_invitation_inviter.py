from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import decoding
from ..types import url_repr

# The JSON key of each attribute's value; from_dict keeps any other key in additional_properties.
_KNOWN_KEYS = {
    "user_id": "user_id",
    "first_name": "first_name",
    "last_name": "last_name",
    "image_url": "image_url",
    "has_image": "has_image",
    "identifier": "identifier",
}


T = TypeVar("T", bound="OrganizationInvitationInviter")


@_attrs_define
class OrganizationInvitationInviter:
    """The public profile of the user who sent an organization invitation.

    Attributes:
        user_id (str): The inviter's user id (`user_...`).
        first_name (None | str): The inviter's first name, or null.
        last_name (None | str): The inviter's last name, or null.
        image_url (str): The inviter's profile image.
        has_image (bool): Whether the inviter uploaded an image (else `image_url` is a default one).
        identifier (str): The inviter's identifier, such as their email address.
    """

    user_id: str
    first_name: None | str
    last_name: None | str
    image_url: str = _attrs_field(repr=url_repr)
    has_image: bool
    identifier: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict[str, Any])

    def to_dict(self) -> dict[str, Any]:
        user_id = self.user_id

        first_name: None | str
        first_name = self.first_name

        last_name: None | str
        last_name = self.last_name

        image_url = self.image_url

        has_image = self.has_image

        identifier = self.identifier

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "user_id": user_id,
                "first_name": first_name,
                "last_name": last_name,
                "image_url": image_url,
                "has_image": has_image,
                "identifier": identifier,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        try:
            user_id = src_dict["user_id"]

            first_name = src_dict["first_name"]

            last_name = src_dict["last_name"]

            image_url = src_dict["image_url"]

            has_image = src_dict["has_image"]

            identifier = src_dict["identifier"]

            if (
                user_id.__class__ is not str
                or (first_name.__class__ is not str and first_name is not None)
                or (last_name.__class__ is not str and last_name is not None)
                or image_url.__class__ is not str
                or has_image.__class__ is not bool
                or identifier.__class__ is not str
            ):
                raise TypeError  # a value of the wrong JSON type: decoding.mismatch says which
        except Exception:
            raise decoding.mismatch(cls, src_dict) from None
        organization_invitation_inviter = object.__new__(cls)
        organization_invitation_inviter.user_id = user_id
        organization_invitation_inviter.first_name = first_name
        organization_invitation_inviter.last_name = last_name
        organization_invitation_inviter.image_url = image_url
        organization_invitation_inviter.has_image = has_image
        organization_invitation_inviter.identifier = identifier
        # Keys the spec doesn't list go to additional_properties. Counting the known keys present
        # tells whether there are any, more cheaply than comparing the keys.
        known_keys = 6
        if len(src_dict) > known_keys:
            organization_invitation_inviter.additional_properties = {
                key: value for key, value in src_dict.items() if key not in _KNOWN_KEYS
            }
        else:
            organization_invitation_inviter.additional_properties = {}
        return organization_invitation_inviter

    @classmethod
    def _from_mirror(cls: type[T], mirror: Any) -> T:
        """The model from its msgspec mirror (decoding.py), whose types msgspec has checked."""
        organization_invitation_inviter = object.__new__(cls)
        organization_invitation_inviter.user_id = mirror.user_id
        organization_invitation_inviter.first_name = mirror.first_name
        organization_invitation_inviter.last_name = mirror.last_name
        organization_invitation_inviter.image_url = mirror.image_url
        organization_invitation_inviter.has_image = mirror.has_image
        organization_invitation_inviter.identifier = mirror.identifier
        organization_invitation_inviter.additional_properties = {}
        return organization_invitation_inviter

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
