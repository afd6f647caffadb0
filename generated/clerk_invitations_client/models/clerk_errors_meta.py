from __future__ import annotations

from typing import Any, TypeAlias

ClerkErrorsMeta: TypeAlias = dict[str, Any]
"""Details about the whole response.

A free-form JSON object: a plain dict of JSON values."""
