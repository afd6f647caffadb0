from ..types import OpenStrEnum


class TemplateSlug(OpenStrEnum):
    INVITATION = "invitation"
    WAITLIST_INVITATION = "waitlist_invitation"
