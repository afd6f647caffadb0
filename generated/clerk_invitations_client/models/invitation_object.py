from enum import StrEnum


class InvitationObject(StrEnum):
    INVITATION = "invitation"

    def __str__(self) -> str:
        return str(self.value)
