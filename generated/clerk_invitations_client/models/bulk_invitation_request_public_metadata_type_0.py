from __future__ import annotations

from ..types import FreeFormObject


class BulkInvitationRequestPublicMetadataType0(FreeFormObject):
    """Metadata copied into the user's public metadata when they accept.

    A free-form JSON object: a dict, with the methods of the other models."""

    __slots__ = ()
