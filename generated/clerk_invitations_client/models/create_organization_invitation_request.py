from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import decoding
from ..types import UNSET, Unset, url_repr

# The JSON key of each attribute's value; from_dict keeps any other key in additional_properties.
_KNOWN_KEYS = {
    "email_address": "email_address",
    "role": "role",
    "inviter_user_id": "inviter_user_id",
    "public_metadata": "public_metadata",
    "private_metadata": "private_metadata",
    "redirect_url": "redirect_url",
    "expires_in_days": "expires_in_days",
    "notify": "notify",
}


T = TypeVar("T", bound="CreateOrganizationInvitationRequest")


@_attrs_define
class CreateOrganizationInvitationRequest:
    """Whom to invite to the organization, with which role, and how; a single create's body or one item of a bulk one.

    Attributes:
        email_address (str): The email address to invite.
        role (str): The key of the role the invitee gets on joining, such as `org:member`.
        inviter_user_id (None | str | Unset): The id of the user who invites (`user_...`); must be an admin member of
            the organization.
        public_metadata (Metadata | None | Unset): Metadata readable from the Frontend API; moves to the membership on
            acceptance.
        private_metadata (Metadata | None | Unset): Metadata readable only from the Backend API; moves to the membership
            on acceptance.
        redirect_url (None | str | Unset): Where the invitation link sends the invitee once they accept, for a custom
            flow.
        expires_in_days (int | None | Unset): Days until the invitation expires; Clerk's default is 30.
        notify (bool | None | Unset): Whether Clerk emails the invitation. Defaults to true. Default: True.
    """

    email_address: str
    role: str
    inviter_user_id: None | str | Unset = UNSET
    public_metadata: Metadata | None | Unset = UNSET
    private_metadata: Metadata | None | Unset = UNSET
    redirect_url: None | str | Unset = _attrs_field(default=UNSET, repr=url_repr)
    expires_in_days: int | None | Unset = UNSET
    notify: bool | None | Unset = True
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict[str, Any])

    def to_dict(self) -> dict[str, Any]:
        email_address = self.email_address

        role = self.role

        inviter_user_id: None | str | Unset
        if isinstance(self.inviter_user_id, Unset):
            inviter_user_id = UNSET
        else:
            inviter_user_id = self.inviter_user_id

        public_metadata: dict[str, Any] | None | Unset
        if isinstance(self.public_metadata, Unset):
            public_metadata = UNSET
        elif isinstance(self.public_metadata, dict):
            public_metadata = dict(self.public_metadata)
        else:
            public_metadata = self.public_metadata

        private_metadata: dict[str, Any] | None | Unset
        if isinstance(self.private_metadata, Unset):
            private_metadata = UNSET
        elif isinstance(self.private_metadata, dict):
            private_metadata = dict(self.private_metadata)
        else:
            private_metadata = self.private_metadata

        redirect_url: None | str | Unset
        if isinstance(self.redirect_url, Unset):
            redirect_url = UNSET
        else:
            redirect_url = self.redirect_url

        expires_in_days: int | None | Unset
        if isinstance(self.expires_in_days, Unset):
            expires_in_days = UNSET
        else:
            expires_in_days = self.expires_in_days

        notify: bool | None | Unset
        if isinstance(self.notify, Unset):
            notify = UNSET
        else:
            notify = self.notify

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "email_address": email_address,
                "role": role,
            }
        )
        if inviter_user_id is not UNSET:
            field_dict["inviter_user_id"] = inviter_user_id
        if public_metadata is not UNSET:
            field_dict["public_metadata"] = public_metadata
        if private_metadata is not UNSET:
            field_dict["private_metadata"] = private_metadata
        if redirect_url is not UNSET:
            field_dict["redirect_url"] = redirect_url
        if expires_in_days is not UNSET:
            field_dict["expires_in_days"] = expires_in_days
        if notify is not UNSET:
            field_dict["notify"] = notify

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        try:
            email_address = src_dict["email_address"]

            role = src_dict["role"]

            inviter_user_id = src_dict.get("inviter_user_id", UNSET)

            public_metadata = src_dict.get("public_metadata", UNSET)

            private_metadata = src_dict.get("private_metadata", UNSET)

            redirect_url = src_dict.get("redirect_url", UNSET)

            expires_in_days = src_dict.get("expires_in_days", UNSET)

            notify = src_dict.get("notify", UNSET)

            if (
                email_address.__class__ is not str
                or role.__class__ is not str
                or (
                    inviter_user_id.__class__ is not str
                    and inviter_user_id is not UNSET
                    and inviter_user_id is not None
                )
                or (
                    (public_metadata.__class__ is not dict and not decoding.is_object(public_metadata))
                    and public_metadata is not UNSET
                    and public_metadata is not None
                )
                or (
                    (private_metadata.__class__ is not dict and not decoding.is_object(private_metadata))
                    and private_metadata is not UNSET
                    and private_metadata is not None
                )
                or (redirect_url.__class__ is not str and redirect_url is not UNSET and redirect_url is not None)
                or (
                    expires_in_days.__class__ is not int
                    and expires_in_days is not UNSET
                    and expires_in_days is not None
                )
                or (notify.__class__ is not bool and notify is not UNSET and notify is not None)
            ):
                raise TypeError  # a value of the wrong JSON type: decoding.mismatch says which
        except Exception:
            raise decoding.mismatch(cls, src_dict) from None
        create_organization_invitation_request = object.__new__(cls)
        create_organization_invitation_request.email_address = email_address
        create_organization_invitation_request.role = role
        create_organization_invitation_request.inviter_user_id = inviter_user_id
        create_organization_invitation_request.public_metadata = (
            public_metadata if public_metadata is UNSET or public_metadata is None else dict(public_metadata)
        )
        create_organization_invitation_request.private_metadata = (
            private_metadata if private_metadata is UNSET or private_metadata is None else dict(private_metadata)
        )
        create_organization_invitation_request.redirect_url = redirect_url
        create_organization_invitation_request.expires_in_days = expires_in_days
        create_organization_invitation_request.notify = notify
        # Keys the spec doesn't list go to additional_properties. Counting the known keys present
        # tells whether there are any, more cheaply than comparing the keys.
        known_keys = (
            2
            + (inviter_user_id is not UNSET)
            + (public_metadata is not UNSET)
            + (private_metadata is not UNSET)
            + (redirect_url is not UNSET)
            + (expires_in_days is not UNSET)
            + (notify is not UNSET)
        )
        if len(src_dict) > known_keys:
            create_organization_invitation_request.additional_properties = {
                key: value for key, value in src_dict.items() if key not in _KNOWN_KEYS
            }
        else:
            create_organization_invitation_request.additional_properties = {}
        return create_organization_invitation_request

    @classmethod
    def _from_mirror(cls: type[T], mirror: Any) -> T:
        """The model from its msgspec mirror (decoding.py), whose types msgspec has checked."""
        create_organization_invitation_request = object.__new__(cls)
        create_organization_invitation_request.email_address = mirror.email_address
        create_organization_invitation_request.role = mirror.role
        create_organization_invitation_request.inviter_user_id = mirror.inviter_user_id
        create_organization_invitation_request.public_metadata = mirror.public_metadata
        create_organization_invitation_request.private_metadata = mirror.private_metadata
        create_organization_invitation_request.redirect_url = mirror.redirect_url
        create_organization_invitation_request.expires_in_days = mirror.expires_in_days
        create_organization_invitation_request.notify = mirror.notify
        create_organization_invitation_request.additional_properties = {}
        return create_organization_invitation_request

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
