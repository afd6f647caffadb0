from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.invitation_object import InvitationObject
from ..models.invitation_status import InvitationStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.invitation_public_metadata import InvitationPublicMetadata


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
    url: str | Unset = UNSET
    expires_at: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        object_ = self.object_.value

        id = self.id

        email_address = self.email_address

        public_metadata = self.public_metadata.to_dict()

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
        from ..models.invitation_public_metadata import InvitationPublicMetadata  # noqa: PLC0415

        d = dict(src_dict)
        object_ = InvitationObject(d.pop("object"))

        id = d.pop("id")

        email_address = d.pop("email_address")

        public_metadata = InvitationPublicMetadata.from_dict(d.pop("public_metadata"))

        status = InvitationStatus(d.pop("status"))

        created_at = d.pop("created_at")

        updated_at = d.pop("updated_at")

        revoked = d.pop("revoked", UNSET)

        url = d.pop("url", UNSET)

        def _parse_expires_at(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        expires_at = _parse_expires_at(d.pop("expires_at", UNSET))

        invitation = cls(
            object_=object_,
            id=id,
            email_address=email_address,
            public_metadata=public_metadata,
            status=status,
            created_at=created_at,
            updated_at=updated_at,
            revoked=revoked,
            url=url,
            expires_at=expires_at,
        )

        invitation.additional_properties = d
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
