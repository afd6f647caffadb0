"""`make bench`: the generated client vs Clerk's official SDK (`clerk-backend-api`) vs bare httpx + json.loads.

Ours runs three times: reading bodies with its `msgspec` extra (decoded and type-checked in C), and on the Python
path, decoding JSON with its `orjson` extra or with the standard library (what a plain install gets).
Parse only, end to end (sync and async), one organization's invitations 500 per page (sync and async), every one
of 5,000 invitations page after page (sync and async), 200 concurrent async calls and import time, against the
loopback server of bench/server.py; medians of interleaved rounds, printed as ratios next to the targets of
issues 4, 11, 16 and 20, and what the type checks cost on each path.
`--smoke` (what CI runs) goes through every comparison with too few rounds to mean anything, so the bench
can't rot. A missed target is printed, not an error: the exit code is non-zero only if a bench breaks.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import importlib.metadata
import json
import os
import platform
import subprocess
import sys
from collections.abc import Awaitable, Callable
from contextlib import AsyncExitStack
from dataclasses import dataclass, replace
from typing import TypeVar

import httpx
import orjson
from clerk_backend_api import Clerk
from clerk_backend_api.models import Invitation as OfficialInvitation
from clerk_backend_api.models import OrganizationInvitation as OfficialOrganizationInvitation
from clerk_backend_api.utils.unmarshal_json_response import unmarshal_json_response
from clerk_invitations_client import AuthenticatedClient
from clerk_invitations_client import types as client_types
from clerk_invitations_client.api.invitations import list_invitations
from clerk_invitations_client.api.organization_invitations import list_organization_invitations
from clerk_invitations_client.models import Invitation, InvitationObject, InvitationStatus, OrganizationInvitation
from clerk_invitations_client.types import UNSET

from bench.pages import MAX_PAGE_SIZE, ORGANIZATION_ID, TOTAL_INVITATIONS, invitation_page
from bench.server import running_server
from bench.timing import Batch, async_batch, interleaved_medians, sync_batch

PAGE_SIZES = (10, 100, 500)
TARGET_PAGE_SIZE = 500
CONCURRENT_CALLS = 200
CONCURRENT_PAGE_SIZE = 100
# The loopback server never checks the key; it is never printed.
DUMMY_SECRET_KEY = "sk_test_bench000000000000000000000000000000000"
SUBPROCESS_TIMEOUT_S = 60.0

OURS, OURS_ORJSON, OURS_STDLIB = "ours (msgspec extra)", "ours (orjson extra)", "ours (stdlib json)"
# Each of ours, and the JSON decoder it is given with set_json_decoder(): None, the default, is msgspec's fast path.
DECODERS: dict[str, Callable[[bytes], object] | None] = {OURS: None, OURS_ORJSON: orjson.loads, OURS_STDLIB: json.loads}
OFFICIAL, JSON_LOADS, BARE = "official SDK", "json.loads", "bare httpx + json.loads"
# The same page read without type checks, as before issue 20 (unchecked_parse), with the decoder each of ours uses.
UNCHECKED = {OURS: "unchecked, orjson", OURS_ORJSON: "unchecked, orjson", OURS_STDLIB: "unchecked, stdlib"}
ITEM_TYPES: dict[str, type] = {
    **dict.fromkeys(DECODERS, Invitation),
    **dict.fromkeys(UNCHECKED.values(), Invitation),
    OFFICIAL: OfficialInvitation,
    JSON_LOADS: dict,
    BARE: dict,
}
ORGANIZATION_ITEM_TYPES: dict[str, type] = {
    **dict.fromkeys(DECODERS, OrganizationInvitation),
    OFFICIAL: OfficialOrganizationInvitation,
    BARE: dict,
}
# What a program imports to list invitations, in a fresh interpreter.
IMPORT_STATEMENTS = {
    OURS: "import clerk_invitations_client.api.invitations.list_invitations",
    OFFICIAL: "import clerk_backend_api.invitations",
}


R = TypeVar("R")


def decoding_with(loads: Callable[[bytes], object] | None, call: Callable[[], R]) -> Callable[[], R]:
    """`call`, with our client decoding JSON by `loads` (None: the default): the contenders "ours" differ by that."""

    def run() -> R:
        client_types.set_json_decoder(loads)
        return call()

    return run


def each_of_ours(call: Callable[[], R]) -> dict[str, Callable[[], R]]:
    """`call` as each of the contenders "ours" (DECODERS)."""
    return {name: decoding_with(loads, call) for name, loads in DECODERS.items()}


_OBJECTS = {member.value: member for member in InvitationObject}
_STATUSES = {member.value: member for member in InvitationStatus}
_KNOWN_KEYS = frozenset(Invitation.from_dict.__globals__["_KNOWN_KEYS"])


def unchecked_parse(page: bytes) -> list[Invitation]:
    """A page read as the client read it before issue 20 (no type checks), what the checks' cost is measured
    against: decoded by json_loads (set_json_decoder's decoder, the depth limit), each invitation built as
    from_dict built it then, its values as they are."""
    items = client_types.json_loads(page)
    assert isinstance(items, list)
    for index, data in enumerate(items):
        invitation = object.__new__(Invitation)
        invitation.object_ = _OBJECTS.get(data["object"]) or InvitationObject(data["object"])
        invitation.id = data["id"]
        invitation.email_address = data["email_address"]
        invitation.public_metadata = dict(data["public_metadata"])
        invitation.status = _STATUSES.get(data["status"]) or InvitationStatus(data["status"])
        invitation.created_at = data["created_at"]
        invitation.updated_at = data["updated_at"]
        invitation.revoked = data.get("revoked", UNSET)
        invitation.url = data.get("url", UNSET)
        invitation.expires_at = data.get("expires_at", UNSET)
        known = (
            7 + (invitation.revoked is not UNSET) + (invitation.url is not UNSET) + (invitation.expires_at is not UNSET)
        )
        extra = {key: value for key, value in data.items() if key not in _KNOWN_KEYS} if len(data) > known else {}
        invitation.additional_properties = extra
        items[index] = invitation
    return items


@dataclass(frozen=True)
class Settings:
    rounds: int
    batch_seconds: float
    slow_rounds: int  # for the comparisons whose single call takes a large fraction of a second
    # A scan of 5,000 invitations takes 20-70 ms: batches of several scans, so that one garbage collection
    # (or one hiccup of the machine) weighs on a batch less.
    scan_batch_seconds: float


FULL = Settings(rounds=31, batch_seconds=0.05, slow_rounds=9, scan_batch_seconds=0.25)
SMOKE = Settings(rounds=2, batch_seconds=0.002, slow_rounds=1, scan_batch_seconds=0.002)


@dataclass(frozen=True)
class Target:
    text: str
    bound: float
    inclusive: bool

    def met(self, ratio: float) -> bool:
        return ratio <= self.bound if self.inclusive else ratio < self.bound


PARSE_UNDER_JSON_LOADS = Target("<= 0.7", 0.7, inclusive=True)
CHECKS_WITHIN_TEN_PERCENT = Target("<= 1.1", 1.1, inclusive=True)
UNDER_BARE_HTTPX = Target("<= 0.9", 0.9, inclusive=True)
FASTER_THAN_OFFICIAL = Target("< 1.0", 1.0, inclusive=False)
NEAR_BARE_HTTPX = Target("<= 1.3", 1.3, inclusive=True)
IMPORT_UNDER_A_THIRD = Target("< 0.333", 1 / 3, inclusive=False)
HALF_OF_OFFICIAL = Target("<= 0.5", 0.5, inclusive=True)
UNDER_BARE_LOOP = Target("<= 0.9", 0.9, inclusive=True)


@dataclass(frozen=True)
class Row:
    label: str
    ratio: float
    target: Target | None = None


@dataclass(frozen=True)
class Clients:
    ours: AuthenticatedClient
    official: Clerk
    bare: httpx.Client
    bare_async: httpx.AsyncClient


def expect_page(name: str, result: object, size: int, item_types: dict[str, type] = ITEM_TYPES) -> None:
    """Fail the bench unless a contender returned `size` items of the type it should (in `data` for a page)."""
    item_type = item_types[name]
    items = result.get("data") if isinstance(result, dict) else getattr(result, "data", result)
    if not (isinstance(items, list) and len(items) == size and all(isinstance(i, item_type) for i in items)):
        raise RuntimeError(f"{name} did not return {size} {item_type.__name__}: {result!r:.200}")


async def compare_sync(
    calls: dict[str, Callable[[], object]], size: int, settings: Settings, item_types: dict[str, type] = ITEM_TYPES
) -> dict[str, float]:
    for name, call in calls.items():
        expect_page(name, call(), size, item_types)
    batches = {name: sync_batch(call) for name, call in calls.items()}
    return await interleaved_medians(batches, settings.rounds, settings.batch_seconds)


async def compare_async(
    calls: dict[str, Callable[[], Awaitable[object]]],
    size: int,
    settings: Settings,
    item_types: dict[str, type] = ITEM_TYPES,
) -> dict[str, float]:
    for name, call in calls.items():
        expect_page(name, await call(), size, item_types)
    batches = {name: async_batch(call) for name, call in calls.items()}
    return await interleaved_medians(batches, settings.rounds, settings.batch_seconds)


async def page_size_rows(clients: Clients, size: int, settings: Settings) -> list[Row]:
    page = invitation_page(size)
    response = httpx.Response(200, content=page, headers={"Content-Type": "application/json"})

    def parse_ours() -> object:
        return list_invitations._parse_response(response)

    parse = await compare_sync(
        {
            **each_of_ours(parse_ours),
            UNCHECKED[OURS_ORJSON]: decoding_with(orjson.loads, lambda: unchecked_parse(page)),
            UNCHECKED[OURS_STDLIB]: decoding_with(json.loads, lambda: unchecked_parse(page)),
            JSON_LOADS: lambda: json.loads(page),
            # What the official SDK does with a 200 response; `body` decodes afresh, as each new response would.
            OFFICIAL: lambda: unmarshal_json_response(list[OfficialInvitation], response, body=page.decode()),
        },
        size,
        settings,
    )

    def sync_ours() -> object:
        return list_invitations.sync(client=clients.ours, limit=size)

    end_to_end_sync = await compare_sync(
        {
            **each_of_ours(sync_ours),
            OFFICIAL: lambda: clients.official.invitations.list(limit=size),
            BARE: lambda: json.loads(clients.bare.get("/invitations", params={"limit": size}).content),
        },
        size,
        settings,
    )

    async def bare_async_call() -> object:
        return json.loads((await clients.bare_async.get("/invitations", params={"limit": size})).content)

    def async_ours() -> Awaitable[object]:
        return list_invitations.asyncio(client=clients.ours, limit=size)

    end_to_end_async = await compare_async(
        {
            **each_of_ours(async_ours),
            OFFICIAL: lambda: clients.official.invitations.list_async(limit=size),
            BARE: bare_async_call,
        },
        size,
        settings,
    )
    at_target_size = size == TARGET_PAGE_SIZE
    # The targets are judged on the msgspec extra; the others show what the Python path gets, the checks' cost on
    # each path (ours over the same page read without checks) and, for the standard library, that it stays within 10%.
    rows = [
        Row(
            f"parse: {OURS} / json.loads",
            parse[OURS] / parse[JSON_LOADS],
            PARSE_UNDER_JSON_LOADS if at_target_size else None,
        ),
        Row(f"parse: {OURS_ORJSON} / json.loads", parse[OURS_ORJSON] / parse[JSON_LOADS]),
        Row(f"parse: {OURS_STDLIB} / json.loads", parse[OURS_STDLIB] / parse[JSON_LOADS]),
        Row("parse: official SDK / json.loads", parse[OFFICIAL] / parse[JSON_LOADS]),
    ]
    for ours in DECODERS:
        target = CHECKS_WITHIN_TEN_PERCENT if at_target_size and ours == OURS_STDLIB else None
        rows.append(Row(f"checked: {ours} / {UNCHECKED[ours]}", parse[ours] / parse[UNCHECKED[ours]], target))
    for mode, medians in (("sync", end_to_end_sync), ("async", end_to_end_async)):
        for ours in DECODERS:
            rows.append(
                Row(
                    f"{mode} end to end: {ours} / official SDK", medians[ours] / medians[OFFICIAL], FASTER_THAN_OFFICIAL
                )
            )
        for ours in DECODERS:
            target = UNDER_BARE_HTTPX if at_target_size and ours == OURS else None
            rows.append(Row(f"{mode} end to end: {ours} / bare httpx", medians[ours] / medians[BARE], target))
        rows.append(Row(f"{mode} end to end: official SDK / bare httpx", medians[OFFICIAL] / medians[BARE]))
    return rows


def ours_against_both(
    by_mode: dict[str, dict[str, float]], label: str, official_target: Target, bare_target: Target
) -> list[Row]:
    """Ours, each way, against the official SDK and bare httpx, for each mode; the targets judge msgspec's.

    `label` names a row from `mode`, `ours` and `other` (the official SDK, or bare httpx).
    """
    rows = []
    for mode, medians in by_mode.items():
        for other, target in ((OFFICIAL, official_target), (BARE, bare_target)):
            name = "official SDK" if other == OFFICIAL else "bare httpx"
            rows += [
                Row(
                    label.format(mode=mode, ours=ours, other=name),
                    medians[ours] / medians[other],
                    target if ours == OURS else None,
                )
                for ours in DECODERS
            ]
    return rows


async def organization_rows(clients: Clients, settings: Settings) -> list[Row]:
    """One organization's invitations, 500 per page, through `{data, total_count}`: end to end, sync and async."""
    size, path = MAX_PAGE_SIZE, f"/organizations/{ORGANIZATION_ID}/invitations"

    def sync_ours() -> object:
        return list_organization_invitations.sync(ORGANIZATION_ID, client=clients.ours, limit=size)

    def async_ours() -> Awaitable[object]:
        return list_organization_invitations.asyncio(ORGANIZATION_ID, client=clients.ours, limit=size)

    async def bare_async_call() -> object:
        return json.loads((await clients.bare_async.get(path, params={"limit": size})).content)

    official = clients.official.organization_invitations
    sync_medians = await compare_sync(
        {
            **each_of_ours(sync_ours),
            OFFICIAL: lambda: official.list(organization_id=ORGANIZATION_ID, limit=size),
            BARE: lambda: json.loads(clients.bare.get(path, params={"limit": size}).content),
        },
        size,
        settings,
        ORGANIZATION_ITEM_TYPES,
    )
    async_medians = await compare_async(
        {
            **each_of_ours(async_ours),
            OFFICIAL: lambda: official.list_async(organization_id=ORGANIZATION_ID, limit=size),
            BARE: bare_async_call,
        },
        size,
        settings,
        ORGANIZATION_ITEM_TYPES,
    )
    by_mode = {"sync": sync_medians, "async": async_medians}
    return ours_against_both(by_mode, "{mode} end to end: {ours} / {other}", HALF_OF_OFFICIAL, NEAR_BARE_HTTPX)


def official_scan(clients: Clients) -> list[OfficialInvitation]:
    """The offset loop the official SDK's users write: it can't read `paginated=true`, so it stops at a short page."""
    invitations: list[OfficialInvitation] = []
    while True:
        page = clients.official.invitations.list(limit=MAX_PAGE_SIZE, offset=len(invitations))
        invitations += page
        if len(page) < MAX_PAGE_SIZE:
            return invitations


async def official_scan_async(clients: Clients) -> list[OfficialInvitation]:
    invitations: list[OfficialInvitation] = []
    while True:
        page = await clients.official.invitations.list_async(limit=MAX_PAGE_SIZE, offset=len(invitations))
        invitations += page
        if len(page) < MAX_PAGE_SIZE:
            return invitations


def bare_params(offset: int) -> dict[str, str | int]:
    return {"limit": MAX_PAGE_SIZE, "offset": offset, "paginated": "true"}


def bare_scan(clients: Clients) -> list[dict[str, object]]:
    """The bare loop: httpx and json.loads, reading `total_count` as ours does; no models, no de-duplication."""
    invitations: list[dict[str, object]] = []
    while True:
        page = json.loads(clients.bare.get("/invitations", params=bare_params(len(invitations))).content)
        invitations += page["data"]
        if not page["data"] or len(invitations) >= page["total_count"]:
            return invitations


async def bare_scan_async(clients: Clients) -> list[dict[str, object]]:
    invitations: list[dict[str, object]] = []
    while True:
        response = await clients.bare_async.get("/invitations", params=bare_params(len(invitations)))
        page = json.loads(response.content)
        invitations += page["data"]
        if not page["data"] or len(invitations) >= page["total_count"]:
            return invitations


async def scan_rows(clients: Clients, settings: Settings) -> list[Row]:
    """Every one of the server's 5,000 invitations, page after page of 500, into one list; a batch is one scan."""

    def ours() -> object:
        return list(list_invitations.sync_all(client=clients.ours))

    async def ours_async() -> object:
        return [invitation async for invitation in list_invitations.asyncio_all(client=clients.ours)]

    settings = replace(settings, batch_seconds=settings.scan_batch_seconds)
    sync = await compare_sync(
        {
            **each_of_ours(ours),
            OFFICIAL: lambda: official_scan(clients),
            BARE: lambda: bare_scan(clients),
        },
        TOTAL_INVITATIONS,
        settings,
    )
    async_ = await compare_async(
        {
            **each_of_ours(ours_async),
            OFFICIAL: lambda: official_scan_async(clients),
            BARE: lambda: bare_scan_async(clients),
        },
        TOTAL_INVITATIONS,
        settings,
    )
    by_mode = {"sync": sync, "async": async_}
    return ours_against_both(by_mode, "{mode}: {ours} / {other} loop", HALF_OF_OFFICIAL, UNDER_BARE_LOOP)


async def concurrent_rows(clients: Clients, settings: Settings) -> list[Row]:
    calls: dict[str, Callable[[], Awaitable[object]]] = {
        OURS: decoding_with(None, lambda: list_invitations.asyncio(client=clients.ours, limit=CONCURRENT_PAGE_SIZE)),
        OFFICIAL: lambda: clients.official.invitations.list_async(limit=CONCURRENT_PAGE_SIZE),
    }

    def all_at_once(call: Callable[[], Awaitable[object]]) -> Callable[[], Awaitable[list[object]]]:
        async def gather() -> list[object]:
            return await asyncio.gather(*(call() for _ in range(CONCURRENT_CALLS)))

        return gather

    for name, call in calls.items():
        for result in await all_at_once(call)():
            expect_page(name, result, CONCURRENT_PAGE_SIZE)
    batches = {name: async_batch(all_at_once(call)) for name, call in calls.items()}
    wall = await interleaved_medians(batches, settings.slow_rounds, batch_seconds=0)
    return [Row(f"wall time: {OURS} / official SDK", wall[OURS] / wall[OFFICIAL])]


def import_seconds(python: str, statement: str) -> float:
    """Time `statement` in a fresh interpreter, from its first import to its last (interpreter start excluded)."""
    code = f"import time; start = time.perf_counter(); {statement}; print(time.perf_counter() - start)"
    completed = subprocess.run(
        [python, "-c", code], capture_output=True, text=True, check=True, timeout=SUBPROCESS_TIMEOUT_S
    )
    return float(completed.stdout)


def import_batch(python: str, statement: str) -> Batch:
    async def run(count: int) -> float:
        return sum(import_seconds(python, statement) for _ in range(count))

    return run


async def import_rows(settings: Settings, python: str) -> list[Row]:
    batches = {name: import_batch(python, statement) for name, statement in IMPORT_STATEMENTS.items()}
    medians = await interleaved_medians(batches, settings.slow_rounds, batch_seconds=0)
    return [Row("import time: ours / official SDK", medians[OURS] / medians[OFFICIAL], IMPORT_UNDER_A_THIRD)]


def print_table(title: str, rows: list[Row]) -> None:
    print(f"\n{title}")
    print(f"  {'comparison':<60} {'ratio':>7}  {'target':<8} verdict")
    for row in rows:
        target = row.target.text if row.target else ""
        verdict = "" if row.target is None else "met" if row.target.met(row.ratio) else "NOT MET"
        print(f"  {row.label:<60} {row.ratio:>6.2f}x  {target:<8} {verdict}".rstrip())


def print_summary(rows: list[Row]) -> None:
    judged = [row for row in rows if row.target is not None]
    missed = [row for row in judged if row.target is not None and not row.target.met(row.ratio)]
    print(f"\nTargets met: {len(judged) - len(missed)} of {len(judged)}")
    for row in missed:
        assert row.target is not None
        print(f"  NOT MET: {row.label} = {row.ratio:.2f}x (target {row.target.text})")


async def run(settings: Settings, import_python: str) -> None:
    all_rows: list[Row] = []
    with running_server() as base_url:
        async with AsyncExitStack() as stack:
            ours = AuthenticatedClient(base_url=base_url, token=DUMMY_SECRET_KEY)
            official = Clerk(bearer_auth=DUMMY_SECRET_KEY, server_url=base_url)
            for client in (ours, official):
                stack.enter_context(client)
                await stack.enter_async_context(client)
            auth = {"Authorization": f"Bearer {DUMMY_SECRET_KEY}"}
            clients = Clients(
                ours=ours,
                official=official,
                bare=stack.enter_context(httpx.Client(base_url=base_url, headers=auth)),
                bare_async=await stack.enter_async_context(httpx.AsyncClient(base_url=base_url, headers=auth)),
            )
            # What setup left (both SDKs' modules, the server's pages) is long-lived: frozen, the garbage
            # collector doesn't rescan it, so a collection costs what the contender being timed allocated.
            gc.freeze()
            for size in PAGE_SIZES:
                rows = await page_size_rows(clients, size, settings)
                print_table(f"{size} invitations per page ({len(invitation_page(size)):,} bytes of JSON)", rows)
                all_rows += rows
            rows = await organization_rows(clients, settings)
            print_table(f"One organization's invitations, {MAX_PAGE_SIZE} per page ({{data, total_count}})", rows)
            all_rows += rows
            rows = await scan_rows(clients, settings)
            print_table(f"Every one of {TOTAL_INVITATIONS:,} invitations, pages of {MAX_PAGE_SIZE}", rows)
            all_rows += rows
            rows = await concurrent_rows(clients, settings)
            print_table(f"{CONCURRENT_CALLS} concurrent async list calls of {CONCURRENT_PAGE_SIZE} invitations", rows)
            all_rows += rows
    rows = await import_rows(settings, import_python)
    print_table("Import, fresh interpreter: " + " vs ".join(f"`{s}`" for s in IMPORT_STATEMENTS.values()), rows)
    print_summary(all_rows + rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--smoke", action="store_true", help="run every comparison once or twice: seconds, not minutes")
    parser.add_argument(
        "--import-python", default=sys.executable, help="the interpreter to time imports in (default: this one)"
    )
    arguments = parser.parse_args()
    smoke = arguments.smoke
    settings = SMOKE if smoke else FULL
    mode = " (SMOKE: too few rounds for the numbers to mean anything)" if smoke else ""
    print(
        f"clerk-invitations-client bench{mode}\n"
        f"Python {platform.python_version()}, clerk-backend-api {importlib.metadata.version('clerk-backend-api')}, "
        f"{os.cpu_count()} cores. Medians of {settings.rounds} interleaved rounds "
        f"({settings.slow_rounds} for concurrency and import); a ratio below 1.00x means the first named is faster.\n"
        "The heap left by setup is frozen (gc.freeze) before timing; imports are timed in "
        f"{arguments.import_python}."
    )
    asyncio.run(run(settings, arguments.import_python))


if __name__ == "__main__":
    main()
