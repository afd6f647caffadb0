from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import decoding
from ..types import UNSET, Unset

# The JSON key of each attribute's value; from_dict keeps any other key in additional_properties.
_KNOWN_KEYS = {
    "message": "message",
    "long_message": "long_message",
    "code": "code",
    "meta": "meta",
}


T = TypeVar("T", bound="ClerkError")


@_attrs_define
class ClerkError:
    """One thing that went wrong.

    Attributes:
        message (str): A short description of the error.
        long_message (str): A fuller description, fit to show a developer.
        code (str): A stable, machine-readable code, such as `duplicate_record`.
        meta (ClerkErrorMeta | Unset): Details of the error, such as `param_name` for a bad parameter.
    """

    message: str
    long_message: str
    code: str
    meta: ClerkErrorMeta | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict[str, Any])

    def to_dict(self) -> dict[str, Any]:
        message = self.message

        long_message = self.long_message

        code = self.code

        meta: dict[str, Any] | Unset = UNSET
        if not isinstance(self.meta, Unset):
            meta = dict(self.meta)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "message": message,
                "long_message": long_message,
                "code": code,
            }
        )
        if meta is not UNSET:
            field_dict["meta"] = meta

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        try:
            message = src_dict["message"]

            long_message = src_dict["long_message"]

            code = src_dict["code"]

            meta = src_dict.get("meta", UNSET)

            if (
                message.__class__ is not str
                or long_message.__class__ is not str
                or code.__class__ is not str
                or ((meta.__class__ is not dict and not decoding.is_object(meta)) and meta is not UNSET)
            ):
                raise TypeError  # a value of the wrong JSON type: decoding.mismatch says which
        except Exception:
            raise decoding.mismatch(cls, src_dict) from None
        clerk_error = object.__new__(cls)
        clerk_error.message = message
        clerk_error.long_message = long_message
        clerk_error.code = code
        clerk_error.meta = meta if meta is UNSET else dict(meta)
        # Keys the spec doesn't list go to additional_properties. Counting the known keys present
        # tells whether there are any, more cheaply than comparing the keys.
        known_keys = 3 + (meta is not UNSET)
        if len(src_dict) > known_keys:
            clerk_error.additional_properties = {
                key: value for key, value in src_dict.items() if key not in _KNOWN_KEYS
            }
        else:
            clerk_error.additional_properties = {}
        return clerk_error

    @classmethod
    def _from_mirror(cls: type[T], mirror: Any) -> T:
        """The model from its msgspec mirror (decoding.py), whose types msgspec has checked."""
        clerk_error = object.__new__(cls)
        clerk_error.message = mirror.message
        clerk_error.long_message = mirror.long_message
        clerk_error.code = mirror.code
        clerk_error.meta = mirror.meta
        clerk_error.additional_properties = {}
        return clerk_error

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
from ..models.clerk_error_meta import ClerkErrorMeta  # noqa: E402
