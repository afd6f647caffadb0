"""Fixtures for every test under tests/: the spec, and `call` (from tests/support/calls.py)."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from tests.support.paths import SPEC

pytest_plugins = ["tests.support.calls"]


@pytest.fixture(scope="session")
def spec() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(SPEC.read_text())
    return loaded
