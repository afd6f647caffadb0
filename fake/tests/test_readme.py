"""The Python examples of fake/README.md run as written.

Each example is executed on its own; the `test_*` functions it defines are then called with a fresh
FakeClerk for their `clerk_fake` (coroutines under asyncio), as pytest with the fake's plugin would.
"""

from __future__ import annotations

import asyncio
import inspect
import re
from pathlib import Path
from typing import Any

import pytest
from clerk_invitations_fake import FakeClerk

README = Path(__file__).resolve().parents[1] / "README.md"
EXAMPLES = re.findall(r"^```python\n(.*?)^```$", README.read_text(), flags=re.DOTALL | re.MULTILINE)


def test_the_readme_has_its_examples() -> None:
    assert len(EXAMPLES) == 7


@pytest.mark.parametrize("example", EXAMPLES, ids=[f"example-{n}" for n in range(1, len(EXAMPLES) + 1)])
def test_a_readme_example_runs(example: str) -> None:
    namespace: dict[str, Any] = {"__name__": "readme_example"}
    exec(compile(example, str(README), "exec"), namespace)

    tests = [value for name, value in namespace.items() if name.startswith("test_")]
    assert len(tests) == example.count("def test_")
    for test in tests:
        assert list(inspect.signature(test).parameters) == ["clerk_fake"], test.__name__
        outcome = test(FakeClerk())
        if inspect.iscoroutine(outcome):
            asyncio.run(outcome)
