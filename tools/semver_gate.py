"""The semver gate: the public API of generated/ against the last released one, the version, and the changelog.

`python -m tools.semver_gate` (`make api-check`; a test runs it in `make test`) fails when
- the public API changed but `package_version_override` is still the released version;
- a change breaks callers and the version is not a major bump (a minor one while the version is 0.x);
- the version is below the released one;
- CHANGELOG.md has no `## [<version>]` entry.
Breaking changes are griffe's (`find_breaking_changes`), plus every changed type annotation, which griffe
doesn't judge yet: narrowing and widening look alike to it, so any change counts as breaking.
`python -m tools.semver_gate --record` (`make api-release`) records the current API as released, in
api/released.json, with its version: run it when the version is released.
"""

from __future__ import annotations

import difflib
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import griffe
import yaml
from packaging.version import Version

from tools import ROOT
from tools.api_report import load_api, public_object, render

ANSI_CODE = re.compile(r"\x1b\[[0-9;]*m")


def package_version(root: Path) -> Version:
    return Version(yaml.safe_load((root / "generator-config.yml").read_text())["package_version_override"])


def load_released(root: Path) -> tuple[Version, griffe.Module]:
    """The released version and its API, from api/released.json."""
    released = json.loads((root / "api" / "released.json").read_text(), object_hook=griffe.json_decoder)
    api = released["api"]
    griffe.ModulesCollection()[api.path] = api  # gives its aliases a collection to resolve in
    return Version(released["version"]), api


def record(root: Path) -> Version:
    """Write the current API and version to api/released.json."""
    version = package_version(root)
    dump: dict[str, Any] = json.loads(load_api(root / "generated").as_json(full=False))
    _relative_filepaths(dump, root)
    text = json.dumps({"version": str(version), "api": dump}, indent=1, ensure_ascii=False)
    (root / "api" / "released.json").write_text(text + "\n")
    return version


def _relative_filepaths(node: Any, base: Path) -> None:
    """Module file paths relative to the repository, as griffe shows those of generated/ when run from there."""
    if isinstance(node, dict):
        if isinstance(node.get("filepath"), str):
            node["filepath"] = Path(node["filepath"]).relative_to(base.resolve()).as_posix()
        for value in node.values():
            _relative_filepaths(value, base)
    elif isinstance(node, list):
        for value in node:
            _relative_filepaths(value, base)


def breaking_changes(old: griffe.Module, new: griffe.Module) -> list[str]:
    """griffe's explanation of each breaking change, then each changed annotation."""
    found = [ANSI_CODE.sub("", breakage.explain()) for breakage in griffe.find_breaking_changes(old, new)]
    return found + list(_changed_annotations(old, new))


def _changed_annotations(old: griffe.Object, new: griffe.Object) -> Iterator[str]:
    for name, old_public in old.members.items():
        new_public = new.members.get(name)
        old_member = public_object(old_public)
        new_member = None if new_public is None else public_object(new_public)
        if not old_public.is_public or old_member.is_alias or new_member is None or new_member.is_alias:
            continue
        if isinstance(old_member, (griffe.Module, griffe.Class)) and type(new_member) is type(old_member):
            yield from _changed_annotations(old_member, new_member)
        elif isinstance(old_member, griffe.Function) and isinstance(new_member, griffe.Function):
            new_parameters = {parameter.name: parameter for parameter in new_member.parameters}
            for parameter in old_member.parameters:
                new_parameter = new_parameters.get(parameter.name)
                if new_parameter is not None and str(parameter.annotation) != str(new_parameter.annotation):
                    yield _type_change(
                        f"{old_member.path}({parameter.name})", parameter.annotation, new_parameter.annotation
                    )
            if old_member.returns is not None and str(old_member.returns) != str(new_member.returns):
                yield _type_change(f"{old_member.path} return", old_member.returns, new_member.returns)
        elif (
            isinstance(old_member, griffe.Attribute)
            and isinstance(new_member, griffe.Attribute)
            and str(old_member.annotation) != str(new_member.annotation)
        ):
            yield _type_change(old_member.path, old_member.annotation, new_member.annotation)


def _type_change(where: str, old: object, new: object) -> str:
    return f"{where}: Type annotation was changed: {old} -> {new}"


def allows_breaking(released: Version, current: Version) -> bool:
    """Whether `current` is a major bump of `released`, or a minor one while the major version is 0."""
    if released.major == 0:
        return current.major > 0 or current.minor > released.minor
    return current.major > released.major


def changelog_versions(root: Path) -> set[str]:
    return set(re.findall(r"^## \[([^\]]+)\]", (root / "CHANGELOG.md").read_text(), flags=re.MULTILINE))


def failures(root: Path) -> list[str]:
    """Why the gate fails for the repository (or scratch copy) at `root`; empty if it passes."""
    current = package_version(root)
    released_version, released_api = load_released(root)
    current_api = load_api(root / "generated")
    problems = []
    if current < released_version:
        problems.append(f"package_version_override {current} is below the released version {released_version}.")
    old_report, new_report = render(released_api), render(current_api)
    if old_report != new_report and current == released_version:
        diff = difflib.unified_diff(
            old_report.splitlines(), new_report.splitlines(), str(released_version), "now", lineterm=""
        )
        problems.append(
            f"The public API changed since {released_version} without a version bump: raise "
            f"package_version_override in generator-config.yml. What changed:\n" + "\n".join(diff)
        )
    breaks = breaking_changes(released_api, current_api)
    if breaks and not allows_breaking(released_version, current):
        problems.append(
            f"{len(breaks)} breaking change(s) since {released_version} need a major version bump (a minor one while "
            f"0.x), not {current}:\n" + "\n".join(f"  {explanation}" for explanation in breaks)
        )
    if str(current) not in changelog_versions(root):
        problems.append(f"CHANGELOG.md has no entry for {current}: add a `## [{current}]` section for it.")
    return problems


def main(argv: list[str]) -> int:
    if argv == ["--record"]:
        print(f"Recorded the public API of {record(ROOT)} as released, in api/released.json")
        return 0
    if argv:
        print("usage: python -m tools.semver_gate [--record]", file=sys.stderr)
        return 2
    problems = failures(ROOT)
    for problem in problems:
        print(problem, end="\n\n")
    if problems:
        return 1
    released, _ = load_released(ROOT)
    print(f"Semver gate passed: version {package_version(ROOT)}, released {released}, CHANGELOG.md has its entry.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
