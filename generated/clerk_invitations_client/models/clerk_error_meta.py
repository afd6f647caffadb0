from __future__ import annotations

from ..types import FreeFormObject


class ClerkErrorMeta(FreeFormObject):
    """Details of the error, such as `param_name` for a bad parameter.

    A free-form JSON object: a dict, with the methods of the other models."""

    __slots__ = ()
