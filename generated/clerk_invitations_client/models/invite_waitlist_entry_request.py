from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import decoding
from ..types import UNSET, Unset

# The JSON key of each attribute's value; from_dict keeps any other key in additional_properties.
_KNOWN_KEYS = {
    "ignore_existing": "ignore_existing",
}


T = TypeVar("T", bound="InviteWaitlistEntryRequest")


@_attrs_define
class InviteWaitlistEntryRequest:
    """How to invite a waitlist entry.

    Attributes:
        ignore_existing (bool | None | Unset): Create the invitation even if the address already has a pending
            invitation or belongs to a user. Defaults to false. Default: False.
    """

    ignore_existing: bool | None | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict[str, Any])

    def to_dict(self) -> dict[str, Any]:
        ignore_existing: bool | None | Unset
        if isinstance(self.ignore_existing, Unset):
            ignore_existing = UNSET
        else:
            ignore_existing = self.ignore_existing

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if ignore_existing is not UNSET:
            field_dict["ignore_existing"] = ignore_existing

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        try:
            ignore_existing = src_dict.get("ignore_existing", UNSET)

            if ignore_existing.__class__ is not bool and ignore_existing is not UNSET and ignore_existing is not None:
                raise TypeError  # a value of the wrong JSON type: decoding.mismatch says which
        except Exception:
            raise decoding.mismatch(cls, src_dict) from None
        invite_waitlist_entry_request = object.__new__(cls)
        invite_waitlist_entry_request.ignore_existing = ignore_existing
        # Keys the spec doesn't list go to additional_properties. Counting the known keys present
        # tells whether there are any, more cheaply than comparing the keys.
        known_keys = 0 + (ignore_existing is not UNSET)
        if len(src_dict) > known_keys:
            invite_waitlist_entry_request.additional_properties = {
                key: value for key, value in src_dict.items() if key not in _KNOWN_KEYS
            }
        else:
            invite_waitlist_entry_request.additional_properties = {}
        return invite_waitlist_entry_request

    @classmethod
    def _from_mirror(cls: type[T], mirror: Any) -> T:
        """The model from its msgspec mirror (decoding.py), whose types msgspec has checked."""
        invite_waitlist_entry_request = object.__new__(cls)
        invite_waitlist_entry_request.ignore_existing = mirror.ignore_existing
        invite_waitlist_entry_request.additional_properties = {}
        return invite_waitlist_entry_request

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
