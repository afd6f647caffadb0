from ..types import OpenStrEnum


class WaitlistEntryStatus(OpenStrEnum):
    COMPLETED = "completed"
    INVITED = "invited"
    PENDING = "pending"
    REJECTED = "rejected"
