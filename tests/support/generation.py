"""`make generate`'s command on a scratch spec, for tests that prove something is generated from the spec."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml
from openapi_python_client.config import Config, ConfigFile, MetaType
from openapi_python_client.parser import GeneratorData
from openapi_python_client.parser.openapi import Endpoint

from tests.support.paths import ROOT
from tools.template_helpers import processed_models


def generate(
    spec: dict[str, Any], folder: Path, *, config: dict[str, Any] | None = None
) -> subprocess.CompletedProcess[str]:
    """Generate a client from `spec` into `folder`/generated with our templates, as `make generate` does.

    `config` overrides keys of generator-config.yml (e.g. the package's name). The result is returned,
    not checked: a test may expect the generation to fail.
    """
    spec_path, config_path = folder / "openapi.yaml", folder / "generator-config.yml"
    spec_path.write_text(yaml.safe_dump(spec, sort_keys=False))
    config_path.write_text(
        yaml.safe_dump({**yaml.safe_load((ROOT / "generator-config.yml").read_text()), **(config or {})})
    )
    command = [sys.executable, "-m", "tools.generate", "generate", "--path", str(spec_path)]
    command += ["--config", str(config_path), "--custom-template-path", str(ROOT / "templates"), "--meta", "pdm"]
    command += ["--fail-on-warning", "--output-path", str(folder / "generated")]
    # The post-hooks run the venv's ruff.
    env = {**os.environ, "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ["PATH"]])}
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=env, check=False, timeout=120)


@contextmanager
def imported_scratch(spec: dict[str, Any], folder: Path, package: str) -> Iterator[Path]:
    """Generate `spec` into `folder`/generated as the package `package`, importable while the block lasts.

    Yields the output folder; afterwards the package's modules are forgotten, so another scratch can reuse names.
    """
    config = {"project_name_override": package.replace("_", "-"), "package_name_override": package}
    result = generate(spec, folder, config=config)
    assert result.returncode == 0, result.stdout + result.stderr
    output = folder / "generated"
    sys.path.insert(0, str(output))
    try:
        yield output
    finally:
        sys.path.remove(str(output))
        for name in [name for name in sys.modules if name.split(".")[0] == package]:
            del sys.modules[name]


def parsed_endpoints(spec: dict[str, Any]) -> tuple[dict[str, Endpoint], Callable[[Any], Any]]:
    """The generator's parse of `spec`, in process: {operation's python name: Endpoint}, and `processed_model`.

    What the templates are handed, for unit tests of tools/'s template helpers (no generation, no subprocess).
    """
    config = Config.from_sources(ConfigFile(), MetaType.NONE, "openapi.yaml", "utf-8", True, None)
    data = GeneratorData.from_dict(spec, config=config)
    assert isinstance(data, GeneratorData), data
    endpoints = {
        str(e.name): e for collection in data.endpoint_collections_by_tag.values() for e in collection.endpoints
    }
    return endpoints, processed_models(data.models)


def mypy_strict(output: Path, target: str) -> subprocess.CompletedProcess[str]:
    """`mypy --strict` on `target` (a package or folder) of a scratch generation's output folder."""
    command = [sys.executable, "-m", "mypy", "--strict", "--no-incremental", target]
    env = {**os.environ, "MYPYPATH": str(output)}
    return subprocess.run(command, cwd=output, capture_output=True, text=True, check=False, env=env)
