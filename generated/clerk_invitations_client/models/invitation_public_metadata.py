from __future__ import annotations

from ..types import FreeFormObject


class InvitationPublicMetadata(FreeFormObject):
    """Metadata copied into the user's public metadata when they accept the invitation.

    A free-form JSON object: a dict, with the methods of the other models."""

    __slots__ = ()
