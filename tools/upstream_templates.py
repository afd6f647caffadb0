"""Pins of the openapi-python-client templates that templates/ overrides or imports from, to re-merge after upgrades.

upstream/openapi-python-client-templates.sha256 holds the sha256 of each such upstream template, as the pinned
generator ships it. `python -m tools.upstream_templates check` (a test runs it) names each one that changed and the
override to re-merge; `diff` (`make template-diff`) shows each override against the upstream template it replaces;
`pin` (`make template-pins`) rewrites the pins once the overrides are re-merged. Files of templates/ that aren't
Jinja templates, or that have no upstream counterpart, are not overrides; their imports still count.
"""

from __future__ import annotations

import difflib
import hashlib
import importlib.metadata
import sys
from collections import defaultdict
from pathlib import Path

import jinja2
import openapi_python_client
from jinja2 import nodes

from tools import ROOT
from tools.generate import RUNTIME

TEMPLATES = ROOT / "templates"
PINS = ROOT / "upstream" / "openapi-python-client-templates.sha256"
UPSTREAM = Path(openapi_python_client.__file__).parent / "templates"
GENERATOR = f"openapi-python-client {importlib.metadata.version('openapi-python-client')}"
# The generator's own Jinja settings (openapi_python_client.Project), so that our templates parse as they run.
ENVIRONMENT = jinja2.Environment(trim_blocks=True, lstrip_blocks=True, extensions=["jinja2.ext.loopcontrols"])


def _upstream_names(upstream: Path) -> list[str]:
    return sorted(path.relative_to(upstream).as_posix() for path in upstream.rglob("*.jinja"))


def _loaded(template: Path, names: list[str]) -> set[str]:
    """Which of `names` the template imports, includes or extends. A name built at run time ("folder/" + x)
    counts as every one of `names` that starts with its constant prefix."""
    loaded = set()
    statements = (nodes.Import, nodes.FromImport, nodes.Include, nodes.Extends)
    for node in ENVIRONMENT.parse(template.read_text()).find_all(statements):
        assert isinstance(node, statements)
        name = node.template
        while isinstance(name, (nodes.Add, nodes.Concat)):
            name = name.left if isinstance(name, nodes.Add) else name.nodes[0]
        if not isinstance(name, nodes.Const):
            raise ValueError(f"{template}:{node.lineno}: can't tell which template this loads")
        if name is node.template:
            loaded |= {name.value} & set(names)
        else:
            loaded |= {candidate for candidate in names if candidate.startswith(name.value)}
    return loaded


def users(templates: Path = TEMPLATES, upstream: Path = UPSTREAM) -> dict[str, list[str]]:
    """{upstream template: how our templates use it}, for every upstream template we override or import from.

    Our templates are the .jinja files of templates/, the runtime modules (templates/runtime/, which
    tools/generate.py renders) and the files of ours they include, at any depth; a name that is ours is never
    upstream's, since ours comes first.
    """
    upstream_names = _upstream_names(upstream)
    our_names = sorted(path.relative_to(templates).as_posix() for path in templates.rglob("*") if path.is_file())
    pending = [name for name in our_names if name.endswith(".jinja") or name.startswith(f"{RUNTIME}/")]
    seen = set(pending)
    used: dict[str, list[str]] = defaultdict(list)
    for name in pending:
        if name in upstream_names:
            used[name].append(f"templates/{name} (overrides it)")
    while pending:
        name = pending.pop(0)
        for loaded in sorted(_loaded(templates / name, sorted({*upstream_names, *our_names}))):
            if loaded in our_names:
                if loaded not in seen:
                    seen.add(loaded)
                    pending.append(loaded)
            else:
                used[loaded].append(f"templates/{name} (imports it)")
    return dict(used)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_pins(pins: Path = PINS) -> dict[str, str]:
    """{upstream template: sha256} from the pins file (sha256sum's format; `#` starts a comment)."""
    lines = [line for line in pins.read_text().splitlines() if line and not line.startswith("#")]
    return {name: digest for digest, name in (line.split(maxsplit=1) for line in lines)}


def write_pins(templates: Path = TEMPLATES, upstream: Path = UPSTREAM, pins: Path = PINS) -> None:
    header = (
        f"# sha256 of the {GENERATOR} templates that templates/ overrides or imports from.\n"
        "# Written by `make template-pins` once the overrides are re-merged; a test fails when one differs.\n"
    )
    pins.write_text(
        header + "".join(f"{_sha256(upstream / name)}  {name}\n" for name in sorted(users(templates, upstream)))
    )


def check(templates: Path = TEMPLATES, upstream: Path = UPSTREAM, pins: Path = PINS) -> list[str]:
    """What changed upstream, or in what we use of it, since the pins were written."""
    used, pinned = users(templates, upstream), read_pins(pins)
    problems = []
    for name in sorted(used.keys() | pinned.keys()):
        by = ", ".join(used.get(name, []))
        if name not in pinned:
            problems.append(f"upstream {name} is used by {by} but not pinned: run `make template-pins`.")
        elif name not in used:
            problems.append(f"upstream {name} is pinned, but templates/ no longer uses it: run `make template-pins`.")
        elif not (upstream / name).is_file():
            problems.append(f"upstream {name} is gone from {GENERATOR}: rework {by}.")
        elif _sha256(upstream / name) != pinned[name]:
            problems.append(f"upstream {name} changed in {GENERATOR}: re-merge {by}, then run `make template-pins`.")
    return problems


def diff(templates: Path = TEMPLATES, upstream: Path = UPSTREAM) -> str:
    """Each override as a unified diff against the upstream template it replaces."""
    overrides = sorted(name for name in _upstream_names(upstream) if (templates / name).is_file())
    return "".join(
        "".join(
            difflib.unified_diff(
                (upstream / name).read_text().splitlines(keepends=True),
                (templates / name).read_text().splitlines(keepends=True),
                f"upstream/{name} ({GENERATOR})",
                f"templates/{name}",
            )
        )
        for name in overrides
    )


def main(argv: list[str]) -> int:
    if argv == ["diff"]:
        print(diff(), end="")
        return 0
    if argv == ["pin"]:
        write_pins()
        print(f"Pinned {len(read_pins())} upstream templates of {GENERATOR} in {PINS.relative_to(ROOT)}")
        return 0
    if argv == ["check"]:
        problems = check()
        print("\n".join(problems) or f"The upstream templates templates/ uses are the pinned ones ({GENERATOR}).")
        return 1 if problems else 0
    print("usage: python -m tools.upstream_templates check|diff|pin", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
