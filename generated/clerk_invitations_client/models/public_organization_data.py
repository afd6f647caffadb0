from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import decoding
from ..types import UNSET, Unset, url_repr

# The JSON key of each attribute's value; from_dict keeps any other key in additional_properties.
_KNOWN_KEYS = {
    "id": "id",
    "name": "name",
    "slug": "slug",
    "has_image": "has_image",
    "image_url": "image_url",
}


T = TypeVar("T", bound="PublicOrganizationData")


@_attrs_define
class PublicOrganizationData:
    """The public data of the organization an invitation is for.

    Attributes:
        id (str): The organization's id (`org_...`).
        name (str): The organization's name.
        slug (str): The organization's unique slug.
        has_image (bool): Whether the organization uploaded a logo.
        image_url (str | Unset): The organization's logo.
    """

    id: str
    name: str
    slug: str
    has_image: bool
    image_url: str | Unset = _attrs_field(default=UNSET, repr=url_repr)
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict[str, Any])

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        slug = self.slug

        has_image = self.has_image

        image_url = self.image_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "slug": slug,
                "has_image": has_image,
            }
        )
        if image_url is not UNSET:
            field_dict["image_url"] = image_url

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        try:
            id = src_dict["id"]

            name = src_dict["name"]

            slug = src_dict["slug"]

            has_image = src_dict["has_image"]

            image_url = src_dict.get("image_url", UNSET)

            if (
                id.__class__ is not str
                or name.__class__ is not str
                or slug.__class__ is not str
                or has_image.__class__ is not bool
                or (image_url.__class__ is not str and image_url is not UNSET)
            ):
                raise TypeError  # a value of the wrong JSON type: decoding.mismatch says which
        except Exception:
            raise decoding.mismatch(cls, src_dict) from None
        public_organization_data = object.__new__(cls)
        public_organization_data.id = id
        public_organization_data.name = name
        public_organization_data.slug = slug
        public_organization_data.has_image = has_image
        public_organization_data.image_url = image_url
        # Keys the spec doesn't list go to additional_properties. Counting the known keys present
        # tells whether there are any, more cheaply than comparing the keys.
        known_keys = 4 + (image_url is not UNSET)
        if len(src_dict) > known_keys:
            public_organization_data.additional_properties = {
                key: value for key, value in src_dict.items() if key not in _KNOWN_KEYS
            }
        else:
            public_organization_data.additional_properties = {}
        return public_organization_data

    @classmethod
    def _from_mirror(cls: type[T], mirror: Any) -> T:
        """The model from its msgspec mirror (decoding.py), whose types msgspec has checked."""
        public_organization_data = object.__new__(cls)
        public_organization_data.id = mirror.id
        public_organization_data.name = mirror.name
        public_organization_data.slug = mirror.slug
        public_organization_data.has_image = mirror.has_image
        public_organization_data.image_url = mirror.image_url
        public_organization_data.additional_properties = {}
        return public_organization_data

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
