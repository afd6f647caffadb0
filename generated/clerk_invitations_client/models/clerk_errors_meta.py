from __future__ import annotations

from ..types import FreeFormObject


class ClerkErrorsMeta(FreeFormObject):
    """Details about the whole response.

    A free-form JSON object: a dict, with the methods of the other models."""

    __slots__ = ()
