"""The connection pools a client and its copies share: one httpx.Client, one httpx.AsyncClient per event loop.

httpx's async clients can't be shared between event loops (httpcore's pool binds to the loop that first
uses it, and a closed loop's connections can't be used again): each asyncio loop gets its own, kept while
the loop is open. After os.fork() the child forgets the parent's connections (register_at_fork).
"""

from __future__ import annotations

import os
import threading
import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from ._httpx_internals import bound_by_deadline, forget_connections
from .errors import InvalidArgumentError

if TYPE_CHECKING:
    import asyncio

    import httpx

    from .client import Client

_HttpxClient = TypeVar("_HttpxClient", "httpx.Client", "httpx.AsyncClient")


class SharedConnections:
    """The httpx clients of a client and its copies, built on first use from the owner's settings."""

    def __init__(self, owner: Client, httpx_client_args: Callable[[], dict[str, Any]]) -> None:
        self.owner = owner
        """The client that built this pool (not a copy): closing it closes the pool."""
        self._httpx_client_args = httpx_client_args
        """The owner's settings, as the arguments of an httpx client."""
        self._lock = threading.Lock()
        self.closed = False
        self.sync: httpx.Client | None = None
        self.chosen_async: httpx.AsyncClient | None = None
        """The one set_async_httpx_client set, used from every event loop."""
        self._by_loop: dict[int, tuple[Callable[[], asyncio.AbstractEventLoop | None], httpx.AsyncClient]] = {}
        _ALL_CONNECTIONS.add(self)

    def sync_client(self) -> httpx.Client:
        if self.sync is None:
            with self._lock:
                if self.sync is None:
                    import httpx  # noqa: PLC0415 - imported with the first httpx client: see client.py

                    self.sync = bound_by_deadline(self._built(httpx.Client))
        return self.sync

    def async_client(self) -> httpx.AsyncClient:
        if self.chosen_async is not None:
            return self.chosen_async
        loop = _running_loop()
        entry = self._by_loop.get(id(loop))
        if entry is not None and entry[0]() is loop:
            return entry[1]
        import httpx  # noqa: PLC0415 - imported with the first httpx client: see client.py

        with self._lock:
            entry = self._by_loop.get(id(loop))
            if entry is None or entry[0]() is not loop:
                # A closed loop's connections can't be used again: they close when collected.
                for key, (loop_ref, _) in list(self._by_loop.items()):
                    gone = loop_ref()
                    if gone is None or gone.is_closed():
                        del self._by_loop[key]
                loop_ref = _no_loop if loop is None else weakref.ref(loop)
                entry = self._by_loop[id(loop)] = (loop_ref, self._built(httpx.AsyncClient))
        return entry[1]

    def _built(self, kind: type[_HttpxClient]) -> _HttpxClient:
        """An httpx client of `kind` with the owner's settings; InvalidArgumentError for settings httpx refuses."""
        import httpx  # noqa: PLC0415 - imported with the first httpx client: see client.py

        try:
            return kind(**self._httpx_client_args())
        except (httpx.InvalidURL, TypeError, ValueError) as error:
            message = f"the client's settings can't make an {kind.__name__}: {type(error).__name__}: {error}"
            raise InvalidArgumentError(message) from None

    def close(self, *, awaited_here: bool) -> list[httpx.AsyncClient]:
        """Close the sync connections, and schedule each open event loop's async ones in that loop.

        With `awaited_here` (aclose()), the running loop's async clients, and those of no loop, are returned
        instead, to be awaited; without it (close()), those of no loop are left to close when collected.
        """
        self.closed = True
        if self.sync is not None:
            self.sync.close()
        current = _running_loop()
        here: list[httpx.AsyncClient] = []
        by_loop = [(loop_ref(), client) for loop_ref, client in self._by_loop.values()]
        for loop, client in [*by_loop, *([(current, self.chosen_async)] if self.chosen_async else [])]:
            if awaited_here and loop is current:
                here.append(client)
            elif loop is not None and not loop.is_closed():
                import asyncio  # noqa: PLC0415 - loaded already: the loop runs it

                asyncio.run_coroutine_threadsafe(client.aclose(), loop)
        return here

    def forget(self) -> None:
        """In a forked child: the parent's connections are the parent's (both would read each other's answers)."""
        self._lock = threading.Lock()
        self._by_loop = {}
        for client in (self.sync, self.chosen_async):
            if client is not None:
                forget_connections(client)


def _no_loop() -> None:
    return None


def _running_loop() -> asyncio.AbstractEventLoop | None:
    """The running asyncio event loop; None under another async library, which gets one async client."""
    import asyncio  # noqa: PLC0415 - loaded already under asyncio (or once, under another library)

    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


_ALL_CONNECTIONS: weakref.WeakSet[SharedConnections] = weakref.WeakSet()


def _forget_all_connections() -> None:
    for connections in list(_ALL_CONNECTIONS):
        connections.forget()


os.register_at_fork(after_in_child=_forget_all_connections)
