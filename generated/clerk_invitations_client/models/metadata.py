from __future__ import annotations

from typing import Any, TypeAlias

Metadata: TypeAlias = dict[str, Any]
"""A JSON object of metadata, with any keys.

A free-form JSON object: a plain dict of JSON values."""
