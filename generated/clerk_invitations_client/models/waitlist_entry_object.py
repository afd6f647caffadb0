from ..types import OpenStrEnum


class WaitlistEntryObject(OpenStrEnum):
    WAITLIST_ENTRY = "waitlist_entry"
