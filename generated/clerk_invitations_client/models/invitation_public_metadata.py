from __future__ import annotations

from typing import Any, TypeAlias

InvitationPublicMetadata: TypeAlias = dict[str, Any]
"""Metadata copied into the user's public metadata when they accept the invitation.

A free-form JSON object: a plain dict of JSON values."""
