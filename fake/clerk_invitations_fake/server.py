"""Serve an httpx request handler over real HTTP/1.1 on loopback, from a thread; h11 reads each request.

Connections are kept alive between requests; each request, headers and body, must arrive whole within
`idle_timeout` seconds of the server starting to wait for it, or the connection is closed. At most
`max_connections` are served at once; later ones wait to be accepted. Closing the server closes them all.
The server answers what it can't frame itself, before the handler sees it, with a ClerkErrors body,
and closes the connection: what h11 finds malformed (400, a Transfer-Encoding other than chunked
included, where h11 suggests 501), a Content-Length beside chunked (400, where h11 lets chunked win),
a request line or head over MAX_HEAD_BYTES (414, 431), a body over MAX_BODY_BYTES (413), a request that
doesn't arrive whole in time (408). A handler that raises an httpx.TransportError gets the connection
closed without an answer.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import socket
import socketserver
import sys
import threading
import time
from collections.abc import Callable, Generator
from typing import Any
from urllib.parse import urlsplit

import h11
import httpx

from clerk_invitations_fake.errors import ClerkErrorReply, body_too_large, protocol_error

SHUTDOWN_POLL_S = 0.01  # how soon the serving thread notices a shutdown: tests start and stop many servers
IDLE_TIMEOUT_S = 15.0
"""Seconds within which a connection's next request must arrive whole, headers and body, or it is closed.

Longer than the idle time after which httpx drops a pooled connection itself (5 s), so that an httpx
client never sends a request on a connection the server is closing."""
MAX_CONNECTIONS = 512
"""Connections served at once, one thread each; past it, new ones wait to be accepted until one closes."""
MAX_BODY_BYTES = 1024 * 1024
"""The largest request body answered (the fake's own limit): a bigger one gets a 413 before the rest is read."""
MAX_HEAD_BYTES = 65536
"""The most h11 keeps of a request line and headers (or a chunk's size line, or trailers) still arriving."""
READ_BYTES = 4096  # h11 measures a head between reads: one may pass MAX_HEAD_BYTES by less than this
# Sent whole with a Content-Length of our own, whatever framing the handler's response names.
FRAMING_HEADERS = {b"content-length", b"transfer-encoding"}

Handler = Callable[[httpx.Request], httpx.Response]


class RequestTimedOut(Exception):
    """The request did not arrive whole before its deadline."""


def check_framing(head: h11.Request) -> None:
    """The fake's rules on top of h11's: one framing, and a body within MAX_BODY_BYTES."""
    lengths = [int(value) for name, value in head.headers if name == b"content-length"]
    if lengths and any(name == b"transfer-encoding" for name, _ in head.headers):
        raise protocol_error(400, "A request body is framed by Content-Length or by chunked, not both.")
    if lengths and lengths[0] > MAX_BODY_BYTES:
        raise body_too_large(MAX_BODY_BYTES)


def refusal_status(error: h11.RemoteProtocolError, head_read: bool, unread: bytes) -> int:
    """The status for what h11 refused: its own, but 400 rather than 501, and 414 for a request line too long."""
    if error.error_status_hint == 431 and not head_read and b"\n" not in unread:
        return 414
    return 400 if error.error_status_hint == 501 else error.error_status_hint


def as_httpx_request(origin: str, head: h11.Request, body: bytes) -> httpx.Request:
    """The request as an httpx transport would hand it over: absolute URL, every header, the body read."""
    try:
        # The path and query of an origin-form ("/path?query") or absolute-form ("http://host/path?query") target.
        target = urlsplit(head.target.decode("ascii"))  # h11 lets only printable ASCII through
        path = target.path + (f"?{target.query}" if target.query else "")
        return httpx.Request(head.method.decode("ascii"), origin + path, headers=head.headers.raw_items(), content=body)
    except (ValueError, httpx.InvalidURL):  # a target that is neither a path nor a URL, such as "*" or "http://["
        raise protocol_error(400, "The request target must be a path or a URL.") from None


class _Connection:
    """One client's connection: its requests, one after another, each read by h11 and answered."""

    def __init__(self, server: Server, sock: socket.socket, client_host: str) -> None:
        self.server = server
        self.socket = sock
        self.client_host = client_host
        self.h11 = h11.Connection(h11.SERVER, max_incomplete_event_size=MAX_HEAD_BYTES)
        self.request_line = b"-"  # the current request's, for the log
        self.received = 0  # bytes of the current request arrived so far

    def serve(self) -> None:
        self.socket.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # or each small reply waits for an ACK
        while self.answer_one():
            self.h11.start_next_cycle()

    def answer_one(self) -> bool:
        """Read the next request and answer it; whether the connection stays open for another."""
        try:
            request = self.read_request()
        except ClerkErrorReply as refusal:
            body = json.dumps(refusal.body()).encode()
            self.reply(refusal.status, [(b"Content-Type", b"application/json"), (b"Connection", b"close")], body)
            return False
        if request is None:
            return False
        try:
            response = self.server.handler(request)
        except httpx.TransportError:  # the handler's way to say: no answer, drop the connection
            return False
        headers = [(name, value) for name, value in response.headers.raw if name.lower() not in FRAMING_HEADERS]
        self.reply(response.status_code, headers, response.read(), head_only=request.method == "HEAD")
        return self.h11.our_state is h11.DONE and self.h11.their_state is h11.DONE

    def read_request(self) -> httpx.Request | None:
        """The next request, read whole; None if the connection ends, or stays idle too long, before it starts.

        Raises a ClerkErrorReply for a request the server refuses itself.
        """
        deadline = time.monotonic() + self.server.idle_timeout
        self.request_line = b"-"
        self.received = len(self.h11.trailing_data[0])  # some may have come with the previous request
        head = None
        try:
            head = self.next_event(deadline)
            if not isinstance(head, h11.Request):  # h11.ConnectionClosed
                return None
            self.request_line = b"%s %s HTTP/%s" % (head.method, head.target, head.http_version)
            check_framing(head)
            if self.h11.they_are_waiting_for_100_continue:
                self.send(h11.InformationalResponse(status_code=100, headers=[], reason=b"Continue"))
            body = bytearray()
            while isinstance(event := self.next_event(deadline), h11.Data):
                body += event.data
                if len(body) > MAX_BODY_BYTES:
                    raise body_too_large(MAX_BODY_BYTES)
        except RequestTimedOut:
            if not self.received:
                return None
            raise protocol_error(
                408, f"The request did not arrive whole within {self.server.idle_timeout} s."
            ) from None
        except h11.RemoteProtocolError as error:
            status = refusal_status(error, isinstance(head, h11.Request), self.h11.trailing_data[0])
            raise protocol_error(status, str(error)) from None
        return as_httpx_request(self.server.origin, head, bytes(body))

    def next_event(self, deadline: float) -> h11.Event:
        """h11's next event, reading from the socket until it has one, but not past `deadline`.

        Never PAUSED: each request is read only up to its end before it is answered.
        """
        while not isinstance(event := self.h11.next_event(), h11.Event):  # NEED_DATA
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise RequestTimedOut
            self.socket.settimeout(remaining)
            try:
                data = self.socket.recv(READ_BYTES)
            except TimeoutError:
                raise RequestTimedOut from None
            self.received += len(data)
            self.h11.receive_data(data)
        return event

    def reply(self, status: int, headers: list[tuple[bytes, bytes]], body: bytes, *, head_only: bool = False) -> None:
        headers.append((b"Content-Length", b"%d" % len(body)))
        reason = http.client.responses.get(status, "").encode()
        self.send(
            h11.Response(status_code=status, headers=headers, reason=reason),
            h11.Data(data=b"" if head_only else body),
            h11.EndOfMessage(),
        )
        if self.server.log_requests:  # The request line only: headers, and so the secret key, are never logged.
            when = time.strftime("%d/%b/%Y %H:%M:%S")
            print(f'{self.client_host} - - [{when}] "{self.request_line.decode()}" {status} -', file=sys.stderr)

    def send(self, *events: h11.Event) -> None:
        self.socket.settimeout(self.server.idle_timeout)  # the last read left the request's remaining time
        self.socket.sendall(b"".join(self.h11.send(event) or b"" for event in events))


class Server(socketserver.ThreadingTCPServer):
    """Answers each HTTP/1.1 request with `handler`, one thread per connection, `max_connections` at once."""

    allow_reuse_address = True  # a new server may take the port of one just closed
    daemon_threads = True
    # Connections not yet accepted: past this many, the kernel drops new ones and their clients retry
    # a second later. Many clients connect at once in concurrency tests.
    request_queue_size = 1024

    def __init__(
        self, address: tuple[str, int], handler: Handler, idle_timeout: float, max_connections: int, log_requests: bool
    ) -> None:
        super().__init__(address, socketserver.BaseRequestHandler)  # unused: finish_request serves
        self.handler = handler
        self.idle_timeout = idle_timeout
        self.log_requests = log_requests
        self.origin = base_url(self)  # where every request's URL starts
        self._free_slots = threading.Semaphore(max_connections)
        self._open: set[socket.socket] = set()  # the accepted connections not yet closed
        self._open_lock = threading.Lock()
        self._closing = threading.Event()

    def process_request(self, request: Any, client_address: Any) -> None:
        """Serve the connection in a thread of its own once a slot is free; until then, accept no other."""
        while not self._free_slots.acquire(timeout=SHUTDOWN_POLL_S):
            if self._closing.is_set():
                self.shutdown_request(request)
                return
        with self._open_lock:
            self._open.add(request)
        super().process_request(request, client_address)

    def finish_request(self, request: Any, client_address: Any) -> None:
        _Connection(self, request, client_address[0]).serve()

    def shutdown_request(self, request: Any) -> None:
        with self._open_lock:
            served = request in self._open
            self._open.discard(request)
        if served:
            self._free_slots.release()
        super().shutdown_request(request)

    def shutdown(self) -> None:
        self._closing.set()
        super().shutdown()

    def server_close(self) -> None:
        """Stop listening and end every accepted connection: none reaches the handler afterwards."""
        self._closing.set()
        super().server_close()
        with self._open_lock:
            still_open = list(self._open)
        for connection in still_open:  # its thread reads the end of the stream, and closes it
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that went away mid-request is no error of the server's; anything else is printed."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def make_server(
    handler: Handler,
    host: str = "127.0.0.1",
    port: int = 0,
    *,
    idle_timeout: float = IDLE_TIMEOUT_S,
    max_connections: int = MAX_CONNECTIONS,
    log_requests: bool = False,
) -> Server:
    """An HTTP/1.1 server bound to host:port (0 picks a free port) that answers with `handler`."""
    if max_connections < 1:
        raise ValueError(f"max_connections must be at least 1, not {max_connections}")
    return Server((host, port), handler, idle_timeout, max_connections, log_requests)


def base_url(server: socketserver.TCPServer) -> str:
    host, port = server.server_address[:2]
    return f"http://{host!s}:{port}"


@contextlib.contextmanager
def running(server: Server) -> Generator[str, None, None]:
    """Run `server` in a thread and yield its base URL; when the block ends, stop it and close every connection."""
    thread = threading.Thread(
        target=server.serve_forever,
        kwargs={"poll_interval": SHUTDOWN_POLL_S},
        name="clerk-invitations-fake",
        daemon=True,
    )
    thread.start()
    try:
        yield base_url(server)
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def serving(
    handler: Handler, port: int = 0, *, idle_timeout: float = IDLE_TIMEOUT_S, max_connections: int = MAX_CONNECTIONS
) -> contextlib.AbstractContextManager[str]:
    """Serve `handler` on 127.0.0.1 in a background thread; yield its base URL; stop when the block ends."""
    return running(make_server(handler, port=port, idle_timeout=idle_timeout, max_connections=max_connections))
