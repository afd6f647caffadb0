"""Contains all the data models used in inputs/outputs.

Each model is imported when it is first used, from its own module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .bulk_invitation_request import BulkInvitationRequest
    from .clerk_error import ClerkError
    from .clerk_error_meta import ClerkErrorMeta
    from .clerk_errors import ClerkErrors
    from .clerk_errors_meta import ClerkErrorsMeta
    from .create_invitation_request import CreateInvitationRequest
    from .create_invitation_request_public_metadata import CreateInvitationRequestPublicMetadata
    from .create_organization_invitation_request import CreateOrganizationInvitationRequest
    from .invitation import Invitation
    from .invitation_object import InvitationObject
    from .invitation_public_metadata import InvitationPublicMetadata
    from .invitation_status import InvitationStatus
    from .invite_waitlist_entry_request import InviteWaitlistEntryRequest
    from .metadata import Metadata
    from .organization_invitation import OrganizationInvitation
    from .organization_invitation_inviter import OrganizationInvitationInviter
    from .organization_invitation_object import OrganizationInvitationObject
    from .organization_invitation_with_organization import OrganizationInvitationWithOrganization
    from .organization_invitations import OrganizationInvitations
    from .organization_invitations_with_organization import OrganizationInvitationsWithOrganization
    from .paginated_invitations import PaginatedInvitations
    from .public_organization_data import PublicOrganizationData
    from .revoke_organization_invitation_request import RevokeOrganizationInvitationRequest
    from .template_slug import TemplateSlug
    from .waitlist_entry import WaitlistEntry
    from .waitlist_entry_object import WaitlistEntryObject
    from .waitlist_entry_status import WaitlistEntryStatus

_MODULES = {
    "BulkInvitationRequest": ".bulk_invitation_request",
    "ClerkError": ".clerk_error",
    "ClerkErrorMeta": ".clerk_error_meta",
    "ClerkErrors": ".clerk_errors",
    "ClerkErrorsMeta": ".clerk_errors_meta",
    "CreateInvitationRequest": ".create_invitation_request",
    "CreateInvitationRequestPublicMetadata": ".create_invitation_request_public_metadata",
    "CreateOrganizationInvitationRequest": ".create_organization_invitation_request",
    "Invitation": ".invitation",
    "InvitationObject": ".invitation_object",
    "InvitationPublicMetadata": ".invitation_public_metadata",
    "InvitationStatus": ".invitation_status",
    "InviteWaitlistEntryRequest": ".invite_waitlist_entry_request",
    "Metadata": ".metadata",
    "OrganizationInvitation": ".organization_invitation",
    "OrganizationInvitationInviter": ".organization_invitation_inviter",
    "OrganizationInvitationObject": ".organization_invitation_object",
    "OrganizationInvitationWithOrganization": ".organization_invitation_with_organization",
    "OrganizationInvitations": ".organization_invitations",
    "OrganizationInvitationsWithOrganization": ".organization_invitations_with_organization",
    "PaginatedInvitations": ".paginated_invitations",
    "PublicOrganizationData": ".public_organization_data",
    "RevokeOrganizationInvitationRequest": ".revoke_organization_invitation_request",
    "TemplateSlug": ".template_slug",
    "WaitlistEntry": ".waitlist_entry",
    "WaitlistEntryObject": ".waitlist_entry_object",
    "WaitlistEntryStatus": ".waitlist_entry_status",
}
"""The module of each model, relative to this package."""


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib  # noqa: PLC0415 - loaded already by the import system

    model = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = model
    return model


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


__all__ = (
    "BulkInvitationRequest",
    "ClerkError",
    "ClerkErrorMeta",
    "ClerkErrors",
    "ClerkErrorsMeta",
    "CreateInvitationRequest",
    "CreateInvitationRequestPublicMetadata",
    "CreateOrganizationInvitationRequest",
    "Invitation",
    "InvitationObject",
    "InvitationPublicMetadata",
    "InvitationStatus",
    "InviteWaitlistEntryRequest",
    "Metadata",
    "OrganizationInvitation",
    "OrganizationInvitationInviter",
    "OrganizationInvitationObject",
    "OrganizationInvitations",
    "OrganizationInvitationsWithOrganization",
    "OrganizationInvitationWithOrganization",
    "PaginatedInvitations",
    "PublicOrganizationData",
    "RevokeOrganizationInvitationRequest",
    "TemplateSlug",
    "WaitlistEntry",
    "WaitlistEntryObject",
    "WaitlistEntryStatus",
)
