"""The package's hand-written modules: generated/ holds each one as written in templates/runtime/, filled in."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from tests.support.paths import ROOT
from tools.generate import runtime_modules

SOURCES = ROOT / "templates" / "runtime" / "clerk_invitations_client"
GENERATED = ROOT / "generated" / "clerk_invitations_client"
FILLED_IN = re.compile(r"\{\{.*?\}\}")


def _as_pattern(source_line: str) -> re.Pattern[str]:
    """A source line as a pattern of its generated line: each `{{ ... }}` is filled in with some text."""
    parts = FILLED_IN.split(source_line)
    return re.compile(".+?".join(re.escape(part) for part in parts) + r"\Z")


@pytest.mark.parametrize("source", sorted(SOURCES.glob("*.py")), ids=lambda path: path.name)
def test_generated_module_is_its_source_filled_in(source: Path) -> None:
    source_lines = source.read_text().splitlines()
    generated_lines = (GENERATED / source.name).read_text().splitlines()
    assert len(generated_lines) == len(source_lines), f"{source.name}: the generator changed more than `{{{{ }}}}`"
    for number, (written, generated) in enumerate(zip(source_lines, generated_lines, strict=True), start=1):
        if FILLED_IN.search(written):
            assert _as_pattern(written).match(generated), f"{source.name}:{number}: {generated!r}"
            assert "{{" not in generated, f"{source.name}:{number} was not filled in"
        else:
            assert generated == written, f"{source.name}:{number}: the post-hooks rewrote {written!r}"


def test_runtime_modules_are_written_by_the_project_not_by_template_shims() -> None:
    assert runtime_modules(SOURCES) == sorted(SOURCES.glob("*.py"))
    shims = [path.name for path in (ROOT / "templates").glob("*.jinja") if "runtime/" in path.read_text()]
    assert shims == [], "a .jinja file includes a runtime module: tools/generate.py writes them all"


def test_mypy_skips_exactly_the_generated_copies_of_the_runtime_modules() -> None:
    exclude = re.compile(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["mypy"]["exclude"][0])
    generated = sorted(path.relative_to(ROOT).as_posix() for path in GENERATED.rglob("*.py"))
    skipped = [path for path in generated if exclude.search(path)]
    assert skipped == [f"generated/clerk_invitations_client/{source.name}" for source in runtime_modules(SOURCES)]
