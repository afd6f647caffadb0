"""sync_each/asyncio_each are generated from the spec: for a JSON body that is an array with maxItems, chunked by
that maxItems, and sent one by one through the single operation one path segment up where the spec has one."""

from __future__ import annotations

import copy
import importlib
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

from tests.support.generation import imported_scratch
from tests.support.paths import ROOT


def scratch_spec(ours: dict[str, Any]) -> dict[str, Any]:
    """Ours, with the bulk operation's maxItems at 3, a copy of it where no single operation sits one segment up
    (`/archive/bulk`), and one whose array body has no maxItems (`/archive/unbounded`)."""
    spec = copy.deepcopy(ours)
    bulk = spec["paths"]["/invitations/bulk"]["post"]
    bulk["requestBody"]["content"]["application/json"]["schema"]["maxItems"] = 3
    lone = copy.deepcopy(bulk)
    lone["operationId"] = "ArchiveBulk"
    unbounded = copy.deepcopy(bulk)
    unbounded["operationId"] = "ArchiveUnbounded"
    del unbounded["requestBody"]["content"]["application/json"]["schema"]["maxItems"]
    spec["paths"]["/archive/bulk"] = {"post": lone}
    spec["paths"]["/archive/unbounded"] = {"post": unbounded}
    return spec


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    spec = scratch_spec(yaml.safe_load((ROOT / "openapi.yaml").read_text()))
    with imported_scratch(spec, tmp_path_factory.mktemp("bulk"), "bulk_scratch_client") as output:
        yield output


def endpoint(name: str) -> ModuleType:
    return importlib.import_module(f"bulk_scratch_client.api.invitations.{name}")


def test_chunks_are_the_specs_max_items_and_the_single_twin_is_found_by_path(scratch: Path) -> None:
    module = endpoint("create_bulk_invitations")
    batch = module._batch(items=[], on_progress=None)
    assert (batch._max_items, batch._has_single) == (3, True)
    assert module.single_operation is endpoint("create_invitation")


def test_a_bulk_operation_without_a_single_twin_gets_each_functions_that_never_send_alone(scratch: Path) -> None:
    module = endpoint("archive_bulk")
    batch = module._batch(items=[], on_progress=None)
    assert (batch._max_items, batch._has_single) == (3, False)
    assert callable(module.sync_each) and callable(module.asyncio_each)
    assert not hasattr(module, "single_operation")


def test_an_array_body_without_max_items_gets_no_each_functions(scratch: Path) -> None:
    module = endpoint("archive_unbounded")
    assert not hasattr(module, "sync_each") and not hasattr(module, "asyncio_each")
