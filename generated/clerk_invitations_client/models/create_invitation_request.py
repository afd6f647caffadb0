from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.template_slug import TemplateSlug
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.create_invitation_request_public_metadata import CreateInvitationRequestPublicMetadata


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
    redirect_url: str | Unset = UNSET
    notify: bool | None | Unset = True
    ignore_existing: bool | None | Unset = False
    expires_in_days: int | None | Unset = UNSET
    template_slug: TemplateSlug | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        email_address = self.email_address

        public_metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.public_metadata, Unset):
            public_metadata = self.public_metadata.to_dict()

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
        from ..models.create_invitation_request_public_metadata import CreateInvitationRequestPublicMetadata  # noqa: PLC0415

        d = dict(src_dict)
        email_address = d.pop("email_address")

        _public_metadata = d.pop("public_metadata", UNSET)
        public_metadata: CreateInvitationRequestPublicMetadata | Unset
        if isinstance(_public_metadata, Unset):
            public_metadata = UNSET
        else:
            public_metadata = CreateInvitationRequestPublicMetadata.from_dict(_public_metadata)

        redirect_url = d.pop("redirect_url", UNSET)

        def _parse_notify(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        notify = _parse_notify(d.pop("notify", UNSET))

        def _parse_ignore_existing(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        ignore_existing = _parse_ignore_existing(d.pop("ignore_existing", UNSET))

        def _parse_expires_in_days(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        expires_in_days = _parse_expires_in_days(d.pop("expires_in_days", UNSET))

        _template_slug = d.pop("template_slug", UNSET)
        template_slug: TemplateSlug | Unset
        if isinstance(_template_slug, Unset):
            template_slug = UNSET
        else:
            template_slug = TemplateSlug(_template_slug)

        create_invitation_request = cls(
            email_address=email_address,
            public_metadata=public_metadata,
            redirect_url=redirect_url,
            notify=notify,
            ignore_existing=ignore_existing,
            expires_in_days=expires_in_days,
            template_slug=template_slug,
        )

        return create_invitation_request
