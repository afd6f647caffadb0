from __future__ import annotations

from ..types import FreeFormObject


class CreateInvitationRequestPublicMetadata(FreeFormObject):
    """Metadata copied into the user's public metadata when they accept. Readable from the Frontend API, writable only
        from the Backend API.

    A free-form JSON object: a dict, with the methods of the other models."""

    __slots__ = ()
