from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

T = TypeVar("T", bound="ClerkErrorMeta")


class ClerkErrorMeta(dict[str, Any]):
    """Details of the error, such as `param_name` for a bad parameter.

    A free-form JSON object: a dict, with the methods of the other models."""

    __slots__ = ()

    @property
    def additional_properties(self) -> dict[str, Any]:
        """The object's keys and values: the object itself."""
        return self

    @property
    def additional_keys(self) -> list[str]:
        return list(self)

    def to_dict(self) -> dict[str, Any]:
        return dict(self)

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        return cls(src_dict)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({dict.__repr__(self)})"
