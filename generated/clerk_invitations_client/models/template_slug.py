from enum import StrEnum
from typing import Self


class TemplateSlug(StrEnum):
    INVITATION = "invitation"
    WAITLIST_INVITATION = "waitlist_invitation"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _missing_(cls, value: object) -> Self | None:
        """A value this version of the spec doesn't list: keep it, as a member not in the enum's list."""
        if not isinstance(value, str):
            return None
        unknown = str.__new__(cls, value)
        unknown._name_ = "UNKNOWN"
        unknown._value_ = value
        return unknown

    @property
    def is_known(self) -> bool:
        """Whether this value is one the spec lists."""
        return self._value_ in type(self)._value2member_map_
