"""A scratch copy of the repository in a temporary folder, for tests that edit the spec, the version or the
changelog and run the real make targets on the result. The venv and node_modules are linked, not copied."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from packaging.version import Version

from tools import ROOT
from tools.upstream_spec import operations

COPIED = [
    "Makefile",
    "openapi.yaml",
    "generator-config.yml",
    "CHANGELOG.md",
    "templates",
    "generated",
    "api",
    "upstream",
    "tools",
]
# Linked, not copied: the repository's own venv and node_modules.
LINKED = [".venv", "node_modules"]

SpecChange = Callable[[dict[str, Any]], None]
"""A change to a parsed openapi.yaml, made in place: tests change the spec as data, never by matching its text."""


def write_changed_spec(source: Path, change: SpecChange, target: Path) -> Path:
    """`source` parsed, changed by `change` and written to `target`."""
    spec = yaml.safe_load(source.read_text())
    change(spec)
    target.write_text(yaml.safe_dump(spec, sort_keys=False, allow_unicode=True, width=120))
    return target


def operation(spec: dict[str, Any], operation_id: str) -> dict[str, Any]:
    """The operation object of `operation_id` in a parsed spec."""
    _, _, found, _ = operations(spec)[operation_id]
    return found


def query_parameter(spec: dict[str, Any], operation_id: str, name: str) -> dict[str, Any]:
    """An operation's query parameter declared in place (not a shared component, which other operations use)."""
    (found,) = [p for p in operation(spec, operation_id)["parameters"] if p.get("name") == name and p["in"] == "query"]
    parameter: dict[str, Any] = found
    return parameter


def drop_invitation_url(spec: dict[str, Any]) -> None:
    del spec["components"]["schemas"]["Invitation"]["properties"]["url"]


def require_list_invitations_query(spec: dict[str, Any]) -> None:
    query_parameter(spec, "ListInvitations", "query")["required"] = True


@dataclass(frozen=True)
class Scratch:
    root: Path

    def edit(self, name: str, old: str, new: str) -> None:
        path = self.root / name
        text = path.read_text()
        assert old in text, f"{old!r} is not in {name}"
        path.write_text(text.replace(old, new, 1))

    def edit_spec(self, change: SpecChange) -> None:
        write_changed_spec(self.root / "openapi.yaml", change, self.root / "openapi.yaml")

    def make(self, *targets: str) -> subprocess.CompletedProcess[str]:
        """Run make in the copy; stdout and stderr together, as a maintainer would read them.

        `-o setup`: the linked venv and node_modules are the repository's, never to be reinstalled from here.
        """
        return subprocess.run(
            ["make", "--no-print-directory", "-s", "-o", "setup", *targets],
            cwd=self.root,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
            check=False,
        )

    @property
    def version(self) -> Version:
        text = (self.root / "generator-config.yml").read_text()
        return Version(text.split("package_version_override:", 1)[1].split()[0])

    def bump_patch(self, *, changelog: bool) -> Version:
        """Raise the patch version, with a changelog entry for it or without."""
        old = self.version
        new = Version(f"{old.major}.{old.minor}.{old.micro + 1}")
        self.edit("generator-config.yml", f"package_version_override: {old}", f"package_version_override: {new}")
        if changelog:
            self.edit("CHANGELOG.md", "## [Unreleased]\n", f"## [Unreleased]\n\n## [{new}] - scratch\n\n- Scratch.\n")
        return new


def scratch_copy(folder: Path) -> Scratch:
    """The repository's inputs, outputs and tools copied into `folder`."""
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, folder / name)
    for name in LINKED:
        (folder / name).symlink_to(ROOT / name)
    return Scratch(folder)
