from enum import StrEnum


class TemplateSlug(StrEnum):
    INVITATION = "invitation"
    WAITLIST_INVITATION = "waitlist_invitation"

    def __str__(self) -> str:
        return str(self.value)
