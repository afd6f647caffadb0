"""Contains all the data models used in inputs/outputs"""

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
