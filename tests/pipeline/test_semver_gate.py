"""The semver gate (tools/semver_gate.py, `make api-check`): on the repository, and both ways on scratch copies."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import griffe
import pytest
from packaging.version import Version

from tests.pipeline.scratch import Scratch, drop_invitation_url, require_list_invitations_query, scratch_copy
from tests.pipeline.test_api_report import retry_policy_package
from tools import ROOT
from tools.api_report import PACKAGE
from tools.semver_gate import allows_breaking, breaking_changes, failures, load_released


def add_optional_invitation_property(spec: dict[str, Any]) -> None:
    """An optional property Clerk might add, at the end of Invitation's: new, and nothing moves."""
    spec["components"]["schemas"]["Invitation"]["properties"]["inviter_id"] = {
        "type": "string",
        "description": "Who invited.",
    }


@pytest.fixture
def scratch(tmp_path: Path) -> Scratch:
    """A scratch copy whose current API is recorded as released, so that only the test's edits differ from it."""
    copy = scratch_copy(tmp_path)
    released = copy.make("api-release")
    assert released.returncode == 0, released.stdout
    return copy


def test_the_repository_passes_the_gate() -> None:
    assert failures(ROOT) == []


@pytest.mark.parametrize(
    ("released", "current", "allowed"),
    [("0.3.0", "0.3.1", False), ("0.3.0", "0.4.0", True), ("0.3.0", "1.0.0", True), ("1.2.3", "1.3.0", False)]
    + [("1.2.3", "2.0.0", True), ("1.2.3", "1.2.4", False)],
)
def test_breaking_needs_a_major_bump_or_a_minor_one_while_0x(released: str, current: str, allowed: bool) -> None:
    assert allows_breaking(Version(released), Version(current)) is allowed


def test_a_breaking_edit_without_a_major_bump_fails_naming_each_break(scratch: Scratch) -> None:
    scratch.edit_spec(drop_invitation_url)
    scratch.edit_spec(require_list_invitations_query)
    version = scratch.bump_patch(changelog=True)

    result = scratch.make("generate", "api-check")

    assert result.returncode != 0
    assert f"need a major version bump (a minor one while 0.x), not {version}" in result.stdout
    assert "Invitation.url: Public object was removed" in result.stdout
    for function in ("sync_detailed", "sync", "asyncio_detailed", "asyncio"):
        assert f"{function}(query): Parameter is now required" in result.stdout
    assert "CHANGELOG" not in result.stdout  # the entry is there: only the breaks fail


def test_an_additive_edit_fails_without_a_version_bump_and_passes_with_one(scratch: Scratch) -> None:
    scratch.edit_spec(add_optional_invitation_property)

    unbumped = scratch.make("generate", "api-check")

    assert unbumped.returncode != 0
    assert f"The public API changed since {scratch.version} without a version bump" in unbumped.stdout
    assert "+    inviter_id: str | Unset = UNSET" in unbumped.stdout
    assert "breaking" not in unbumped.stdout

    scratch.bump_patch(changelog=True)
    bumped = scratch.make("api-check")
    assert bumped.returncode == 0, bumped.stdout


def test_a_version_without_a_changelog_entry_fails(scratch: Scratch) -> None:
    version = scratch.bump_patch(changelog=False)

    result = scratch.make("api-check")

    assert result.returncode != 0
    assert f"CHANGELOG.md has no entry for {version}: add a `## [{version}]` section for it." in result.stdout


def test_api_release_records_the_current_version_and_api(scratch: Scratch) -> None:
    released, api = load_released(scratch.root)
    assert released == scratch.version
    assert api["models.invitation.Invitation"].members["url"].annotation is not None
    assert scratch.make("api-check").returncode == 0


def test_a_changed_annotation_of_a_name_a_private_module_defines_is_breaking() -> None:
    with (
        griffe.temporary_visited_package(PACKAGE, retry_policy_package("int"), resolve_aliases=True) as old,
        griffe.temporary_visited_package(PACKAGE, retry_policy_package("str"), resolve_aliases=True) as new,
    ):
        assert breaking_changes(old, new) == [
            f"{PACKAGE}._retry.RetryPolicy.delay(attempt): Type annotation was changed: int -> str"
        ]
