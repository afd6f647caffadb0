from ..types import OpenStrEnum


class InvitationObject(OpenStrEnum):
    INVITATION = "invitation"
