"""The two distributions as this venv has them: installed editable, from the repository's folders, and what
the client requires.

`make dist-check` goes further: it builds both, installs the wheels into a clean venv and runs examples/ there.
"""

from __future__ import annotations

import ast
import importlib
import json
import sys
import tomllib
from importlib.metadata import distribution, requires, version
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from tests.support.paths import ROOT


@pytest.mark.parametrize(
    ("name", "package", "folder"),
    [
        ("clerk-invitations-client", "clerk_invitations_client", "generated"),
        ("clerk-invitations-fake", "clerk_invitations_fake", "fake"),
    ],
)
def test_each_distribution_is_installed_editable_from_its_folder(name: str, package: str, folder: str) -> None:
    """What the tests import is the repository's code, not a stale copy in site-packages."""
    direct_url = json.loads(distribution(name).read_text("direct_url.json") or "{}")
    assert direct_url.get("dir_info", {}).get("editable"), f"{name} is not an editable install: run `make setup`"
    module_file = importlib.import_module(package).__file__
    assert module_file is not None
    assert Path(module_file).resolve().is_relative_to(ROOT / folder)


@pytest.mark.parametrize(
    ("name", "package", "folder"),
    [
        ("clerk-invitations-client", "clerk_invitations_client", "generated"),
        ("clerk-invitations-fake", "clerk_invitations_fake", "fake"),
    ],
)
def test_each_package_has_its_distributions_version(name: str, package: str, folder: str) -> None:
    """`__version__` is the installed distribution's version, which is its pyproject.toml's (the client's comes
    from generator-config.yml's package_version_override)."""
    project = tomllib.loads((ROOT / folder / "pyproject.toml").read_text())["project"]

    assert importlib.import_module(package).__version__ == version(name) == project["version"]


def test_the_client_requires_httpx_attrs_and_sniffio_and_msgspec_or_orjson_only_with_their_extras() -> None:
    """sniffio is there for speed: httpcore imports it on every async request, and a failed import is never
    remembered (tests/client/test_lazy_setup.py); anyio no longer brings it."""
    requirements = [Requirement(line) for line in requires("clerk-invitations-client") or []]

    always = {requirement.name for requirement in requirements if requirement.marker is None}
    assert always == {"httpx", "attrs", "sniffio"}
    with_extra = {str(requirement.marker): requirement.name for requirement in requirements if requirement.marker}
    assert with_extra == {'extra == "msgspec"': "msgspec", 'extra == "orjson"': "orjson"}


def test_the_fake_requires_what_it_imports() -> None:
    """`pip check` sees only what a distribution declares: the third-party modules the fake's package imports
    are its requirements (pytest aside: only pytest loads the plugin that imports it)."""
    package = ROOT / "fake" / "clerk_invitations_fake"
    imported = set()
    for node in (node for path in package.glob("*.py") for node in ast.walk(ast.parse(path.read_text()))):
        if isinstance(node, ast.Import):
            imported |= {alias.name.partition(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            imported.add(node.module.partition(".")[0])
    third_party = imported - set(sys.stdlib_module_names) - {"__future__", "clerk_invitations_fake", "pytest"}

    assert third_party == {Requirement(line).name for line in requires("clerk-invitations-fake") or []}
