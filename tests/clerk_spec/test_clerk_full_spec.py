"""Clerk's whole Backend API spec (upstream/clerk-bapi-full.yml, 249 operations) through our templates.

Our templates are tried on our four-operation spec every day; Clerk's whole spec is what they meet next. Each
test shares one generation into a scratch folder: every operation gets its module, the package is `mypy --strict`
clean and every module imports. `make check-clerk-spec` runs these (a minute or so: `make check` includes it,
`make test` leaves it out, by the `clerk_spec` marker).
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from openapi_python_client.strings import PythonIdentifier

from tests.support.generation import generate, mypy_strict
from tools.upstream_spec import FULL_SPEC, operations

pytestmark = [pytest.mark.clerk_spec, pytest.mark.timeout(600)]

PACKAGE = "clerk_full"
CONFIG = {
    "project_name_override": "clerk-full",
    "package_name_override": PACKAGE,
    # Clerk's spec has a `Client` schema: its model would shadow the `Client` every endpoint module imports from
    # client.py. The generator's own remedy, as a service generating that spec would use it.
    "class_overrides": {"Client": {"class_name": "ClientModel", "module_name": "client_model"}},
}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("clerk-full")
    result = generate(yaml.safe_load(FULL_SPEC.read_text()), folder, config=CONFIG)
    assert result.returncode == 0, result.stdout + result.stderr
    yield folder / "generated"


def test_every_operation_gets_its_module(generated: Path) -> None:
    spec = yaml.safe_load(FULL_SPEC.read_text())
    modules = {path.stem for path in (generated / PACKAGE / "api").glob("*/*.py") if path.stem != "__init__"}
    wanted = {PythonIdentifier(operation_id, prefix="") for operation_id in operations(spec)}

    assert len(wanted) == 249
    assert wanted - modules == set()


def test_the_package_is_mypy_strict_clean(generated: Path) -> None:
    ran = mypy_strict(generated, PACKAGE)

    assert ran.returncode == 0, ran.stdout


def test_every_module_imports(generated: Path) -> None:
    code = (
        "import importlib, pkgutil\n"
        f"import {PACKAGE} as package\n"
        "names = [m.name for m in pkgutil.walk_packages(package.__path__, package.__name__ + '.')]\n"
        "for name in names:\n"
        "    importlib.import_module(name)\n"
        "print(len(names))\n"
    )
    ran = subprocess.run(
        [sys.executable, "-c", code], cwd=generated, capture_output=True, text=True, check=False, timeout=300
    )

    assert ran.returncode == 0, ran.stderr
    assert int(ran.stdout) > 249
