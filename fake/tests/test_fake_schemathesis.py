"""schemathesis, with all its checks, against the fake served by `python -m clerk_invitations_fake`.

The fake runs as its own process on a free loopback port; schemathesis generates valid and invalid
requests from openapi.yaml (examples, coverage, fuzzing and stateful phases) and checks every answer.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from tests.support.paths import SPEC
from tools.upstream_spec import operation_ids

SETTINGS = Path(__file__).with_name("schemathesis.toml")
MAX_EXAMPLES = 25  # per operation and phase; about 500 cases, a few seconds on 2 cores
SEED = 20251110


@pytest.fixture
def served_fake() -> Iterator[str]:
    """`python -m clerk_invitations_fake --port 0` as a subprocess; its base URL, from its first line."""
    process = subprocess.Popen(
        [sys.executable, "-m", "clerk_invitations_fake", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert process.stdout is not None
        first_line = process.stdout.readline()
        match = re.fullmatch(r"Clerk invitations fake listening at (http://127\.0\.0\.1:\d+/v1)\n", first_line)
        assert match, "the fake did not say where it listens"
        yield match[1]
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_schemathesis_finds_no_failure(served_fake: str, secret_key: str, tmp_path: Path) -> None:
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "schemathesis"),
            "--config-file",
            str(SETTINGS),
            "run",
            str(SPEC),
            "--url",
            served_fake,
            "--checks",
            "all",
            "--header",
            f"Authorization: Bearer {secret_key}",
            "--max-examples",
            str(MAX_EXAMPLES),
            "--seed",
            str(SEED),
        ],
        cwd=tmp_path,  # schemathesis's hypothesis database goes here
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    raw_output = result.stdout + result.stderr
    key_printed = secret_key in raw_output  # e.g. in a curl command to reproduce a failure
    output = raw_output.replace(secret_key, "sk_test_<redacted>")

    assert not key_printed, "schemathesis printed the secret key"
    assert result.returncode == 0, output[-6000:]
    figures = re.search(r"(\d+) generated, (\d+) passed", output)
    assert figures, output[-3000:]
    generated, passed = map(int, figures.groups())
    assert generated == passed >= 400, output[-3000:]
    operations = len(operation_ids(yaml.safe_load(SPEC.read_text())))
    assert re.search(rf"Tested: {operations}\b", output), output[-3000:]  # every operation of openapi.yaml
    print(f"schemathesis: {generated} cases generated, {passed} passed, 0 failures")
