"""Cut Clerk's published Backend API spec down to the operations openapi.yaml has, with every component they use.

`python -m tools.upstream_spec SRC` (`make upstream-spec SRC=.../bapi/YYYY-MM-DD.yml`) writes
upstream/clerk-bapi-invitations.yml, headed by where it came from, copies the whole spec as it is to
upstream/clerk-bapi-full.yml under the same heading, and copies Clerk's LICENSE beside them.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from tools import ROOT

OUR_SPEC = ROOT / "openapi.yaml"
UPSTREAM_DIR = ROOT / "upstream"
UPSTREAM_SPEC = UPSTREAM_DIR / "clerk-bapi-invitations.yml"
FULL_SPEC = UPSTREAM_DIR / "clerk-bapi-full.yml"
"""Clerk's whole spec, which `make check-clerk-spec` generates through our templates (tests/clerk_spec/)."""
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
COMPONENTS_PREFIX = "#/components/"


def operations(spec: dict[str, Any]) -> dict[str, tuple[str, str, dict[str, Any], dict[str, Any]]]:
    """{operationId: (METHOD, path, operation, path item)}."""
    return {
        operation["operationId"]: (method.upper(), path, operation, item)
        for path, item in spec["paths"].items()
        for method, operation in item.items()
        if method in HTTP_METHODS
    }


def operation_ids(spec: dict[str, Any]) -> set[str]:
    return set(operations(spec))


def invitation_operation_ids(spec: dict[str, Any]) -> set[str]:
    """The operations of a spec about invitations: an invitation or an invite in their path or operationId.

    Clerk's are what this client means to cover; one it leaves out (a deprecated one) shows in
    `make upstream-diff` until differences.yml says why.
    """
    return {
        operation_id
        for operation_id, (_, path, _, _) in operations(spec).items()
        if "invit" in f"{path} {operation_id}".lower()
    }


def compared_operation_ids(clerk: dict[str, Any], ours: dict[str, Any]) -> set[str]:
    """The operations upstream/ vendors and upstream-diff compares: ours, and every invitation operation of Clerk's."""
    return operation_ids(ours) | invitation_operation_ids(clerk)


def _references(node: Any) -> Iterator[tuple[str, str]]:
    """(kind, name) of every `#/components/<kind>/<name>` reference in `node`."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith(COMPONENTS_PREFIX):
            kind, name = ref.removeprefix(COMPONENTS_PREFIX).split("/", 1)
            yield kind, name.replace("~1", "/").replace("~0", "~")  # RFC 6901
        for value in node.values():
            yield from _references(value)
    elif isinstance(node, list):
        for value in node:
            yield from _references(value)


def extract(clerk: dict[str, Any], wanted: set[str]) -> dict[str, Any]:
    """The part of `clerk` that documents the operations named `wanted`, self-contained."""
    paths: dict[str, Any] = {}
    for path, item in clerk["paths"].items():
        shared = {key: value for key, value in item.items() if key not in HTTP_METHODS}  # path-level parameters
        operations = {
            method: operation
            for method, operation in item.items()
            if method in HTTP_METHODS and operation.get("operationId") in wanted
        }
        if operations:
            paths[path] = {**shared, **operations}

    used: set[tuple[str, str]] = set()
    pending = list(_references(paths))
    while pending:
        reference = pending.pop()
        if reference not in used:
            used.add(reference)
            kind, name = reference
            pending.extend(_references(clerk["components"][kind][name]))

    kept = [operation for item in paths.values() for key, operation in item.items() if key in HTTP_METHODS]
    security = clerk.get("security", [])
    schemes = {
        name for operation in kept for requirement in operation.get("security", security) for name in requirement
    }
    components: dict[str, Any] = {}
    for kind, members in clerk["components"].items():
        names = schemes if kind == "securitySchemes" else {name for used_kind, name in used if used_kind == kind}
        if names:
            components[kind] = {name: value for name, value in members.items() if name in names}
    tags = {tag for operation in kept for tag in operation.get("tags", [])}
    return {
        "openapi": clerk["openapi"],
        "info": clerk["info"],
        "servers": clerk["servers"],
        "security": security,
        "tags": [tag for tag in clerk.get("tags", []) if tag["name"] in tags],
        "paths": paths,
        "components": components,
    }


class _BlockStyleDumper(yaml.SafeDumper):
    """Writes multi-line strings (Clerk's descriptions) as literal blocks, as Clerk's file does."""


def _represent_str(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_BlockStyleDumper.add_representer(str, _represent_str)


def dump(spec: dict[str, Any]) -> str:
    return yaml.dump(spec, Dumper=_BlockStyleDumper, sort_keys=False, allow_unicode=True, width=120)


def find_license(source: Path) -> Path:
    """The LICENSE beside the spec or in a folder above it (Clerk's repository has it at the top)."""
    for folder in [source.parent, *source.parent.parents][:3]:
        if (folder / "LICENSE").is_file():
            return folder / "LICENSE"
    raise SystemExit(f"No LICENSE beside {source} or in the two folders above it: Clerk's licence must come along.")


def write(source: Path, our_spec: Path = OUR_SPEC, out_dir: Path = UPSTREAM_DIR) -> Path:
    clerk = yaml.safe_load(source.read_text())
    wanted = compared_operation_ids(clerk, yaml.safe_load(our_spec.read_text()))
    licence = find_license(source)
    copyright_line = licence.read_text().splitlines()[0]
    provenance = (
        f"# Source: {source.parent.name}/{source.name} of Clerk's repository clerk/openapi-specs "
        f"(info.version {clerk['info']['version']}).\n"
        f"# {copyright_line}; MIT licence, in LICENSE beside this file.\n"
        "# Written by tools/upstream_spec.py (`make upstream-spec SRC=...`): don't edit it by hand.\n"
    )
    header = (
        "# Clerk's Backend API spec, cut down to its invitation operations and those openapi.yaml has, with every\n"
        "# component they use:\n"
        f"# {', '.join(sorted(wanted))}.\n"
    )
    out_dir.mkdir(exist_ok=True)
    out = out_dir / UPSTREAM_SPEC.name
    out.write_text(header + provenance + dump(extract(clerk, wanted)))
    whole = "# Clerk's Backend API spec, whole: below this header, the file as Clerk publishes it.\n"
    (out_dir / FULL_SPEC.name).write_text(whole + provenance + source.read_text())
    shutil.copyfile(licence, out_dir / "LICENSE")
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m tools.upstream_spec CLERK_SPEC (a bapi/YYYY-MM-DD.yml of clerk/openapi-specs)")
        return 2
    print(f"wrote {write(Path(argv[0])).relative_to(ROOT)}, {FULL_SPEC.relative_to(ROOT)} and upstream/LICENSE")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
