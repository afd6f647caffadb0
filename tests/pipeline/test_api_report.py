"""The public API report (tools/api_report.py): complete, right about constructors, and checked for staleness.

That the committed report is what a fresh generation gives is test_pipeline's golden test (make check-generated).
"""

from __future__ import annotations

import importlib
import inspect
from pathlib import Path

import griffe
from clerk_invitations_client import errors, models

from tests.pipeline.scratch import scratch_copy
from tools import ROOT
from tools.api_report import PACKAGE, REPORT, load_api, modules, render

REPORT_NAME = REPORT.relative_to(ROOT).as_posix()


def test_a_stale_report_fails_check_generated(tmp_path: Path) -> None:
    scratch = scratch_copy(tmp_path)
    scratch.edit(REPORT_NAME, "    revoked: bool | Unset = UNSET\n", "")

    result = scratch.make("check-generated")

    assert result.returncode != 0
    assert f"{REPORT_NAME} is stale: run make generate" in result.stdout
    assert "\n+    revoked: bool | Unset = UNSET\n" in result.stdout


def test_every_init_in_the_report_is_the_runtime_signature() -> None:
    """The attrs classes' __init__ is written by tools/api_report.py from their fields: Python must agree."""
    checked = []
    for module in modules(load_api(ROOT / "generated")):
        runtime = importlib.import_module(module.path)
        for cls in module.classes.values():
            init = cls.members.get("__init__")
            if not isinstance(init, griffe.Function):
                continue
            ours = [(p.name, p.kind.value, str(p.annotation), p.required) for p in list(init.parameters)[1:]]
            real = inspect.signature(getattr(runtime, cls.name)).parameters.values()
            expected = [(p.name, p.kind.description, str(p.annotation), p.default is p.empty) for p in real]
            assert ours == expected, cls.path
            checked.append(cls.name)
    assert {"Client", "AuthenticatedClient", "Invitation", "CreateInvitationRequest", "ClerkAPIError"} <= set(checked)


def test_the_report_names_every_model_exception_and_enum_member() -> None:
    report = REPORT.read_text()
    for name in models.__all__:
        assert f" import {name}\n" in report
    exceptions = [cls for cls in vars(errors).values() if inspect.isclass(cls) and issubclass(cls, Exception)]
    for exception in exceptions:
        if exception.__module__ == errors.__name__:
            assert f"class {exception.__name__}(" in report
    for enum in (models.InvitationStatus, models.InvitationObject, models.TemplateSlug):
        for member in enum:
            assert f"    {member.name} = '{member.value}'\n" in report


def retry_policy_package(attempt_type: str) -> dict[str, str]:
    """A package whose client module re-exports a class a private module defines, as client.py does RetryPolicy."""
    return {
        "_retry.py": f"class RetryPolicy:\n    def delay(self, attempt: {attempt_type}) -> float: ...\n",
        "client.py": "from ._retry import RetryPolicy\n\n__all__ = ['RetryPolicy']\n",
    }


def test_a_name_a_private_module_defines_is_reported_where_the_package_exports_it() -> None:
    with griffe.temporary_visited_package(PACKAGE, retry_policy_package("int"), resolve_aliases=True) as package:
        report = render(package)

    assert f"## {PACKAGE}.client\n\n```python\nclass RetryPolicy:\n    def delay(attempt: int) -> float\n```" in report
    assert "_retry" not in report
