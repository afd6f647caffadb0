from __future__ import annotations

from typing import Any, TypeAlias

BulkInvitationRequestPublicMetadataType0: TypeAlias = dict[str, Any]
"""Metadata copied into the user's public metadata when they accept.

A free-form JSON object: a plain dict of JSON values."""
