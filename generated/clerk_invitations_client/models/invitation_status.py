from ..types import OpenStrEnum


class InvitationStatus(OpenStrEnum):
    ACCEPTED = "accepted"
    EXPIRED = "expired"
    PENDING = "pending"
    REVOKED = "revoked"
