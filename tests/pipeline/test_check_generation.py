"""The argument checks are generated from the spec: a scratch spec's constraints become the scratch client's checks."""

from __future__ import annotations

import copy
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.support.generation import generate


def test_the_checks_are_generated_from_the_spec(spec: dict[str, Any], tmp_path: Path) -> None:
    scratch = copy.deepcopy(spec)
    revoke = scratch["paths"]["/invitations/{invitation_id}/revoke"]["post"]
    revoke["parameters"][0]["schema"].update(maxLength=30, pattern="^inv_")
    limit = next(p for p in scratch["paths"]["/invitations"]["get"]["parameters"] if p["name"] == "limit")
    limit["schema"]["maximum"] = 50
    generated = generate(scratch, tmp_path)
    assert generated.returncode == 0, generated.stdout + generated.stderr
    code = """if True:
        from clerk_invitations_client import errors
        from clerk_invitations_client.api.invitations import list_invitations, revoke_invitation
        for arguments in ({"limit": 51}, {"limit": 500}):
            try:
                list_invitations._get_kwargs(**arguments)
            except errors.InvalidArgumentError as error:
                print(error)
        for invitation_id in ("user_1", "inv_" + "x" * 27):
            try:
                revoke_invitation._get_kwargs(invitation_id)
            except errors.InvalidArgumentError as error:
                print(error)
        print(list_invitations._get_kwargs(limit=50)["params"]["limit"], revoke_invitation._get_kwargs("inv_1")["url"])
    """
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "generated")}
    ran = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False)

    assert ran.stderr == ""
    assert ran.stdout.splitlines() == [
        "limit must be <= 50 (maximum), not int 51",
        "limit must be <= 50 (maximum), not int 500",
        "invitation_id must match ^inv_ (pattern), not str 'user_1'",
        "invitation_id must have at most 30 characters (maxLength), not 31",
        "50 /invitations/inv_1/revoke",
    ]


def test_a_constraint_the_checks_cant_enforce_stops_the_generation(spec: dict[str, Any], tmp_path: Path) -> None:
    scratch = copy.deepcopy(spec)
    offset = next(p for p in scratch["paths"]["/invitations"]["get"]["parameters"] if p["name"] == "offset")
    offset["schema"]["multipleOf"] = 10

    generated = generate(scratch, tmp_path)

    assert generated.returncode != 0
    # The operation, where in the spec, the keyword; no traceback.
    assert generated.stderr.startswith(
        "error: can't generate ListInvitations: #/paths/~1invitations/get/parameters/4/schema: multipleOf: "
    ), generated.stderr
    assert "Traceback" not in generated.stderr
