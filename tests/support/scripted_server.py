"""A small HTTP server on 127.0.0.1 that answers from a script, for what Prism can't produce.

HTML 502s, status 520, truncated JSON, slow answers, dropped connections, Retry-After timing, and
hostile servers: answers dripped a byte at a time, no answer at all, a Content-Length that lies, a
chunked body that never ends. Each test scripts the replies it needs and then reads back the
requests the server saw.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass(frozen=True)
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0
    drop: bool = False
    """Close the connection without answering."""
    hang: bool = False
    """Never answer: hold the connection until the server closes."""
    drip_s: float = 0.0
    """Send the body one byte at a time, this many seconds apart (the status line and headers too if `drip_head`)."""
    drip_head: bool = False
    content_length: int | None = None
    """The Content-Length to declare instead of the body's."""
    endless_chunk: bytes = b""
    """Send a chunked body of this chunk over and over, until the client leaves (or ENDLESS_LIMIT)."""


ENDLESS_LIMIT = 64 * 1024 * 1024
"""Where an "endless" body ends after all, so that a client without a size cap can't fill the machine's memory."""


def json_reply(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Reply:
    return Reply(status, json.dumps(body).encode(), {"Content-Type": "application/json", **(headers or {})})


def rate_limited(retry_after: str) -> Reply:
    """A 429 in Clerk's form, asking to wait `retry_after` (seconds or an HTTP date)."""
    body = {"errors": [{"code": "too_many_requests", "message": "Too many", "long_message": "Too many requests"}]}
    return json_reply(body, status=429, headers={"Retry-After": retry_after})


@dataclass(frozen=True)
class SeenRequest:
    method: str
    path: str
    headers: dict[str, str] = field(repr=False)  # they hold the secret key: kept out of assertion messages
    body: bytes = field(repr=False)
    at: float
    """time.monotonic() when the request arrived."""


class ScriptedServer:
    """Answers each request with the next scripted Reply; once the script runs out, with `answer`'s Reply
    for the request if it is set, else a 599."""

    def __init__(self) -> None:
        self._replies: deque[Reply] = deque()
        self.answer: Callable[[SeenRequest], Reply] | None = None
        self.requests: list[SeenRequest] = []
        self._lock = threading.Lock()
        self.open_connections = 0
        self.closing = threading.Event()
        """Set when the server closes: hanging and dripping replies stop."""
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def script(self, *replies: Reply) -> None:
        with self._lock:
            self._replies.extend(replies)

    def _next(self, seen: SeenRequest) -> Reply:
        with self._lock:
            self.requests.append(seen)
            if self._replies:
                return self._replies.popleft()
        return Reply(599, b"script exhausted") if self.answer is None else self.answer(seen)

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def setup(self) -> None:
                super().setup()
                with server._lock:
                    server.open_connections += 1

            def handle(self) -> None:
                # The client may drop the connection mid-reply, e.g. refusing a body too large.
                with contextlib.suppress(ConnectionResetError):
                    super().handle()

            def finish(self) -> None:
                with server._lock:
                    server.open_connections -= 1
                super().finish()

            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                reply = server._next(SeenRequest(self.command, self.path, dict(self.headers), body, time.monotonic()))
                if reply.drop or reply.hang:
                    if reply.hang:
                        server.closing.wait()
                    self.close_connection = True
                    return
                time.sleep(reply.delay_s)
                try:
                    self._write(self._head(reply), reply.drip_s if reply.drip_head else 0.0)
                    if reply.endless_chunk:
                        self._write_endlessly(reply.endless_chunk)
                    else:
                        self._write(reply.body, reply.drip_s)
                except (BrokenPipeError, ConnectionResetError):
                    self.close_connection = True  # the client gave up waiting (a timeout test)

            def _head(self, reply: Reply) -> bytes:
                try:
                    phrase = HTTPStatus(reply.status).phrase
                except ValueError:  # 520, 599
                    phrase = "Unknown"
                headers = dict(reply.headers)
                if reply.endless_chunk:
                    headers["Transfer-Encoding"] = "chunked"
                else:
                    headers["Content-Length"] = str(
                        len(reply.body) if reply.content_length is None else reply.content_length
                    )
                lines = [f"HTTP/1.1 {reply.status} {phrase}", *(f"{name}: {value}" for name, value in headers.items())]
                return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")

            def _write(self, data: bytes, drip_s: float) -> None:
                if not drip_s:
                    self.wfile.write(data)
                    return
                for index in range(len(data)):
                    self.wfile.write(data[index : index + 1])
                    self.wfile.flush()
                    if server.closing.wait(drip_s):
                        raise BrokenPipeError("the server is closing")

            def _write_endlessly(self, chunk: bytes) -> None:
                framed = b"%x\r\n%s\r\n" % (len(chunk), chunk)
                for _ in range(ENDLESS_LIMIT // len(chunk)):
                    if server.closing.is_set():
                        raise BrokenPipeError("the server is closing")
                    self.wfile.write(framed)
                self.wfile.write(b"0\r\n\r\n")

            do_GET = do_POST = _answer

            def log_message(self, format: str, *args: Any) -> None:
                """Quiet: the test reads `requests` instead."""

        return Handler

    def serve_in_thread(self) -> threading.Thread:
        thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)
        thread.start()
        return thread

    def close(self) -> None:
        self.closing.set()
        self._httpd.shutdown()
        self._httpd.server_close()


def wait_until(condition: Callable[[], bool], timeout_s: float = 10.0) -> None:
    """Wait for what another thread does, e.g. `lambda: len(server.requests) == 1`; not a timing assertion."""
    give_up = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < give_up, "the condition never held"
        time.sleep(0.01)


@contextmanager
def scripted_server() -> Iterator[ScriptedServer]:
    server = ScriptedServer()
    server.serve_in_thread()
    try:
        yield server
    finally:
        server.close()
