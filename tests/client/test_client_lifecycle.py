"""A client over a long-running service's life, on real sockets: copies that leave the original as it was and
share its connections, close(), cancellations and interrupts that leave no connection behind, several event
loops and threads, fork, and pickling refused (issues 18 and 19)."""

from __future__ import annotations

import _thread
import asyncio
import contextlib
import copy
import logging
import os
import pickle
import random
import threading
import warnings
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpcore
import httpx
import pytest
from clerk_invitations_client import AuthenticatedClient, errors
from clerk_invitations_client._retry import parse_retry_after
from clerk_invitations_client.api.invitations import list_invitations

from tests.support.calls import TEST_SECRET_KEY
from tests.support.scripted_server import Reply, ScriptedServer, SeenRequest, json_reply, wait_until

SMALL_POOL = 3
EMPTY_LIST = Reply(200, b"[]", {"Content-Type": "application/json"})


def small_pool_client(server: ScriptedServer, **settings: Any) -> AuthenticatedClient:
    limits = httpx.Limits(max_connections=SMALL_POOL, max_keepalive_connections=SMALL_POOL)
    return AuthenticatedClient(base_url=server.url, token=TEST_SECRET_KEY, httpx_args={"limits": limits}, **settings)


def echo_query(invitation_json: dict[str, Any]) -> Any:
    """An answer naming the request: a list of one invitation whose id is the request's `query`."""

    def answer(seen: SeenRequest) -> Reply:
        tag = parse_qs(urlsplit(seen.path).query)["query"][0]
        return json_reply([{**invitation_json, "id": tag}])

    return answer


def pooled_connections(httpx_client: httpx.Client | httpx.AsyncClient) -> int:
    return len(httpx_client._transport._pool.connections)  # type: ignore[union-attr]


# Copies (issue 19, point 1)


def test_copies_leave_the_original_as_it_was_and_share_its_connections(server: ScriptedServer) -> None:
    client = AuthenticatedClient(base_url=server.url, token=TEST_SECRET_KEY, max_retries=0)
    server.answer = lambda seen: EMPTY_LIST
    before = repr(client)
    tagged = client.with_headers({"X-Request-Id": "r-1"})
    list_invitations.sync(client=client)  # the pool is built by the original after the copy was made
    quick = client.with_timeout(httpx.Timeout(0.05))
    cookie = tagged.with_cookies({"tenant": "t-1"})
    strict = client.with_options(max_retries=0, deadline=5.0, max_response_bytes=10, headers={"X-Other": "o"})

    list_invitations.sync(client=tagged)
    list_invitations.sync(client=client)
    list_invitations.sync(client=cookie)
    server.answer = lambda seen: Reply(200, b"[]", {"Content-Type": "application/json"}, delay_s=0.3)
    with pytest.raises(errors.APITimeoutError):
        list_invitations.sync(client=quick)
    assert list_invitations.sync(client=client) == []  # the original's timeout is still 30 s
    server.answer = lambda seen: json_reply([], headers={"X-Pad": "x" * 20})
    with pytest.raises(errors.ResponseTooLargeError):
        list_invitations.sync(client=strict.with_options(max_response_bytes=1))
    assert list_invitations.sync(client=strict) == []

    sent = [(r.headers.get("X-Request-Id"), r.headers.get("Cookie"), r.headers.get("X-Other")) for r in server.requests]
    assert sent == [
        (None, None, None),
        ("r-1", None, None),
        (None, None, None),
        ("r-1", "tenant=t-1", None),
        (None, None, None),  # quick: timed out
        (None, None, None),
        (None, None, "o"),
        (None, None, "o"),
    ]
    assert all(r.headers["Authorization"] == f"Bearer {TEST_SECRET_KEY}" for r in server.requests)
    assert repr(client) == before
    assert (client.max_retries, client.deadline, client.max_response_bytes) == (0, 60.0, 16 * 1024 * 1024)
    assert (strict.max_retries, strict.deadline) == (0, 5.0)
    shared = {id(c.get_httpx_client()) for c in (client, tagged, quick, cookie, strict)}
    assert shared == {id(client.get_httpx_client())}
    assert pooled_connections(client.get_httpx_client()) <= 2  # the timed-out one may be replaced, not one per copy


def test_with_options_refuses_what_the_client_refuses(server: ScriptedServer) -> None:
    client = AuthenticatedClient(base_url=server.url, token=TEST_SECRET_KEY)
    with pytest.raises(errors.InvalidArgumentError):
        client.with_options(max_retries=-1)
    with pytest.raises(errors.InvalidArgumentError):
        client.with_headers({"X-Bad": "line\nbreak"})
    assert copy.copy(client).get_httpx_client() is client.get_httpx_client()


# close() and aclose() (issue 19, point 2)


def test_a_closed_client_and_its_copies_raise_client_closed(server: ScriptedServer) -> None:
    server.answer = lambda seen: EMPTY_LIST
    client = AuthenticatedClient(base_url=server.url, token=TEST_SECRET_KEY)
    copy_of = client.with_headers({"X-Request-Id": "r-1"})
    with copy_of:
        list_invitations.sync(client=copy_of)
    with pytest.raises(errors.ClientClosedError):
        list_invitations.sync(client=copy_of)
    assert list_invitations.sync(client=client) == []  # closing a copy leaves the shared pool open

    with client:
        list_invitations.sync(client=client)
    wait_until(lambda: server.open_connections == 0)
    for closed in (client, copy_of, client.with_options(max_retries=0)):
        with pytest.raises(errors.ClientClosedError):
            list_invitations.sync(client=closed)
        with pytest.raises(errors.ClientClosedError), closed:
            pass
    client.close()  # twice: nothing more happens
    requests = len(server.requests)
    with pytest.raises(errors.ClientClosedError):
        list(list_invitations.sync_all(client=client))
    assert len(server.requests) == requests


def test_aclose_closes_the_loops_connections(server: ScriptedServer) -> None:
    server.answer = lambda seen: EMPTY_LIST
    client = AuthenticatedClient(base_url=server.url, token=TEST_SECRET_KEY)

    async def use_then_close() -> None:
        async with client:
            await list_invitations.asyncio(client=client)
        with pytest.raises(errors.ClientClosedError):
            await list_invitations.asyncio(client=client)
        with pytest.raises(errors.ClientClosedError):
            async with client:
                pass

    asyncio.run(use_then_close())
    wait_until(lambda: server.open_connections == 0)


# Cancellation and interrupts (issue 18, point 1)


def test_cancelled_async_calls_leave_no_connection_behind(server: ScriptedServer) -> None:
    server.answer = lambda seen: Reply(200, b"[]", {"Content-Type": "application/json"}, delay_s=random.random() / 500)
    client = small_pool_client(server)

    async def cancel_at_random_points() -> None:
        for index in range(300):
            call = list_invitations.asyncio(client=client)
            if index % 2:
                with contextlib.suppress(TimeoutError):  # or the call ended first
                    await asyncio.wait_for(call, random.random() / 250)
                continue
            task = asyncio.ensure_future(call)
            await asyncio.sleep(random.random() / 250)
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
        assert await list_invitations.asyncio(client=client, deadline=5) == []
        assert pooled_connections(client.get_async_httpx_client()) <= SMALL_POOL

    asyncio.run(cancel_at_random_points())
    assert server.open_connections <= SMALL_POOL


def test_keyboard_interrupts_in_sync_calls_leave_no_connection_behind(server: ScriptedServer) -> None:
    server.answer = lambda seen: Reply(200, b"[]", {"Content-Type": "application/json"}, delay_s=random.random() / 500)
    client = small_pool_client(server)
    list_invitations.sync(client=client)  # builds the httpx client (70 ms of certificates) uninterrupted
    interrupted = 0
    for _ in range(300):
        timer = threading.Timer(random.random() / 250, _thread.interrupt_main)
        try:
            timer.start()
            try:
                list_invitations.sync(client=client)
            finally:
                timer.join()
        except KeyboardInterrupt:
            interrupted += 1
    assert interrupted > 0
    assert list_invitations.sync(client=client, deadline=5) == []
    assert pooled_connections(client.get_httpx_client()) <= SMALL_POOL
    assert server.open_connections <= SMALL_POOL


# The random interrupts above seldom land where httpcore 1.0 loses a connection (10 of 2,309 did in issue 18):
# the test below interrupts calls at such a point every time. An interrupt inside a socket read, write or
# connect is no such point: httpcore closes that connection itself.


class InterruptingLogHandler(logging.Handler):
    """Raises KeyboardInterrupt from httpx's record of a response: the response exists, the caller doesn't hold it."""

    def emit(self, record: logging.LogRecord) -> None:
        raise KeyboardInterrupt


def in_use(pool: httpcore.ConnectionPool | httpcore.AsyncConnectionPool) -> list[str]:
    """The pool's connections that are neither idle nor closed, and its requests: none once no call runs."""
    busy = [repr(connection) for connection in pool.connections if not (connection.is_idle() or connection.is_closed())]
    return busy + [f"request {request!r}" for request in pool._requests]


@contextlib.contextmanager
def interrupting_httpx_log() -> Iterator[None]:
    """KeyboardInterrupt from httpx's INFO record of each response, inside the block."""
    httpx_log, handler = logging.getLogger("httpx"), InterruptingLogHandler()
    level = httpx_log.level
    httpx_log.addHandler(handler)
    httpx_log.setLevel(logging.INFO)
    try:
        yield
    finally:
        httpx_log.removeHandler(handler)
        httpx_log.setLevel(level)


def test_a_keyboard_interrupt_as_httpx_logs_the_response_leaves_no_connection_behind(server: ScriptedServer) -> None:
    """The connection is busy with a response that the caller never gets, to close it."""
    server.answer = lambda seen: EMPTY_LIST
    client = small_pool_client(server)
    pool = client.get_httpx_client()._transport._pool  # type: ignore[attr-defined]
    for _ in range(SMALL_POOL + 1):
        with interrupting_httpx_log(), pytest.raises(KeyboardInterrupt):
            list_invitations.sync(client=client)
        assert in_use(pool) == []
    assert list_invitations.sync(client=client, deadline=5) == []


class CancellingBackend(httpcore.AsyncNetworkBackend):
    """httpcore's async network backend, cancelling the calling task as a connection is made, once armed."""

    def __init__(self) -> None:
        self._backend = httpcore.AnyIOBackend()
        self.armed = False

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Any = None,
    ) -> httpcore.AsyncNetworkStream:
        stream = await self._backend.connect_tcp(host, port, timeout, local_address, socket_options)
        if self.armed:
            self.armed = False
            asyncio.current_task().cancel()  # type: ignore[union-attr]
        return stream

    async def sleep(self, seconds: float) -> None:
        await self._backend.sleep(seconds)


def test_a_call_cancelled_as_its_connection_is_made_leaves_no_connection_behind(server: ScriptedServer) -> None:
    """The connection is made but not yet the call's: cancelled at that await, httpcore loses it."""
    server.answer = lambda seen: EMPTY_LIST
    limits = httpx.Limits(max_connections=SMALL_POOL, max_keepalive_connections=SMALL_POOL)
    transport = httpx.AsyncHTTPTransport(limits=limits)
    backend = transport._pool._network_backend = CancellingBackend()
    client = AuthenticatedClient(base_url=server.url, token=TEST_SECRET_KEY, httpx_args={"transport": transport})

    async def cancelled_calls() -> None:
        for _ in range(SMALL_POOL + 1):
            backend.armed = True
            with pytest.raises(asyncio.CancelledError):
                await list_invitations.asyncio(client=client)
            assert in_use(transport._pool) == []
        assert await list_invitations.asyncio(client=client, deadline=5) == []

    asyncio.run(cancelled_calls())


# Event loops, threads and fork (issue 18, point 2)


def test_one_client_serves_one_event_loop_after_another(server: ScriptedServer) -> None:
    server.answer = lambda seen: EMPTY_LIST
    client = AuthenticatedClient(base_url=server.url, token=TEST_SECRET_KEY)
    for _ in range(3):
        assert asyncio.run(list_invitations.asyncio(client=client)) == []


def test_threads_with_their_own_event_loops_share_one_client(
    server: ScriptedServer, invitation_json: dict[str, Any]
) -> None:
    server.answer = echo_query(invitation_json)
    client = small_pool_client(server)
    failures: list[BaseException] = []

    async def calls(thread: int) -> None:
        for index in range(50):
            tag = f"inv_{thread}_{index}"
            [invitation] = await list_invitations.asyncio(client=client, query=tag)
            assert invitation.id == tag

    def in_own_loop(thread: int) -> None:
        try:
            asyncio.run(calls(thread))
        except BaseException as error:  # noqa: BLE001 - any failure is reported by the test
            failures.append(error)

    threads = [threading.Thread(target=in_own_loop, args=(thread,)) for thread in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [type(error).__name__ for error in failures] == []
    assert len(server.requests) == 200


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")
def test_after_fork_parent_and_child_each_get_their_own_responses(
    server: ScriptedServer, invitation_json: dict[str, Any]
) -> None:
    server.answer = echo_query(invitation_json)
    client = AuthenticatedClient(base_url=server.url, token=TEST_SECRET_KEY, max_retries=0)
    list_invitations.sync(client=client, query="before")  # a pooled connection for the child to inherit

    def own_answers(who: str) -> int:
        wrong = 0
        for index in range(50):
            tag = f"{who}_{index}"
            [invitation] = list_invitations.sync(client=client, query=tag)
            wrong += invitation.id != tag
        return wrong

    child = os.fork()
    if child == 0:  # pragma: no cover - the child reports through its exit status
        try:
            os._exit(min(own_answers("child"), 100))
        except BaseException:
            os._exit(101)
    parent_wrong = own_answers("parent")
    _, status = os.waitpid(child, 0)
    assert (parent_wrong, os.waitstatus_to_exitcode(status)) == (0, 0)


# Pickle


def test_a_client_refuses_to_be_pickled_with_the_packages_exception(server: ScriptedServer) -> None:
    server.answer = lambda seen: EMPTY_LIST
    client = AuthenticatedClient(base_url=server.url, token=TEST_SECRET_KEY)
    for state in ("new", "used"):
        with pytest.raises(errors.UnpicklableClientError) as raised:
            pickle.dumps(client)
        assert isinstance(raised.value, TypeError)
        assert TEST_SECRET_KEY not in str(raised.value), state
        with pytest.raises(errors.UnpicklableClientError):
            copy.deepcopy(client)
        list_invitations.sync(client=client)


# Bad settings and the key (issue 18, point 5)

BAD_BASE_URLS = [
    "http://[::1/v1",
    12345,
    "ftp://api.clerk.com/v1",
    "http:///v1",
    "http://host:port/v1",
    "http://api..clerk.com/v1",  # the sync socket raised a bare UnicodeError
    f"http://{'a' * 64}.com/v1",
]


@pytest.mark.parametrize("base_url", BAD_BASE_URLS, ids=repr)
def test_a_bad_base_url_is_refused_with_the_packages_exception(base_url: Any) -> None:
    with pytest.raises(errors.InvalidArgumentError, match="base_url"):
        AuthenticatedClient(base_url=base_url, token=TEST_SECRET_KEY)


def test_every_entry_point_raises_only_the_packages_exceptions_for_a_url_httpx_refuses() -> None:
    """A base URL that passes the construction check but not httpx's (a tab in the host, which urlsplit drops):
    sync_page, sync_all and `with client:` let httpx.InvalidURL out before."""
    client = AuthenticatedClient(base_url="http://ex\tample.com/v1", token=TEST_SECRET_KEY)
    with client:  # nothing is built on entering
        pass
    client = AuthenticatedClient(base_url="http://ex\tample.com/v1", token=TEST_SECRET_KEY)
    entry_points: list[Callable[[], object]] = [
        lambda: list_invitations.sync(client=client),
        lambda: list_invitations.sync_page(client=client),
        lambda: list(list_invitations.sync_all(client=client)),
        lambda: asyncio.run(list_invitations.asyncio(client=client)),
        lambda: asyncio.run(list_invitations.asyncio_page(client=client)),
    ]
    for entry_point in entry_points:
        with pytest.raises(errors.ClerkInvitationsError):
            entry_point()


def test_userinfo_in_base_url_is_refused_without_showing_the_password() -> None:
    with pytest.raises(errors.InvalidArgumentError, match="user name or password") as raised:
        AuthenticatedClient(base_url="http://user:hunter2@127.0.0.1/v1", token=TEST_SECRET_KEY)
    assert "hunter2" not in str(raised.value)


def reachable(root: object) -> list[object]:
    """Every object reachable from an exception through its chain and attributes, recursively."""
    seen: dict[int, object] = {}
    todo = [root]
    while todo:
        item = todo.pop()
        if id(item) in seen or item is None or isinstance(item, str | bytes | int | float | bool | type):
            continue
        seen[id(item)] = item
        if isinstance(item, BaseException):
            todo += [item.__cause__, item.__context__, *item.args]
        if isinstance(item, dict):
            todo += [*item.keys(), *item.values()]
        elif isinstance(item, list | tuple | set):
            todo += list(item)
        todo += list(getattr(item, "__dict__", {}).values())
        todo += [getattr(item, slot, None) for slot in getattr(type(item), "__slots__", ())]
    return list(seen.values())


@pytest.mark.parametrize("auth_header_name", ["Authorization", "X-Api-Key"])
def test_no_request_holding_the_key_is_reachable_from_an_exception(
    server: ScriptedServer, auth_header_name: str
) -> None:
    refused = AuthenticatedClient(
        base_url="http://127.0.0.1:1", token=TEST_SECRET_KEY, max_retries=0, auth_header_name=auth_header_name
    )
    dropped = AuthenticatedClient(base_url=server.url, token=TEST_SECRET_KEY, max_retries=0, deadline=0.3)
    server.script(Reply(hang=True))
    for client in (refused, dropped):
        for mode in ("sync", "async"):
            with pytest.raises(errors.APIConnectionError) as raised:
                if mode == "sync":
                    list_invitations.sync(client=client)
                else:
                    asyncio.run(list_invitations.asyncio(client=client))
            found = reachable(raised.value)
            assert not [type(item).__name__ for item in found if isinstance(item, httpx.Request | httpx.Headers)]
            assert not any(TEST_SECRET_KEY in repr(item) for item in found), "the key is reachable"
            server.script(Reply(hang=True))


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("3", 3.0),
        (" 12 ", 12.0),
        ("0", 0.0),
        ("inf", None),
        ("nan", None),
        ("1e400", None),
        ("1_0", None),
        ("1.5", None),
        ("-1", None),
        ("²", None),
        ("", None),
        ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0),
    ],
)
def test_retry_after_is_read_as_http_writes_it(value: str, seconds: float | None) -> None:
    assert parse_retry_after(value) == seconds


def test_a_live_key_over_plain_http_to_another_host_warns(server: ScriptedServer) -> None:
    live = "sk_live_" + "a" * 40
    with pytest.warns(errors.InsecureKeyWarning):
        AuthenticatedClient(base_url="http://api.example.invalid/v1", token=live).get_httpx_client()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for base_url in (
            "https://api.example.invalid/v1",
            "http://127.0.0.1:1/v1",
            "http://[::1]:1/",
            "http://localhost/",
        ):
            AuthenticatedClient(base_url=base_url, token=live).get_httpx_client()
        AuthenticatedClient(base_url="http://api.example.invalid/v1", token=TEST_SECRET_KEY).get_httpx_client()
