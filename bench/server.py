"""A minimal keep-alive HTTP/1.1 server on 127.0.0.1 serving `GET .../invitations` pages, in its own process.

It holds 5,000 invitations and answers `limit`, `offset` and `paginated` as Clerk does, and 5,000 invitations of
one organization at `GET .../organizations/<id>/invitations` (`limit` and `offset`; always `{data, total_count}`).

`python -m bench.server` prints its port on the first line of stdout, then serves until terminated or until
MAX_LIFETIME_S has passed. `running_server()` starts and stops it around a block.
"""

from __future__ import annotations

import asyncio
import contextlib
import subprocess
import sys
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

from bench.pages import MAX_PAGE_SIZE, invitation_page, organization_invitation_page

HOST = "127.0.0.1"
MAX_LIFETIME_S = 900.0
STOP_TIMEOUT_S = 20.0
PAGINATED = {"true": True, "false": False}


def _response(status: str, body: bytes) -> bytes:
    head = f"HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    return head.encode() + body


def respond(request_head: bytes) -> bytes:
    """The whole response to one request, given the bytes before its blank line."""
    method, target, _version = request_head.split(b"\r\n", 1)[0].decode("latin-1").split(" ", 2)
    url = urlsplit(target)
    if method != "GET" or not url.path.endswith("/invitations"):
        return _response("404 Not Found", b'{"errors":[{"code":"resource_not_found"}]}')
    query = parse_qs(url.query)
    limit, offset = query.get("limit", ["10"])[0], query.get("offset", ["0"])[0]
    paginated = query.get("paginated", ["false"])[0]
    if not (limit.isdigit() and 1 <= int(limit) <= MAX_PAGE_SIZE and offset.isdigit() and paginated in PAGINATED):
        return _response("422 Unprocessable Entity", b'{"errors":[{"code":"form_param_value_invalid"}]}')
    if "/organizations/" in url.path:
        return _response("200 OK", organization_invitation_page(int(limit), int(offset)))
    return _response("200 OK", invitation_page(int(limit), int(offset), PAGINATED[paginated]))


class PageProtocol(asyncio.Protocol):
    """One connection: answers each request (GETs, no bodies) as soon as its head has arrived."""

    def __init__(self) -> None:
        self._buffer = b""
        self._transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self._transport = transport

    def data_received(self, data: bytes) -> None:
        assert self._transport is not None
        self._buffer += data
        while (end := self._buffer.find(b"\r\n\r\n")) >= 0:
            head, self._buffer = self._buffer[:end], self._buffer[end + 4 :]
            self._transport.write(respond(head))


async def serve() -> None:
    server = await asyncio.get_running_loop().create_server(PageProtocol, HOST, 0, backlog=1024)
    port = server.sockets[0].getsockname()[1]
    print(port, flush=True)
    async with server:
        await asyncio.sleep(MAX_LIFETIME_S)


@contextlib.contextmanager
def running_server() -> Iterator[str]:
    """Run the server in a child process for the block; yields its base URL."""
    process = subprocess.Popen([sys.executable, "-m", "bench.server"], stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        port_line = process.stdout.readline()
        if not port_line.strip().isdigit():
            raise RuntimeError(f"bench server did not start (exit code {process.poll()})")
        yield f"http://{HOST}:{port_line.strip()}/v1"
    finally:
        process.terminate()
        process.wait(timeout=STOP_TIMEOUT_S)


if __name__ == "__main__":
    asyncio.run(serve())
