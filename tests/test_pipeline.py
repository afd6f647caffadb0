"""The pipeline itself: spec -> generator -> generated/, and the checks that keep it honest."""

from __future__ import annotations

import copy
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import yaml
from jsonschema import Draft202012Validator, FormatChecker
from openapi_python_client.config import ConfigFile
from openapi_spec_validator import validate
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from tests.conftest import repo_path
from tests.prism import ROOT

SPEC_URI = "urn:clerk-invitations:openapi.yaml"
HOSTILE_RUFF_CONFIG = """\
line-length = 40
[format]
quote-style = "single"
indent-style = "tab"
[lint]
select = ["ALL"]
"""


def run(*command: str, cwd: Path = ROOT, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, env={**os.environ, **env}, check=False)


def test_generator_config_has_only_known_keys() -> None:
    config = yaml.safe_load(repo_path("generator-config.yml").read_text())
    unknown = set(config) - set(ConfigFile.model_fields)
    assert not unknown, f"openapi-python-client would silently ignore {sorted(unknown)}"
    assert config["project_name_override"] == "clerk-invitations-client"
    assert config["package_name_override"] == "clerk_invitations_client"


def test_generated_equals_a_fresh_generation(tmp_path: Path) -> None:
    """Golden record: generated/ is byte for byte what the spec, config and templates produce.

    The fresh copy is generated below a ruff configuration that would change every file, to show
    the post-hooks ignore the host's ruff settings.
    """
    (tmp_path / "ruff.toml").write_text(HOSTILE_RUFF_CONFIG)
    result = run("make", "--no-print-directory", "-s", "check-generated", CHECK_DIR=str(tmp_path))
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert (tmp_path / "generated" / "clerk_invitations_client" / "py.typed").exists()


def test_the_spec_is_valid_openapi_3_1(spec: dict[str, Any]) -> None:
    validate(spec)
    assert spec["openapi"].startswith("3.1")


def examples_with_schemas(node: Any, pointer: str = "") -> Iterator[tuple[str, str, Any]]:
    """(where, pointer to the schema, example value) for every example beside a schema in the spec."""
    if isinstance(node, dict):
        if "schema" in node:
            if "example" in node:
                yield f"{pointer}/example", f"{pointer}/schema", node["example"]
            for name, example in node.get("examples", {}).items():
                yield f"{pointer}/examples/{name}", f"{pointer}/schema", example
        for key, value in node.items():
            escaped = quote(str(key).replace("~", "~0").replace("/", "~1"))  # RFC 6901, in a URI fragment
            yield from examples_with_schemas(value, f"{pointer}/{escaped}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from examples_with_schemas(value, f"{pointer}/{index}")


def example_errors(spec: dict[str, Any]) -> tuple[int, list[str]]:
    """How many examples the spec has, and what is wrong with them."""
    registry = Registry().with_resource(SPEC_URI, DRAFT202012.create_resource(spec))
    checked, errors = 0, []
    for where, schema_pointer, example in examples_with_schemas(spec):
        if "/examples/" in where:  # an Example Object, maybe a reference to components/examples
            if "$ref" in example:
                example = registry.resolver(SPEC_URI).lookup(example["$ref"]).contents
            value = example["value"]
        else:
            value = example
        validator = Draft202012Validator(
            {"$ref": f"{SPEC_URI}#{schema_pointer}"}, registry=registry, format_checker=FormatChecker()
        )
        errors += [f"{where}: {error.message}" for error in validator.iter_errors(value)]
        checked += 1
    return checked, errors


def test_every_example_validates_against_its_schema(spec: dict[str, Any]) -> None:
    checked, errors = example_errors(spec)
    assert not errors
    # 2 request bodies, 5 successes, 2 revoke errors, 5 shared error responses, 1 Retry-After header.
    assert checked == 15


def test_a_wrong_example_is_caught(spec: dict[str, Any]) -> None:
    broken = copy.deepcopy(spec)
    broken["components"]["examples"]["PendingInvitation"]["value"]["email_address"] = "not an address"
    broken["components"]["responses"]["TooManyRequests"]["headers"]["Retry-After"]["example"] = -1
    _, errors = example_errors(broken)
    assert len(errors) == 2, errors
    assert any("'not an address' is not a 'email'" in error for error in errors)


def test_mypy_strict_passes() -> None:
    folders = ["generated/clerk_invitations_client", "tests", "examples"]
    result = run(sys.executable, "-m", "mypy", "--strict", *folders, MYPYPATH="generated")
    assert result.returncode == 0, result.stdout + result.stderr
