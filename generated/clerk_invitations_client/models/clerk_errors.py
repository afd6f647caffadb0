from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import decoding
from ..types import UNSET, Unset

# The JSON key of each attribute's value; from_dict keeps any other key in additional_properties.
_KNOWN_KEYS = {
    "errors": "errors",
    "meta": "meta",
    "clerk_trace_id": "clerk_trace_id",
}


T = TypeVar("T", bound="ClerkErrors")


@_attrs_define
class ClerkErrors:
    """The body of every error response.

    Attributes:
        errors (list[ClerkError]):
        meta (ClerkErrorsMeta | Unset): Details about the whole response.
        clerk_trace_id (str | Unset): Quote this id to Clerk's support to trace the request.
    """

    errors: list[ClerkError]
    meta: ClerkErrorsMeta | Unset = UNSET
    clerk_trace_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict[str, Any])

    def to_dict(self) -> dict[str, Any]:
        errors: list[dict[str, Any]] = []
        for errors_item_data in self.errors:
            errors_item = errors_item_data.to_dict()
            errors.append(errors_item)

        meta: dict[str, Any] | Unset = UNSET
        if not isinstance(self.meta, Unset):
            meta = dict(self.meta)

        clerk_trace_id = self.clerk_trace_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "errors": errors,
            }
        )
        if meta is not UNSET:
            field_dict["meta"] = meta
        if clerk_trace_id is not UNSET:
            field_dict["clerk_trace_id"] = clerk_trace_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        try:
            errors = src_dict["errors"]

            meta = src_dict.get("meta", UNSET)

            clerk_trace_id = src_dict.get("clerk_trace_id", UNSET)

            if (
                errors.__class__ is not list
                or ((meta.__class__ is not dict and not decoding.is_object(meta)) and meta is not UNSET)
                or (clerk_trace_id.__class__ is not str and clerk_trace_id is not UNSET)
            ):
                raise TypeError  # a value of the wrong JSON type: decoding.mismatch says which
            errors = [ClerkError.from_dict(item) for item in errors]
        except Exception:
            raise decoding.mismatch(cls, src_dict) from None
        clerk_errors = object.__new__(cls)
        clerk_errors.errors = errors
        clerk_errors.meta = meta if meta is UNSET else dict(meta)
        clerk_errors.clerk_trace_id = clerk_trace_id
        # Keys the spec doesn't list go to additional_properties. Counting the known keys present
        # tells whether there are any, more cheaply than comparing the keys.
        known_keys = 1 + (meta is not UNSET) + (clerk_trace_id is not UNSET)
        if len(src_dict) > known_keys:
            clerk_errors.additional_properties = {
                key: value for key, value in src_dict.items() if key not in _KNOWN_KEYS
            }
        else:
            clerk_errors.additional_properties = {}
        return clerk_errors

    @classmethod
    def _from_mirror(cls: type[T], mirror: Any) -> T:
        """The model from its msgspec mirror (decoding.py), whose types msgspec has checked."""
        clerk_errors = object.__new__(cls)
        clerk_errors.errors = list(map(decoding.builder(ClerkError), mirror.errors))
        clerk_errors.meta = mirror.meta
        clerk_errors.clerk_trace_id = mirror.clerk_trace_id
        clerk_errors.additional_properties = {}
        return clerk_errors

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
from ..models.clerk_error import ClerkError  # noqa: E402
from ..models.clerk_errors_meta import ClerkErrorsMeta  # noqa: E402
