"""What a service writes type-checks as it should under mypy --strict and pyright strict (issue 19).

`x is not UNSET` narrows a field's type, as does `x is not None`: the snippet below only type-checks if it does.
The same snippet without the test must fail, or the checkers would be proving nothing.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.paths import ROOT

PYRIGHT = ROOT / "node_modules" / ".bin" / "pyright"

NARROWED = """
from typing import assert_type

from clerk_invitations_client.models import BulkInvitationRequest, Invitation
from clerk_invitations_client.types import UNSET, Unset


def ticket_link(invitation: Invitation) -> str:
    if invitation.url is not UNSET:
        assert_type(invitation.url, str)
        return invitation.url.upper()
    left_out: Unset = invitation.url
    return repr(left_out)


def expiry(invitation: Invitation) -> int:
    if invitation.expires_at is UNSET or invitation.expires_at is None:
        return 0
    return invitation.expires_at + 1


def days(item: BulkInvitationRequest) -> int:
    if item.expires_in_days is not UNSET and item.expires_in_days is not None:
        return item.expires_in_days * 2
    return 30
"""

NOT_NARROWED = """
from clerk_invitations_client.models import Invitation


def ticket_link(invitation: Invitation) -> str:
    return invitation.url.upper()
"""


def check(tool: str, source: str, folder: Path) -> subprocess.CompletedProcess[str]:
    """mypy --strict, or pyright in strict mode, on `source`, against the package as installed in .venv."""
    snippet = folder / "service.py"
    snippet.write_text("# pyright: strict\n" + source)
    if tool == "mypy":
        command = [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--cache-dir", str(folder / "cache")]
    else:
        command = [str(PYRIGHT), "--pythonpath", sys.executable]
    return subprocess.run([*command, str(snippet)], cwd=folder, capture_output=True, text=True, check=False)


@pytest.mark.parametrize("tool", ["mypy", "pyright"])
def test_unset_narrows(tool: str, tmp_path: Path) -> None:
    result = check(tool, NARROWED, tmp_path)

    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("tool", ["mypy", "pyright"])
def test_a_field_that_may_be_unset_must_be_tested_first(tool: str, tmp_path: Path) -> None:
    result = check(tool, NOT_NARROWED, tmp_path)

    assert result.returncode == 1
    assert '"upper"' in result.stdout, result.stdout + result.stderr
