from __future__ import annotations

from typing import Any, TypeAlias

CreateInvitationRequestPublicMetadata: TypeAlias = dict[str, Any]
"""Metadata copied into the user's public metadata when they accept. Readable from the Frontend API, writable only
from the Backend API.

A free-form JSON object: a plain dict of JSON values."""
