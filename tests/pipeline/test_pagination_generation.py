"""The page functions are generated from the spec: which operations get them, and their page size.

A scratch spec with two paginated operations (one like ListInvitations, whose `paginated` switch picks
the body, one that always answers a page) and one that isn't (a `limit` but no `offset`) goes through
the generator with our templates; the helpers must exist on exactly the two, typed and working.
"""

from __future__ import annotations

import copy
import importlib
import inspect
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest
import yaml

from tests.support.generation import imported_scratch, mypy_strict
from tests.support.paths import ROOT

PAGE_FUNCTIONS = ("sync_page", "asyncio_page", "sync_all", "asyncio_all")
PAGINATED_OPERATIONS = {"list_teams": 100, "list_members": 50}  # module: the maximum of its `limit`


def page_schema(item: str) -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["data", "total_count"],
        "properties": {
            "data": {"type": "array", "items": {"$ref": f"#/components/schemas/{item}"}},
            "total_count": {"type": "integer"},
        },
    }


def query(name: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "schema": schema}


def operation(operation_id: str, parameters: list[dict[str, Any]], success: dict[str, Any]) -> dict[str, Any]:
    errors = {"$ref": "#/components/schemas/ClerkErrors"}
    return {
        "operationId": operation_id,
        "tags": ["Teams"],
        "summary": operation_id,
        "parameters": parameters,
        "responses": {
            "200": {"description": "OK", "content": {"application/json": {"schema": success}}},
            "422": {"description": "Invalid", "content": {"application/json": {"schema": errors}}},
        },
    }


def scratch_spec(ours: dict[str, Any]) -> dict[str, Any]:
    item = {
        "type": "object",
        "required": ["id", "name"],
        "properties": {"id": {"type": "string"}, "name": {"type": "string"}},
    }

    def paging(maximum: int) -> list[dict[str, Any]]:
        limit = {"type": "integer", "minimum": 1, "maximum": maximum, "default": 10}
        return [query("limit", limit), query("offset", {"type": "integer"})]

    teams = {"type": "array", "items": {"$ref": "#/components/schemas/Team"}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "Scratch", "version": "1"},
        "security": [{"bearerAuth": []}],
        "paths": {
            "/teams": {
                "get": operation(
                    "ListTeams",
                    [
                        query("name", {"type": "string"}),
                        *paging(PAGINATED_OPERATIONS["list_teams"]),
                        query("paginated", {"type": "boolean"}),
                    ],
                    {"oneOf": [teams, {"$ref": "#/components/schemas/TeamPage"}]},
                )
            },
            "/teams/{team_id}/members": {
                "get": operation(
                    "ListMembers",
                    [
                        {"name": "team_id", "in": "path", "required": True, "schema": {"type": "string"}},
                        query("role", {"type": "string"}),
                        *paging(PAGINATED_OPERATIONS["list_members"]),
                    ],
                    {"$ref": "#/components/schemas/MemberPage"},
                )
            },
            "/teams/recent": {
                "get": operation("ListRecentTeams", [query("limit", {"type": "integer"})], teams),
            },
        },
        "components": {
            "securitySchemes": ours["components"]["securitySchemes"],
            "schemas": {
                "ClerkError": ours["components"]["schemas"]["ClerkError"],
                "ClerkErrors": ours["components"]["schemas"]["ClerkErrors"],
                "Team": item,
                "Member": copy.deepcopy(item),
                "TeamPage": page_schema("Team"),
                "MemberPage": page_schema("Member"),
            },
        },
    }


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The scratch spec, generated with our templates into a package `scratch_client`; yields the output folder."""
    spec = scratch_spec(yaml.safe_load((ROOT / "openapi.yaml").read_text()))
    with imported_scratch(spec, tmp_path_factory.mktemp("scratch"), "scratch_client") as output:
        yield output


def endpoint(name: str) -> ModuleType:
    return importlib.import_module(f"scratch_client.api.teams.{name}")


def test_the_helpers_exist_on_exactly_the_paginated_operations(scratch: Path) -> None:
    modules = sorted(path.stem for path in (scratch / "scratch_client" / "api" / "teams").glob("list_*.py"))
    assert modules == ["list_members", "list_recent_teams", "list_teams"]

    with_helpers = {name for name in modules if all(hasattr(endpoint(name), f) for f in PAGE_FUNCTIONS)}
    with_any = {name for name in modules if any(hasattr(endpoint(name), f) for f in PAGE_FUNCTIONS)}

    assert with_helpers == with_any == set(PAGINATED_OPERATIONS)


def test_the_default_page_size_is_the_specs(scratch: Path) -> None:
    for name, max_items in PAGINATED_OPERATIONS.items():
        module = endpoint(name)
        assert inspect.signature(module.sync_all).parameters["page_size"].default == max_items
        assert inspect.signature(module.sync_page).parameters["limit"].default == max_items


def test_the_plain_functions_keep_their_types(scratch: Path) -> None:
    """`paginated` stays out of sync(): it returns the bare list, never a union with the page."""
    list_teams = endpoint("list_teams")
    assert inspect.signature(list_teams.sync).return_annotation == "list[Team]"
    assert inspect.signature(list_teams.sync_detailed).return_annotation == "Response[ClerkErrors | list[Team]]"
    assert "paginated" not in inspect.signature(list_teams.sync).parameters
    assert inspect.signature(endpoint("list_members").sync).return_annotation == "MemberPage"


def test_the_page_parser_names_each_type_once(scratch: Path) -> None:
    """A page parser returns the page model, the operation's other answers or None, each named once. An operation
    that always answers a page needs no parser of its own for the page functions: _parse_response reads the page."""

    def returned(name: str, parser: str) -> str:
        annotation: str = inspect.signature(getattr(endpoint(name), parser)).return_annotation
        return annotation

    assert returned("list_teams", "_parse_page") == "ClerkErrors | list[Team] | TeamPage | None"
    assert returned("list_members", "_parse_response") == "ClerkErrors | MemberPage | None"
    assert not hasattr(endpoint("list_members"), "_parse_page")


def test_the_generated_helpers_send_what_the_spec_says(scratch: Path) -> None:
    """Unit-level: a scratch package has no server, so an httpx.MockTransport answers and records."""
    client_module = importlib.import_module("scratch_client")
    sent: list[httpx.URL] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request.url)
        offset = int(request.url.params["offset"])
        data = [{"id": f"id{index}", "name": "x"} for index in range(offset, min(offset + 2, 3))]
        return httpx.Response(200, json={"data": data, "total_count": 3})

    client = client_module.AuthenticatedClient(
        base_url="http://scratch", token="sk_test_scratch", httpx_args={"transport": httpx.MockTransport(answer)}
    )
    teams = [team.id for team in endpoint("list_teams").sync_all(client=client, name="a", page_size=2)]
    members = [member.id for member in endpoint("list_members").sync_all("t1", client=client, role="r", page_size=2)]

    assert teams == members == ["id0", "id1", "id2"]
    assert [(url.path, dict(url.params)) for url in sent] == [
        ("/teams", {"name": "a", "limit": "2", "offset": "0", "paginated": "true"}),
        ("/teams", {"name": "a", "limit": "2", "offset": "2", "paginated": "true"}),
        ("/teams/t1/members", {"role": "r", "limit": "2", "offset": "0"}),
        ("/teams/t1/members", {"role": "r", "limit": "2", "offset": "2"}),
    ]


def test_the_generated_package_passes_mypy_strict(scratch: Path) -> None:
    result = mypy_strict(scratch, "scratch_client")
    assert result.returncode == 0, result.stdout + result.stderr
