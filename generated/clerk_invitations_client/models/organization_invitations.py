from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import decoding

# The JSON key of each attribute's value; from_dict keeps any other key in additional_properties.
_KNOWN_KEYS = {
    "data": "data",
    "total_count": "total_count",
}


T = TypeVar("T", bound="OrganizationInvitations")


@_attrs_define
class OrganizationInvitations:
    """One page of an organization's invitations and how many there are in all.

    Attributes:
        data (list[OrganizationInvitation]): The invitations of the page, at most `limit` of them.
        total_count (int): How many invitations match the filters in all, before `limit` and `offset`.
    """

    data: list[OrganizationInvitation]
    total_count: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict[str, Any])

    def to_dict(self) -> dict[str, Any]:
        data: list[dict[str, Any]] = []
        for data_item_data in self.data:
            data_item = data_item_data.to_dict()
            data.append(data_item)

        total_count = self.total_count

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "data": data,
                "total_count": total_count,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        try:
            data = src_dict["data"]

            total_count = src_dict["total_count"]

            if data.__class__ is not list or total_count.__class__ is not int:
                raise TypeError  # a value of the wrong JSON type: decoding.mismatch says which
            data = [OrganizationInvitation.from_dict(item) for item in data]
        except Exception:
            raise decoding.mismatch(cls, src_dict) from None
        organization_invitations = object.__new__(cls)
        organization_invitations.data = data
        organization_invitations.total_count = total_count
        # Keys the spec doesn't list go to additional_properties. Counting the known keys present
        # tells whether there are any, more cheaply than comparing the keys.
        known_keys = 2
        if len(src_dict) > known_keys:
            organization_invitations.additional_properties = {
                key: value for key, value in src_dict.items() if key not in _KNOWN_KEYS
            }
        else:
            organization_invitations.additional_properties = {}
        return organization_invitations

    @classmethod
    def _from_mirror(cls: type[T], mirror: Any) -> T:
        """The model from its msgspec mirror (decoding.py), whose types msgspec has checked."""
        organization_invitations = object.__new__(cls)
        organization_invitations.data = list(map(decoding.builder(OrganizationInvitation), mirror.data))
        organization_invitations.total_count = mirror.total_count
        organization_invitations.additional_properties = {}
        return organization_invitations

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
from ..models.organization_invitation import OrganizationInvitation  # noqa: E402
