from __future__ import annotations

from typing import Any, TypeAlias

ClerkErrorMeta: TypeAlias = dict[str, Any]
"""Details of the error, such as `param_name` for a bad parameter.

A free-form JSON object: a plain dict of JSON values."""
