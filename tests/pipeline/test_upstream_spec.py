"""Clerk's published spec as the reference: the vendored extract (tools/upstream_spec.py) and the comparison
with openapi.yaml (tools/upstream_diff.py), both ways."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.pipeline.scratch import (
    SpecChange,
    drop_invitation_url,
    operation,
    query_parameter,
    require_list_invitations_query,
    write_changed_spec,
)
from tools.upstream_diff import DIFFERENCES, listed_differences, problems
from tools.upstream_spec import FULL_SPEC, OUR_SPEC, UPSTREAM_DIR, UPSTREAM_SPEC, compared_operation_ids, extract, write


def test_openapi_yaml_documents_all_that_clerks_spec_does() -> None:
    assert problems() == []


def test_every_listed_difference_has_a_reason() -> None:
    listed = listed_differences()
    assert listed
    assert all(reason.strip() for reason in listed.values())


def test_we_send_the_api_version_of_clerks_spec() -> None:
    """The README's promise: Clerk-API-Version is the version of the spec the client is checked against."""
    clerk, ours = yaml.safe_load(UPSTREAM_SPEC.read_text()), yaml.safe_load(OUR_SPEC.read_text())
    assert ours["info"]["version"] == clerk["info"]["version"]


def our_spec_with(tmp_path: Path, change: SpecChange) -> Path:
    return write_changed_spec(OUR_SPEC, change, tmp_path / "openapi.yaml")


def narrow_list_invitations_limit(spec: dict[str, Any]) -> None:
    query_parameter(spec, "ListInvitations", "limit")["schema"]["maximum"] = 100


def drop_waitlist_template_slug(spec: dict[str, Any]) -> None:
    spec["components"]["schemas"]["TemplateSlug"]["enum"] = ["invitation"]


def revoke_answers_410_for_404(spec: dict[str, Any]) -> None:
    responses = operation(spec, "RevokeInvitation")["responses"]
    responses["410"] = responses.pop("404")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            drop_invitation_url,
            [
                f"{operation} response 200 {path}: Clerk's spec has property url of type string, ours has none"
                for operation, path in [
                    ("CreateBulkInvitations", "[].url"),
                    ("CreateInvitation", ".url"),
                    ("ListInvitations", "[].url"),
                    ("RevokeInvitation", ".url"),
                    ("InviteWaitlistEntry", ".invitation.url"),
                ]
            ],
        ),
        (
            require_list_invitations_query,
            ["ListInvitations query parameter query (required): Clerk's spec has optional, ours has required"],
        ),
        (
            narrow_list_invitations_limit,
            ["ListInvitations query parameter limit (maximum): Clerk's spec has maximum 500, ours has maximum 100"],
        ),
        (
            drop_waitlist_template_slug,
            [
                "CreateInvitation request body .template_slug (enum): "
                'Clerk\'s spec has enum ["invitation", "waitlist_invitation"], ours has enum ["invitation"]',
                "CreateBulkInvitations request body [].template_slug (enum): "
                'Clerk\'s spec has enum ["invitation", "waitlist_invitation"], ours has enum ["invitation"]',
            ],
        ),
        (
            revoke_answers_410_for_404,
            [
                "RevokeInvitation response 404: Clerk's spec has status 404 of type object, ours has none",
                "RevokeInvitation response 410: Clerk's spec has none, ours has status 410 of type object",
            ],
        ),
    ],
    ids=["invitation property", "required query parameter", "narrower maximum", "enum value", "status"],
)
def test_a_difference_not_listed_fails_saying_what_clerk_has(
    tmp_path: Path, change: SpecChange, expected: list[str]
) -> None:
    found = problems(our_spec=our_spec_with(tmp_path, change))
    assert sorted(found) == sorted(expected)


def drop_order_by_pattern(spec: dict[str, Any]) -> None:
    del query_parameter(spec, "ListInvitations", "order_by")["schema"]["pattern"]


def test_a_listed_difference_that_is_gone_fails(tmp_path: Path) -> None:
    differences = tmp_path / "differences.yml"
    entry = {"at": "ListInvitations query parameter order_by (pattern)", "reason": "A stricter format."}
    differences.write_text(DIFFERENCES.read_text() + yaml.safe_dump([entry]))
    edited = our_spec_with(tmp_path, drop_order_by_pattern)

    found = problems(our_spec=edited, differences=differences)

    assert found == [
        "ListInvitations query parameter order_by (pattern): listed in differences.yml, "
        "but the specs no longer differ there: remove it"
    ]


def test_the_vendored_extract_is_what_the_script_makes_of_it() -> None:
    """Extracting from the extract changes nothing: it holds our operations and all they reference, no more."""
    vendored: dict[str, Any] = yaml.safe_load(UPSTREAM_SPEC.read_text())
    assert extract(vendored, compared_operation_ids(vendored, yaml.safe_load(OUR_SPEC.read_text()))) == vendored
    header = UPSTREAM_SPEC.read_text().split("\nopenapi:")[0]
    assert f"# Source: bapi/{vendored['info']['version']}.yml of Clerk's repository clerk/openapi-specs" in header
    licence = (UPSTREAM_DIR / "LICENSE").read_text()
    assert licence.startswith("Copyright (c) 2025 Clerk\n") and "Permission is hereby granted" in licence


def test_the_whole_spec_is_clerks_file_the_extract_was_cut_from() -> None:
    """upstream/clerk-bapi-full.yml (what `make check-clerk-spec` generates): the same version, the same header."""
    whole: dict[str, Any] = yaml.safe_load(FULL_SPEC.read_text())
    vendored: dict[str, Any] = yaml.safe_load(UPSTREAM_SPEC.read_text())
    assert extract(whole, compared_operation_ids(whole, yaml.safe_load(OUR_SPEC.read_text()))) == vendored
    provenance = UPSTREAM_SPEC.read_text().split("\nopenapi:")[0].split("\n")[-3:]
    assert FULL_SPEC.read_text().split("\nopenapi:")[0].split("\n")[-3:] == provenance


def test_extraction_keeps_our_operations_and_what_they_reference_transitively(tmp_path: Path) -> None:
    repository = tmp_path / "openapi-specs"
    (repository / "bapi").mkdir(parents=True)
    (repository / "LICENSE").write_text("Copyright (c) 2099 Clerk\n\nMIT\n")
    ours = tmp_path / "ours.yaml"
    ours.write_text(yaml.safe_dump({"paths": {"/a": {"get": {"operationId": "GetA"}}}}))
    ref = "#/components/schemas/"
    clerk: dict[str, Any] = {
        "openapi": "3.0.3",
        "info": {"title": "Clerk", "version": "2099-01-01"},
        "servers": [{"url": "https://api.clerk.com/v1"}],
        "security": [{"bearerAuth": []}],
        "tags": [{"name": "A"}, {"name": "B"}],
        "paths": {
            "/a": {
                "get": {
                    "operationId": "GetA",
                    "tags": ["A"],
                    "responses": {"200": {"$ref": "#/components/responses/A"}},
                },
                "post": {"operationId": "PostA", "tags": ["B"], "responses": {"200": {"$ref": f"{ref}Unused"}}},
            },
            "/b": {"get": {"operationId": "GetB", "responses": {}}},
        },
        "components": {
            "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}, "other": {"type": "apiKey"}},
            "responses": {"A": {"content": {"application/json": {"schema": {"$ref": f"{ref}Outer"}}}}},
            "schemas": {
                "Outer": {"properties": {"inner": {"$ref": f"{ref}Inner"}}},
                "Inner": {"type": "string"},
                "Unused": {"type": "string"},
            },
        },
    }
    source = repository / "bapi" / "2099-01-01.yml"
    source.write_text(yaml.safe_dump(clerk))

    out = write(source, our_spec=ours, out_dir=tmp_path / "upstream")

    extracted = yaml.safe_load(out.read_text())
    assert list(extracted["paths"]) == ["/a"] and list(extracted["paths"]["/a"]) == ["get"]
    assert extracted["components"] == {
        "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}},
        "responses": {"A": clerk["components"]["responses"]["A"]},
        "schemas": {"Outer": clerk["components"]["schemas"]["Outer"], "Inner": {"type": "string"}},
    }
    assert extracted["tags"] == [{"name": "A"}]
    assert "# Source: bapi/2099-01-01.yml of Clerk's repository clerk/openapi-specs" in out.read_text()
    assert (tmp_path / "upstream" / "LICENSE").read_text() == "Copyright (c) 2099 Clerk\n\nMIT\n"
    whole = (tmp_path / "upstream" / FULL_SPEC.name).read_text()
    assert whole.endswith("\n" + source.read_text()) and "# Copyright (c) 2099 Clerk; MIT licence" in whole
