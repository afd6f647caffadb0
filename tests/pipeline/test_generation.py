"""The generation itself: the generator's settings, and generated/ as the golden copy of what they produce."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import yaml
from openapi_python_client.config import ConfigFile

from tests.support.paths import ROOT

HOSTILE_RUFF_CONFIG = """\
line-length = 40
[format]
quote-style = "single"
indent-style = "tab"
[lint]
select = ["ALL"]
"""


def test_generator_config_has_only_known_keys() -> None:
    config = yaml.safe_load((ROOT / "generator-config.yml").read_text())
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
    result = subprocess.run(
        ["make", "--no-print-directory", "-s", "check-generated"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "CHECK_DIR": str(tmp_path)},
        check=False,
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert (tmp_path / "generated" / "clerk_invitations_client" / "py.typed").exists()
