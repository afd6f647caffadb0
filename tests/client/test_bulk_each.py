"""sync_each/asyncio_each: any number of items through a bulk operation, one outcome per item, over HTTP.

Against the stateful fake, served on loopback (Clerk's all-or-nothing refusals, then one by one), and against
the scripted server for what stops a batch (a 429 not waited out, a dropped connection).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterable, Iterator
from typing import Any

import pytest
from clerk_invitations_client import AuthenticatedClient
from clerk_invitations_client.api.invitations import create_bulk_invitations
from clerk_invitations_client.api.organization_invitations import create_organization_invitation_bulk
from clerk_invitations_client.bulk import Outcome
from clerk_invitations_client.errors import (
    APIConnectionError,
    BadRequestError,
    InvalidArgumentError,
    RateLimitError,
)
from clerk_invitations_client.models import (
    BulkInvitationRequest,
    CreateOrganizationInvitationRequest,
    Invitation,
    OrganizationInvitation,
)
from clerk_invitations_fake import IN_PROCESS_URL, FakeClerk

from tests.support.calls import TEST_SECRET_KEY
from tests.support.paths import ROOT
from tests.support.scripted_server import Reply, ScriptedServer, json_reply, rate_limited

EachOutcome = Outcome[BulkInvitationRequest, Invitation]


@pytest.fixture(params=["sync", "async"])
def mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def each(
    mode: str, client: AuthenticatedClient, items: Iterable[BulkInvitationRequest], **kwargs: Any
) -> list[EachOutcome]:
    if mode == "sync":
        return create_bulk_invitations.sync_each(client=client, items=items, **kwargs)
    return asyncio.run(create_bulk_invitations.asyncio_each(client=client, items=items, **kwargs))


def item(email: str) -> BulkInvitationRequest:
    return BulkInvitationRequest(email_address=email)


@pytest.fixture
def fake() -> Iterator[tuple[FakeClerk, str]]:
    clerk = FakeClerk()
    with clerk.serve() as url:
        yield clerk, url


def test_every_address_gets_its_own_outcome_in_input_order(mode: str, fake: tuple[FakeClerk, str]) -> None:
    clerk, url = fake
    clerk.add_user("user@example.com")
    addresses = [f"new{n}@example.com" for n in range(23)]
    addresses[3] = "not an address"  # refused by the argument checks: never sent
    addresses[12] = "user@example.com"  # an existing user: Clerk refuses its chunk, then it alone
    addresses[17] = "new16@example.com"  # a duplicate within the chunk: the second one is refused
    progress: list[tuple[int, int | None]] = []

    client = AuthenticatedClient(base_url=url, token=TEST_SECRET_KEY)
    outcomes = each(mode, client, [item(address) for address in addresses], on_progress=lambda *p: progress.append(p))

    assert [outcome.item.email_address for outcome in outcomes] == addresses
    refused = {3: InvalidArgumentError, 12: BadRequestError, 17: BadRequestError}
    refused_here = outcomes[3].error
    assert isinstance(refused_here, InvalidArgumentError)
    assert (refused_here.argument, refused_here.rule) == ("items[3].email_address", "format:email")
    for index, outcome in enumerate(outcomes):
        if index in refused:
            assert isinstance(outcome.error, refused[index]), (index, outcome.error)
            assert (outcome.result, outcome.created) == (None, False)
        else:
            assert outcome.error is None and outcome.created is True, (index, outcome.error)
            assert outcome.result is not None and outcome.result.email_address == addresses[index]
    created = sorted(invitation["email_address"] for invitation in clerk.invitations.values())
    assert created == sorted(addresses[i] for i in range(23) if i not in refused)  # each once: nothing twice
    assert progress == [(done, 23) for done in range(1, 24)]


def test_an_iterator_of_unknown_length_is_read_once_and_progress_has_no_total(
    mode: str, fake: tuple[FakeClerk, str]
) -> None:
    clerk, url = fake
    progress: list[tuple[int, int | None]] = []

    items = (item(f"gen{n}@example.com") for n in range(12))
    client = AuthenticatedClient(base_url=url, token=TEST_SECRET_KEY)
    outcomes = each(mode, client, items, on_progress=lambda *p: progress.append(p))

    assert [outcome.created for outcome in outcomes] == [True] * 12
    assert len(clerk.invitations) == 12
    assert progress[-1] == (12, None)


def invitations_json(invitation_json: dict[str, Any], count: int) -> list[dict[str, Any]]:
    return [{**invitation_json, "id": f"inv_{n}", "email_address": f"a{n}@example.com"} for n in range(count)]


def addresses(count: int) -> list[BulkInvitationRequest]:
    return [item(f"a{n}@example.com") for n in range(count)]


def test_a_429_not_waited_out_stops_the_batch_and_nothing_later_is_sent(
    mode: str, server: ScriptedServer, invitation_json: dict[str, Any]
) -> None:
    server.script(json_reply(invitations_json(invitation_json, 10)), rate_limited("3600"))
    client = AuthenticatedClient(base_url=server.url, token=TEST_SECRET_KEY)

    outcomes = each(mode, client, addresses(25))

    assert [outcome.created for outcome in outcomes] == [True] * 10 + [False] * 15
    assert all(isinstance(outcome.error, RateLimitError) for outcome in outcomes[10:])
    assert [len(json.loads(request.body)) for request in server.requests] == [10, 10]


def test_a_dropped_bulk_call_leaves_its_items_in_doubt_and_stops(mode: str, server: ScriptedServer) -> None:
    server.script(Reply(drop=True))
    client = AuthenticatedClient(base_url=server.url, token=TEST_SECRET_KEY)

    outcomes = each(mode, client, addresses(15))

    assert [outcome.created for outcome in outcomes] == [None] * 10 + [False] * 5  # the POST may have arrived
    assert all(isinstance(outcome.error, APIConnectionError) for outcome in outcomes)
    assert len(server.requests) == 1  # a POST that may have arrived is never sent again


def test_a_429_while_sending_one_by_one_stops_there(
    mode: str, server: ScriptedServer, invitation_json: dict[str, Any]
) -> None:
    refusal = {"errors": [{"code": "duplicate_record", "message": "duplicate", "long_message": "duplicate"}]}
    (first,) = invitations_json(invitation_json, 1)
    server.script(json_reply(refusal, status=400), json_reply(first), rate_limited("3600"))
    client = AuthenticatedClient(base_url=server.url, token=TEST_SECRET_KEY)

    outcomes = each(mode, client, addresses(12))

    assert [outcome.created for outcome in outcomes] == [True] + [False] * 11
    assert all(isinstance(outcome.error, RateLimitError) for outcome in outcomes[1:])
    assert [request.path for request in server.requests] == ["/invitations/bulk", "/invitations", "/invitations"]


def test_the_readme_example_runs_against_the_fake(
    fake: tuple[FakeClerk, str], capsys: pytest.CaptureFixture[str]
) -> None:
    section = (ROOT / "README.md").read_text().split("## Invite many\n", 1)[1]
    example = section.split("```python\n", 1)[1].split("```", 1)[0]
    clerk, url = fake
    clerk.add_user("linus@example.com")

    exec(example, {"client": AuthenticatedClient(base_url=url, token=TEST_SECRET_KEY)})

    printed = capsys.readouterr().out.splitlines()
    assert printed[:4] == ["1/4", "2/4", "3/4", "4/4"]
    assert printed[4].startswith("invited ada@example.com inv_")
    assert printed[5].startswith("invited grace@example.com inv_")
    assert printed[6].startswith("not invited not an address InvalidArgumentError items[2].email_address must")
    assert printed[7].startswith("not invited linus@example.com BadRequestError HTTP 400: form_identifier_exists")


def in_process_client(mode: str, clerk: FakeClerk) -> AuthenticatedClient:
    transport = clerk.transport() if mode == "sync" else clerk.async_transport()
    return AuthenticatedClient(base_url=IN_PROCESS_URL, token=TEST_SECRET_KEY, httpx_args={"transport": transport})


def test_in_process_a_429_on_the_first_chunk_stops_the_batch_and_creates_nothing(mode: str) -> None:
    clerk = FakeClerk()
    clerk.fail_next(429, retry_after=3600, operation="CreateBulkInvitations")

    outcomes = each(mode, in_process_client(mode, clerk), addresses(14))

    assert [outcome.created for outcome in outcomes] == [False] * 14
    assert all(isinstance(outcome.error, RateLimitError) for outcome in outcomes)
    assert clerk.invitations == {}


def test_in_process_a_chunk_refused_for_one_address_creates_the_others(mode: str) -> None:
    clerk = FakeClerk()
    clerk.add_user("a3@example.com")

    outcomes = each(mode, in_process_client(mode, clerk), addresses(12))

    assert [outcome.created for outcome in outcomes] == [True] * 3 + [False] + [True] * 8
    assert len(clerk.invitations) == 11


def test_against_prism_each_item_of_a_chunk_gets_its_invitation(mode: str, base_url: str) -> None:
    """Prism answers the spec's example, two invitations: a chunk of two gets one each."""
    client = AuthenticatedClient(base_url=base_url, token=TEST_SECRET_KEY, max_retries=0)

    outcomes = each(mode, client, [item("ada@example.com"), item("grace@example.com")])

    assert [(outcome.created, outcome.error) for outcome in outcomes] == [(True, None), (True, None)]
    assert all(isinstance(outcome.result, Invitation) for outcome in outcomes)


def test_an_organization_bulk_answering_data_and_total_count_gives_an_outcome_per_address(
    mode: str, fake: tuple[FakeClerk, str]
) -> None:
    """CreateOrganizationInvitationBulk answers `{data, total_count}`: its items are the outcomes' results."""
    clerk, url = fake
    organization_id = clerk.add_organization("Acme")
    clerk.add_member(organization_id, "member@example.com")
    addresses = [f"org{n}@example.com" for n in range(12)]
    addresses[4] = "member@example.com"  # already a member: its chunk is refused, then it alone
    items = [CreateOrganizationInvitationRequest(email_address=a, role="org:member") for a in addresses]
    client = AuthenticatedClient(base_url=url, token=TEST_SECRET_KEY)

    if mode == "sync":
        outcomes = create_organization_invitation_bulk.sync_each(organization_id, client=client, items=items)
    else:
        coroutine = create_organization_invitation_bulk.asyncio_each(organization_id, client=client, items=items)
        outcomes = asyncio.run(coroutine)

    assert [outcome.created for outcome in outcomes] == [True] * 4 + [False] + [True] * 7
    assert isinstance(outcomes[4].error, BadRequestError)
    assert all(
        isinstance(o.result, OrganizationInvitation) and o.result.email_address == a
        for o, a in zip(outcomes, addresses, strict=True)
        if o.created
    )
    assert len(clerk.organization_invitations) == 11
