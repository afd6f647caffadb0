"""Serve an httpx request handler over real HTTP/1.1 on loopback, from a thread (stdlib http.server).

Connections are kept alive between requests; each request, headers and body, must arrive whole within
`idle_timeout` seconds of the server starting to wait for it, or the connection is closed. At most
`max_connections` are served at once; later ones wait to be accepted. Closing the server closes them all.
The server answers what it can't frame itself, before the handler sees it, with a ClerkErrors body,
and closes the connection: a malformed request line, header or Content-Length (400), a body over
MAX_BODY_BYTES (413), a request that doesn't arrive whole in time (408). A handler that raises an
httpx.TransportError gets the connection closed without an answer.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import socket
import string
import sys
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import quote, urlsplit

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
MAX_LINE_BYTES = 65536  # a chunk-size or trailer line, as http.server limits a header line
MAX_TRAILER_LINES = 100  # as http.server limits the header lines
READ_BYTES = 65536
CHUNK_SIZE = re.compile(rb"[0-9A-Fa-f]{1,16}")
# Sent whole with a Content-Length of our own, whatever framing the handler's response names.
FRAMING_HEADERS = {b"content-length", b"transfer-encoding"}

Handler = Callable[[httpx.Request], httpx.Response]


def read_body(rfile: io.BufferedIOBase, content_lengths: list[str], transfer_codings: list[str]) -> bytes:
    """The request body, framed by its one Content-Length or by the chunked transfer coding (RFC 9112).

    Raises a ClerkErrorReply for the server to answer with, before it closes the connection.
    """
    if transfer_codings:
        if content_lengths or "".join(",".join(transfer_codings).split()).lower() != "chunked":
            raise protocol_error(
                400, "The only Transfer-Encoding understood is chunked, alone and without Content-Length."
            )
        pieces = _chunked(rfile)
    elif not content_lengths:
        return b""
    else:
        pieces = _exactly(rfile, _content_length(content_lengths))
    body = bytearray()
    for piece in pieces:
        body += piece
        if len(body) > MAX_BODY_BYTES:
            raise body_too_large(MAX_BODY_BYTES)
    return bytes(body)


def _content_length(values: list[str]) -> int:
    """The request's one Content-Length, if it is a whole number of bytes up to MAX_BODY_BYTES."""
    if len(values) > 1 or not values[0].isascii() or not values[0].isdigit():
        raise protocol_error(400, "Content-Length must be one whole number of bytes.")
    digits = values[0].lstrip("0") or "0"
    # Compared by length first: Python won't convert 4,300 digits or more.
    if len(digits) > len(str(MAX_BODY_BYTES)) or int(digits) > MAX_BODY_BYTES:
        raise body_too_large(MAX_BODY_BYTES)
    return int(digits)


def _exactly(rfile: io.BufferedIOBase, size: int) -> Iterator[bytes]:
    while size > 0:
        piece = rfile.read(min(size, READ_BYTES))
        if not piece:
            raise protocol_error(400, "The request body ended before all of it arrived.")
        size -= len(piece)
        yield piece


def _chunked(rfile: io.BufferedIOBase) -> Iterator[bytes]:
    while size := _chunk_size(_line(rfile)):
        yield from _exactly(rfile, size)
        if _line(rfile):
            raise protocol_error(400, "A chunk must end where its size says.")
    for _ in range(MAX_TRAILER_LINES + 1):  # trailer fields, then an empty line
        if not _line(rfile):
            return
    raise protocol_error(400, f"A chunked body may end with at most {MAX_TRAILER_LINES} trailer fields.")


def _line(rfile: io.BufferedIOBase) -> bytes:
    line = rfile.readline(MAX_LINE_BYTES + 1)
    if not line.endswith(b"\n"):
        raise protocol_error(400, "A line of the chunked body is too long or was cut off.")
    return line.rstrip(b"\r\n")


def _chunk_size(line: bytes) -> int:
    size = line.split(b";", 1)[0].strip()  # chunk extensions, after a ";", are ignored
    if not CHUNK_SIZE.fullmatch(size):
        raise protocol_error(400, "A chunk must start with its size in hexadecimal.")
    return int(size, 16)


class RequestTimedOut(Exception):
    """The request did not arrive whole before its deadline (not a TimeoutError, which http.server swallows)."""


class _DeadlineReader(io.RawIOBase):
    """A connection's incoming bytes, read before the deadline of the request they belong to."""

    def __init__(self, connection: socket.socket) -> None:
        super().__init__()
        self._connection = connection
        self._deadline = 0.0
        self.received = 0  # bytes of the current request read so far

    def start_request(self, seconds: float) -> None:
        self._deadline = time.monotonic() + seconds
        self.received = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        remaining = self._deadline - time.monotonic()
        if remaining <= 0:
            raise RequestTimedOut
        self._connection.settimeout(remaining)
        try:
            count = self._connection.recv_into(buffer)
        except TimeoutError:
            raise RequestTimedOut from None
        self.received += count
        return count


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    # Connections not yet accepted: past this many, the kernel drops new ones and their clients retry
    # a second later. Many clients connect at once in concurrency tests.
    request_queue_size = 1024

    def __init__(self, address: tuple[str, int], handler: type[BaseHTTPRequestHandler], max_connections: int) -> None:
        super().__init__(address, handler)
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

    def handle_error(self, request: socket.socket | tuple[bytes, socket.socket], client_address: Any) -> None:
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
) -> ThreadingHTTPServer:
    """An HTTP/1.1 server bound to host:port (0 picks a free port) that answers with `handler`."""
    if max_connections < 1:
        raise ValueError(f"max_connections must be at least 1, not {max_connections}")

    class RequestHandler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        default_request_version = "HTTP/1.1"  # so that the answer to a malformed request line has a status line
        disable_nagle_algorithm = True  # or each small reply waits for the client's delayed ACK
        timeout = idle_timeout  # for each write; reads keep to the request's deadline

        def setup(self) -> None:
            super().setup()
            self.rfile.close()  # the socket's own file, replaced by one that keeps to each request's deadline
            self.reader = _DeadlineReader(self.connection)
            self.rfile = io.BufferedReader(self.reader)

        def handle_one_request(self) -> None:
            # What a reply needs, should the request time out before its request line is read.
            self.command, self.requestline, self.request_version = "", "", self.default_request_version
            self.reader.start_request(idle_timeout)
            try:
                super().handle_one_request()
            except RequestTimedOut:
                self.close_connection = True
                if self.reader.received:  # a request started to arrive: say why it is cut off
                    self.send_error(408, f"The request did not arrive whole within {idle_timeout} s.")

        def answer(self) -> None:
            try:
                body = read_body(
                    self.rfile,
                    self.headers.get_all("Content-Length", []),
                    self.headers.get_all("Transfer-Encoding", []),
                )
                request = self.as_httpx_request(body)
            except ClerkErrorReply as refusal:
                self.refuse(refusal)
                return
            except httpx.InvalidURL:  # a request target that is neither a path nor a URL, such as "*"
                self.send_error(400, "The request target must be a path or a URL.")
                return
            try:
                response = handler(request)
            except httpx.TransportError:  # the handler's way to say: no answer, drop the connection
                self.close_connection = True
                return
            headers = [
                (name.decode("latin-1"), value.decode("latin-1"))
                for name, value in response.headers.raw
                if name.lower() not in FRAMING_HEADERS
            ]
            self.reply(response.status_code, headers, response.read())

        def as_httpx_request(self, body: bytes) -> httpx.Request:
            """The request as an httpx transport would hand it over: absolute URL, every header, the body read."""
            # The path and query of an origin-form ("/path?query") or absolute-form ("http://host/path?query") target.
            target = urlsplit(self.path)
            path = target.path + (f"?{target.query}" if target.query else "")
            # http.server decodes the request line and headers as Latin-1: encoding back gives the bytes sent.
            # Bytes outside printable ASCII, which httpx refuses in a URL, are percent-encoded as a client would.
            url = origin + quote(path, safe=string.punctuation, encoding="latin-1")
            headers = [(name.encode("latin-1"), value.encode("latin-1")) for name, value in self.headers.items()]
            return httpx.Request(self.command, url, headers=headers, content=body)

        def reply(self, status: int, headers: list[tuple[str, str]], body: bytes) -> None:
            self.connection.settimeout(idle_timeout)  # the last read left the request's remaining time
            self.send_response(status)
            for name, value in headers:
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
            """Every answer of the server's own, http.server's included, as a ClerkErrors body; then close."""
            self.refuse(protocol_error(code, message or self.responses[code][0]))

        def refuse(self, refusal: ClerkErrorReply) -> None:
            self.log_error("code %d, message %s", refusal.status, refusal.errors[0]["long_message"])
            headers = [("Content-Type", "application/json"), ("Connection", "close")]
            self.reply(refusal.status, headers, json.dumps(refusal.body()).encode())

        def __getattr__(self, name: str) -> Callable[[], None]:
            """`do_GET`, `do_QUERY`, ...: every method goes to `answer`, which may say 405."""
            if name.startswith("do_"):
                return self.answer
            raise AttributeError(name)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's signature
            if log_requests:  # The request line only: headers, and so the secret key, are never logged.
                super().log_message(format, *args)

    server = _Server((host, port), RequestHandler, max_connections)
    origin = base_url(server)  # where every request's URL starts (the handler class reads it)
    return server


def base_url(server: ThreadingHTTPServer) -> str:
    host, port = server.server_address[:2]
    return f"http://{host!s}:{port}"


@contextlib.contextmanager
def running(server: ThreadingHTTPServer) -> Iterator[str]:
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
