"""Contains all the data models used in inputs/outputs"""

from .bulk_invitation_request import BulkInvitationRequest
from .bulk_invitation_request_public_metadata_type_0 import BulkInvitationRequestPublicMetadataType0
from .clerk_error import ClerkError
from .clerk_error_meta import ClerkErrorMeta
from .clerk_errors import ClerkErrors
from .clerk_errors_meta import ClerkErrorsMeta
from .create_invitation_request import CreateInvitationRequest
from .create_invitation_request_public_metadata import CreateInvitationRequestPublicMetadata
from .invitation import Invitation
from .invitation_object import InvitationObject
from .invitation_public_metadata import InvitationPublicMetadata
from .invitation_status import InvitationStatus
from .paginated_invitations import PaginatedInvitations
from .template_slug import TemplateSlug

__all__ = (
    "BulkInvitationRequest",
    "BulkInvitationRequestPublicMetadataType0",
    "ClerkError",
    "ClerkErrorMeta",
    "ClerkErrors",
    "ClerkErrorsMeta",
    "CreateInvitationRequest",
    "CreateInvitationRequestPublicMetadata",
    "Invitation",
    "InvitationObject",
    "InvitationPublicMetadata",
    "InvitationStatus",
    "PaginatedInvitations",
    "TemplateSlug",
)
