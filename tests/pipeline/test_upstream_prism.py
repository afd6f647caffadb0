"""The generated client against Prism mocking Clerk's own spec (upstream/clerk-bapi-invitations.yml).

Every operation, sent with every parameter and body field Clerk documents that our spec has too, must pass
Clerk's request validation; for every status Clerk documents, the response Prism builds from Clerk's schemas
(asked for with Prism's `Prefer: code=...`) must parse into the model our spec promises, its types checked, alike on
msgspec's fast path and on the Python path.
"""

from __future__ import annotations

import json
import typing
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import yaml
from clerk_invitations_client import AuthenticatedClient, errors, types
from clerk_invitations_client.api.invitations import list_invitations
from clerk_invitations_client.models import ClerkErrors

from tests.support.calls import TEST_SECRET_KEY
from tests.support.operations import OPERATIONS
from tests.support.prism import running_prism
from tools.upstream_diff import Document
from tools.upstream_spec import OUR_SPEC, UPSTREAM_DIR, UPSTREAM_SPEC, operations

CLERK_SPEC = yaml.safe_load(UPSTREAM_SPEC.read_text())
CLERK = operations(CLERK_SPEC)
OURS = yaml.safe_load(OUR_SPEC.read_text())
LEFT_OUT = {  # Clerk's operations that differences.yml leaves out, each with its reason
    entry["at"]
    for entry in yaml.safe_load((UPSTREAM_DIR / "differences.yml").read_text())
    if isinstance(entry["at"], str) and entry["at"] in CLERK
}
PAGE_ONLY = {"paginated"}  # sent by the page functions only (test_clerks_spec_accepts_our_page_request)
CASES = [
    (name, status)
    for name, (_, _, operation, _) in CLERK.items()
    if name not in LEFT_OUT
    for status in operation["responses"]
]


def query_parameters(spec: dict[str, Any], operation_id: str) -> set[str]:
    _, _, operation, item = operations(spec)[operation_id]
    document = Document(spec)
    parameters = [document.resolve(p) for p in [*item.get("parameters", []), *operation.get("parameters", [])]]
    return {parameter["name"] for parameter in parameters if parameter["in"] == "query"}


def body_fields(operation_id: str) -> set[str]:
    """The properties of the request body (of its items, for an array) that Clerk's spec documents."""
    _, _, operation, _ = CLERK[operation_id]
    document = Document(CLERK_SPEC)
    schema = document.schema(operation["requestBody"]["content"]["application/json"]["schema"])
    if "items" in schema:
        schema = document.schema(schema["items"])
    return set(schema["properties"])


@pytest.fixture(scope="module")
def clerk_prism() -> Iterator[str]:
    with running_prism(UPSTREAM_SPEC) as prism:
        yield prism.base_url


def test_every_invitation_operation_of_clerks_spec_is_called() -> None:
    """All of Clerk's invitation operations (upstream/ vendors them) but those differences.yml leaves out."""
    assert set(CLERK) - LEFT_OUT == set(OPERATIONS)
    assert len(set(OPERATIONS)) >= 12 and "ListPendingOrganizationInvitations" in LEFT_OUT


@pytest.mark.parametrize(("operation_id", "status"), CASES)
def test_clerks_spec_accepts_our_request_and_we_parse_its_response(
    clerk_prism: str, operation_id: str, status: str
) -> None:
    sent: list[httpx.Request] = []
    client = AuthenticatedClient(
        base_url=clerk_prism,
        token=TEST_SECRET_KEY,
        max_retries=0,
        headers={"Prefer": f"code={status}"},
        httpx_args={"event_hooks": {"request": [sent.append]}},
    )
    operation = OPERATIONS[operation_id]

    response = operation.endpoint.sync_detailed(client=client, **operation.every_argument)

    assert response.headers.get("sl-violations") is None, "Prism found the request invalid against Clerk's spec"
    assert response.status_code == int(status)
    assert response.parse_error is None
    success = status.startswith("2")
    expected = typing.get_type_hints(operation.endpoint.sync)["return"] if success else ClerkErrors
    assert isinstance(response.parsed, typing.get_origin(expected) or expected)
    built = json.loads(response.content)
    parsed = response.parsed
    assert (  # nothing was lost or changed
        [item.to_dict() for item in parsed] if isinstance(parsed, list) else parsed.to_dict()
    ) == built
    # Read by msgspec's fast path above (the dev venv has the extra); the Python path (from_dict's checks) agrees.
    types.set_json_decoder(json.loads)
    try:
        assert operation.endpoint._parse_response(httpx.Response(int(status), content=response.content)) == parsed
    finally:
        types.set_json_decoder(None)
    if not success:
        with pytest.raises(errors.ClerkAPIError) as raised:
            operation.endpoint.sync(client=client, **operation.every_argument)
        assert raised.value.status_code == int(status)
        assert type(raised.value).status == int(status)
    request = sent[-1]
    both = query_parameters(CLERK_SPEC, operation_id) & query_parameters(OURS, operation_id)
    assert set(request.url.params) == both - PAGE_ONLY
    if request.content:
        body = json.loads(request.content)
        items = body if isinstance(body, list) else [body]
        assert set().union(*items) == body_fields(operation_id)


def test_clerks_spec_accepts_our_page_request(clerk_prism: str) -> None:
    """A page is asked for with `paginated=true` and every filter; Clerk's spec documents only the bare array as
    the answer, so Prism's answer can't be a page: what matters here is that Clerk's validation takes the request."""
    sent: list[httpx.Request] = []
    client = AuthenticatedClient(
        base_url=clerk_prism,
        token=TEST_SECRET_KEY,
        max_retries=0,
        httpx_args={"event_hooks": {"request": [sent.append]}},
    )
    filters = OPERATIONS["ListInvitations"].every_argument

    with pytest.raises(errors.UnexpectedResponse) as raised:
        list_invitations.sync_page(client=client, **filters)

    assert raised.value.status_code == 200
    assert raised.value.headers.get("sl-violations") is None, "Prism found the request invalid against Clerk's spec"
    assert set(sent[-1].url.params) == query_parameters(CLERK_SPEC, "ListInvitations") & query_parameters(
        OURS, "ListInvitations"
    )
    assert sent[-1].url.params["paginated"] == "true"
