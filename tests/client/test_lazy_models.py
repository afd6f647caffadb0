"""The models package imports each model when it is first asked for: an endpoint loads only the models it uses."""

from __future__ import annotations

import json
import subprocess
import sys

import clerk_invitations_client.models as models
import pytest


def modules_loaded_by(statement: str) -> set[str]:
    """The model modules a fresh interpreter has loaded after `statement`."""
    script = f"{statement}\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))"
    output = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    return {name for name in json.loads(output) if name.startswith("clerk_invitations_client.models.")}


def test_an_endpoint_loads_its_own_models_not_every_model() -> None:
    loaded = modules_loaded_by("import clerk_invitations_client.api.invitations.list_invitations")
    assert "clerk_invitations_client.models.invitation" in loaded
    assert "clerk_invitations_client.models.waitlist_entry" not in loaded
    assert "clerk_invitations_client.models.organization_invitation" not in loaded


@pytest.mark.parametrize("name", models.__all__)
def test_every_model_is_there_when_asked_for_by_name(name: str) -> None:
    model = getattr(models, name)
    assert model.__name__ in {name, "dict"}  # a free-form model is an alias of dict[str, Any]
    assert name in dir(models)


def test_a_name_that_is_no_model_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'Nothing'"):
        _ = models.Nothing
