from ..types import OpenStrEnum


class OrganizationInvitationObject(OpenStrEnum):
    ORGANIZATION_INVITATION = "organization_invitation"
