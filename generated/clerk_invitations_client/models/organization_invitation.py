from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import decoding
from ..models.invitation_status import InvitationStatus
from ..models.organization_invitation_object import OrganizationInvitationObject
from ..types import UNSET, Unset, url_repr

# Enum members by value, for from_dict: a dict lookup is far cheaper than calling the enum.
_ORGANIZATION_INVITATION_OBJECT_BY_VALUE = {member.value: member for member in OrganizationInvitationObject}
_INVITATION_STATUS_BY_VALUE = {member.value: member for member in InvitationStatus}
# The JSON key of each attribute's value; from_dict keeps any other key in additional_properties.
_KNOWN_KEYS = {
    "object": "object_",
    "id": "id",
    "email_address": "email_address",
    "role": "role",
    "role_name": "role_name",
    "inviter_id": "inviter_id",
    "public_inviter_data": "public_inviter_data",
    "public_metadata": "public_metadata",
    "url": "url",
    "expires_at": "expires_at",
    "created_at": "created_at",
    "updated_at": "updated_at",
    "organization_id": "organization_id",
    "status": "status",
    "private_metadata": "private_metadata",
}


T = TypeVar("T", bound="OrganizationInvitation")


@_attrs_define
class OrganizationInvitation:
    """An invitation to join an organization with a role.

    Attributes:
        object_ (OrganizationInvitationObject): The kind of object; always `organization_invitation`.
        id (str): The invitation's unique id, `orginv_` followed by 27 characters.
        email_address (str): The address the invitation was sent to.
        role (str): The key of the role the invitee gets on joining, such as `org:member`.
        role_name (str): The role's display name, such as `Member`.
        inviter_id (None | str): The id of the user who sent the invitation, or null if it was sent through the Backend
            API alone.
        public_inviter_data (None | OrganizationInvitationInviter): The inviter's public profile, or null when there is
            no inviter.
        public_metadata (Metadata): A JSON object of metadata, with any keys.
        url (None | str): The link the invitee follows to accept the invitation, or null.
        expires_at (int | None): When the invitation expires (Unix epoch milliseconds), or null if it never does.
        created_at (int): When the invitation was created (Unix epoch milliseconds).
        updated_at (int): When the invitation last changed (Unix epoch milliseconds).
        organization_id (str | Unset): The id of the organization (`org_...`).
        status (InvitationStatus | Unset): Where an invitation stands: `pending` until the invitee signs up
            (`accepted`), it is revoked (`revoked`), or it passes `expires_at` (`expired`).
        private_metadata (Metadata | Unset): A JSON object of metadata, with any keys.
    """

    object_: OrganizationInvitationObject
    id: str
    email_address: str
    role: str
    role_name: str
    inviter_id: None | str
    public_inviter_data: None | OrganizationInvitationInviter
    public_metadata: Metadata
    url: None | str = _attrs_field(repr=url_repr)
    expires_at: int | None
    created_at: int
    updated_at: int
    organization_id: str | Unset = UNSET
    status: InvitationStatus | Unset = UNSET
    private_metadata: Metadata | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict[str, Any])

    def to_dict(self) -> dict[str, Any]:
        object_ = self.object_.value

        id = self.id

        email_address = self.email_address

        role = self.role

        role_name = self.role_name

        inviter_id: None | str
        inviter_id = self.inviter_id

        public_inviter_data: dict[str, Any] | None
        if isinstance(self.public_inviter_data, OrganizationInvitationInviter):
            public_inviter_data = self.public_inviter_data.to_dict()
        else:
            public_inviter_data = self.public_inviter_data

        public_metadata = dict(self.public_metadata)

        url: None | str
        url = self.url

        expires_at: int | None
        expires_at = self.expires_at

        created_at = self.created_at

        updated_at = self.updated_at

        organization_id = self.organization_id

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        private_metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.private_metadata, Unset):
            private_metadata = dict(self.private_metadata)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "object": object_,
                "id": id,
                "email_address": email_address,
                "role": role,
                "role_name": role_name,
                "inviter_id": inviter_id,
                "public_inviter_data": public_inviter_data,
                "public_metadata": public_metadata,
                "url": url,
                "expires_at": expires_at,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )
        if organization_id is not UNSET:
            field_dict["organization_id"] = organization_id
        if status is not UNSET:
            field_dict["status"] = status
        if private_metadata is not UNSET:
            field_dict["private_metadata"] = private_metadata

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        try:
            object_ = _ORGANIZATION_INVITATION_OBJECT_BY_VALUE.get(src_dict["object"]) or OrganizationInvitationObject(
                src_dict["object"]
            )

            id = src_dict["id"]

            email_address = src_dict["email_address"]

            role = src_dict["role"]

            role_name = src_dict["role_name"]

            inviter_id = src_dict["inviter_id"]

            _public_inviter_data = src_dict["public_inviter_data"]
            public_inviter_data: None | OrganizationInvitationInviter
            if _public_inviter_data is None:
                public_inviter_data = None
            else:
                public_inviter_data_type_0 = OrganizationInvitationInviter.from_dict(_public_inviter_data)

                public_inviter_data = public_inviter_data_type_0

            public_metadata = src_dict["public_metadata"]

            url = src_dict["url"]

            expires_at = src_dict["expires_at"]

            created_at = src_dict["created_at"]

            updated_at = src_dict["updated_at"]

            organization_id = src_dict.get("organization_id", UNSET)

            _status = src_dict.get("status", UNSET)
            status: InvitationStatus | Unset
            if isinstance(_status, Unset):
                status = UNSET
            else:
                status = _INVITATION_STATUS_BY_VALUE.get(_status) or InvitationStatus(_status)

            private_metadata = src_dict.get("private_metadata", UNSET)

            if (
                id.__class__ is not str
                or email_address.__class__ is not str
                or role.__class__ is not str
                or role_name.__class__ is not str
                or (inviter_id.__class__ is not str and inviter_id is not None)
                or (public_metadata.__class__ is not dict and not decoding.is_object(public_metadata))
                or (url.__class__ is not str and url is not None)
                or (expires_at.__class__ is not int and expires_at is not None)
                or created_at.__class__ is not int
                or updated_at.__class__ is not int
                or (organization_id.__class__ is not str and organization_id is not UNSET)
                or (
                    (private_metadata.__class__ is not dict and not decoding.is_object(private_metadata))
                    and private_metadata is not UNSET
                )
            ):
                raise TypeError  # a value of the wrong JSON type: decoding.mismatch says which
        except Exception:
            raise decoding.mismatch(cls, src_dict) from None
        organization_invitation = object.__new__(cls)
        organization_invitation.object_ = object_
        organization_invitation.id = id
        organization_invitation.email_address = email_address
        organization_invitation.role = role
        organization_invitation.role_name = role_name
        organization_invitation.inviter_id = inviter_id
        organization_invitation.public_inviter_data = public_inviter_data
        organization_invitation.public_metadata = dict(public_metadata)
        organization_invitation.url = url
        organization_invitation.expires_at = expires_at
        organization_invitation.created_at = created_at
        organization_invitation.updated_at = updated_at
        organization_invitation.organization_id = organization_id
        organization_invitation.status = status
        organization_invitation.private_metadata = (
            private_metadata if private_metadata is UNSET else dict(private_metadata)
        )
        # Keys the spec doesn't list go to additional_properties. Counting the known keys present
        # tells whether there are any, more cheaply than comparing the keys.
        known_keys = 12 + (organization_id is not UNSET) + (status is not UNSET) + (private_metadata is not UNSET)
        if len(src_dict) > known_keys:
            organization_invitation.additional_properties = {
                key: value for key, value in src_dict.items() if key not in _KNOWN_KEYS
            }
        else:
            organization_invitation.additional_properties = {}
        return organization_invitation

    @classmethod
    def _from_mirror(cls: type[T], mirror: Any) -> T:
        """The model from its msgspec mirror (decoding.py), whose types msgspec has checked."""
        organization_invitation = object.__new__(cls)
        organization_invitation.object_ = mirror.object_
        organization_invitation.id = mirror.id
        organization_invitation.email_address = mirror.email_address
        organization_invitation.role = mirror.role
        organization_invitation.role_name = mirror.role_name
        organization_invitation.inviter_id = mirror.inviter_id
        organization_invitation.public_inviter_data = (
            decoding.builder(OrganizationInvitationInviter)(mirror.public_inviter_data)
            if mirror.public_inviter_data is not None
            else mirror.public_inviter_data
        )
        organization_invitation.public_metadata = mirror.public_metadata
        organization_invitation.url = mirror.url
        organization_invitation.expires_at = mirror.expires_at
        organization_invitation.created_at = mirror.created_at
        organization_invitation.updated_at = mirror.updated_at
        organization_invitation.organization_id = mirror.organization_id
        organization_invitation.status = mirror.status
        organization_invitation.private_metadata = mirror.private_metadata
        organization_invitation.additional_properties = {}
        return organization_invitation

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
from ..models.metadata import Metadata  # noqa: E402
from ..models.organization_invitation_inviter import OrganizationInvitationInviter  # noqa: E402
