"""`make demo`: the quickstart against the fake by default, so that a newcomer's first output holds together
(issue 21: Prism's static examples listed an accepted invitation as pending, and names never invited)."""

from __future__ import annotations

import re
import subprocess

from tests.support.paths import ROOT

STEP = re.compile(r"(\d+)\. ")


def make(*arguments: str) -> subprocess.CompletedProcess[str]:
    """A make target of the repository, its `setup` prerequisite taken as done (the suite runs in its venv)."""
    return subprocess.run(
        ["make", "--no-print-directory", "-s", "-o", "setup", *arguments],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def invitations_by_step(output: str) -> dict[int, list[tuple[str, str, str]]]:
    """The invitations each numbered step of the quickstart printed: (id, email address, status)."""
    steps: dict[int, list[tuple[str, str, str]]] = {}
    step = 0
    for line in output.splitlines():
        if match := STEP.match(line):
            step = int(match[1])
            steps[step] = []
        elif line.strip().startswith("inv_"):
            invitation_id, email, status = line.split()[:3]
            steps[step].append((invitation_id, email, status))
    return steps


def test_make_demo_runs_the_quickstart_against_the_fake_and_its_output_holds_together() -> None:
    result = make("demo")

    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "Clerk invitations fake listening at http://127.0.0.1:" in result.stdout
    steps = invitations_by_step(result.stdout)
    invited = steps[1] + steps[2]
    assert [status for *_, status in invited] == ["pending"] * 3
    assert steps[3] == sorted(invited, key=lambda invitation: invitation[1])  # every one invited, by address
    ada = steps[1][0]
    assert steps[4] == [(ada[0], ada[1], "revoked")]
    assert "UnprocessableEntityError" in result.stdout


def test_make_demo_still_runs_against_prism_when_asked() -> None:
    result = make("-n", "demo", "TARGET=prism")

    assert result.returncode == 0, result.stderr
    assert " -m tests.support.prism " in result.stdout
    assert "clerk_invitations_fake" not in result.stdout
