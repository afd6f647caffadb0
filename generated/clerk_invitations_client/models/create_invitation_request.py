from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import decoding
from ..models.template_slug import TemplateSlug
from ..types import UNSET, Unset, url_repr

# Enum members by value, for from_dict: a dict lookup is far cheaper than calling the enum.
_TEMPLATE_SLUG_BY_VALUE = {member.value: member for member in TemplateSlug}
# The JSON key of each attribute's value.
_KNOWN_KEYS = {
    "email_address": "email_address",
    "public_metadata": "public_metadata",
    "redirect_url": "redirect_url",
    "notify": "notify",
    "ignore_existing": "ignore_existing",
    "expires_in_days": "expires_in_days",
    "template_slug": "template_slug",
}


T = TypeVar("T", bound="CreateInvitationRequest")


@_attrs_define
class CreateInvitationRequest:
    """What to invite, and how.

    Attributes:
        email_address (str): The email address to invite; Clerk answers 422 if it isn't one.
        public_metadata (CreateInvitationRequestPublicMetadata | Unset): Metadata copied into the user's public metadata
            when they accept. Readable from the Frontend API, writable only from the Backend API.
        redirect_url (str | Unset): Where the invitation link sends the invitee, full URL or path. Needed if your
            application accepts invitations in a custom flow.
        notify (bool | None | Unset): Whether Clerk emails the invitation. Defaults to true. Default: True.
        ignore_existing (bool | None | Unset): Create the invitation even if the address already has a pending
            invitation or belongs to a user. Defaults to false. Default: False.
        expires_in_days (int | None | Unset): Days until the invitation expires; Clerk's default is 30.
        template_slug (TemplateSlug | Unset): The email template Clerk sends the invitation with.
    """

    email_address: str
    public_metadata: CreateInvitationRequestPublicMetadata | Unset = UNSET
    redirect_url: str | Unset = _attrs_field(default=UNSET, repr=url_repr)
    notify: bool | None | Unset = True
    ignore_existing: bool | None | Unset = False
    expires_in_days: int | None | Unset = UNSET
    template_slug: TemplateSlug | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        email_address = self.email_address

        public_metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.public_metadata, Unset):
            public_metadata = dict(self.public_metadata)

        redirect_url = self.redirect_url

        notify: bool | None | Unset
        if isinstance(self.notify, Unset):
            notify = UNSET
        else:
            notify = self.notify

        ignore_existing: bool | None | Unset
        if isinstance(self.ignore_existing, Unset):
            ignore_existing = UNSET
        else:
            ignore_existing = self.ignore_existing

        expires_in_days: int | None | Unset
        if isinstance(self.expires_in_days, Unset):
            expires_in_days = UNSET
        else:
            expires_in_days = self.expires_in_days

        template_slug: str | Unset = UNSET
        if not isinstance(self.template_slug, Unset):
            template_slug = self.template_slug.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "email_address": email_address,
            }
        )
        if public_metadata is not UNSET:
            field_dict["public_metadata"] = public_metadata
        if redirect_url is not UNSET:
            field_dict["redirect_url"] = redirect_url
        if notify is not UNSET:
            field_dict["notify"] = notify
        if ignore_existing is not UNSET:
            field_dict["ignore_existing"] = ignore_existing
        if expires_in_days is not UNSET:
            field_dict["expires_in_days"] = expires_in_days
        if template_slug is not UNSET:
            field_dict["template_slug"] = template_slug

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        try:
            email_address = src_dict["email_address"]

            public_metadata = src_dict.get("public_metadata", UNSET)

            redirect_url = src_dict.get("redirect_url", UNSET)

            notify = src_dict.get("notify", UNSET)

            ignore_existing = src_dict.get("ignore_existing", UNSET)

            expires_in_days = src_dict.get("expires_in_days", UNSET)

            _template_slug = src_dict.get("template_slug", UNSET)
            template_slug: TemplateSlug | Unset
            if isinstance(_template_slug, Unset):
                template_slug = UNSET
            else:
                template_slug = _TEMPLATE_SLUG_BY_VALUE.get(_template_slug) or TemplateSlug(_template_slug)

            if (
                email_address.__class__ is not str
                or (
                    (public_metadata.__class__ is not dict and not decoding.is_object(public_metadata))
                    and public_metadata is not UNSET
                )
                or (redirect_url.__class__ is not str and redirect_url is not UNSET)
                or (notify.__class__ is not bool and notify is not UNSET and notify is not None)
                or (
                    ignore_existing.__class__ is not bool
                    and ignore_existing is not UNSET
                    and ignore_existing is not None
                )
                or (
                    expires_in_days.__class__ is not int
                    and expires_in_days is not UNSET
                    and expires_in_days is not None
                )
            ):
                raise TypeError  # a value of the wrong JSON type: decoding.mismatch says which
        except Exception:
            raise decoding.mismatch(cls, src_dict) from None
        create_invitation_request = object.__new__(cls)
        create_invitation_request.email_address = email_address
        create_invitation_request.public_metadata = (
            public_metadata if public_metadata is UNSET else dict(public_metadata)
        )
        create_invitation_request.redirect_url = redirect_url
        create_invitation_request.notify = notify
        create_invitation_request.ignore_existing = ignore_existing
        create_invitation_request.expires_in_days = expires_in_days
        create_invitation_request.template_slug = template_slug
        return create_invitation_request

    @classmethod
    def _from_mirror(cls: type[T], mirror: Any) -> T:
        """The model from its msgspec mirror (decoding.py), whose types msgspec has checked."""
        create_invitation_request = object.__new__(cls)
        create_invitation_request.email_address = mirror.email_address
        create_invitation_request.public_metadata = mirror.public_metadata
        create_invitation_request.redirect_url = mirror.redirect_url
        create_invitation_request.notify = mirror.notify
        create_invitation_request.ignore_existing = mirror.ignore_existing
        create_invitation_request.expires_in_days = mirror.expires_in_days
        create_invitation_request.template_slug = mirror.template_slug
        return create_invitation_request


# Imported last, so that models referring to each other can import each other.
from ..models.create_invitation_request_public_metadata import CreateInvitationRequestPublicMetadata  # noqa: E402
