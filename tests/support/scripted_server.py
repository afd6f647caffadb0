"""A small HTTP server on 127.0.0.1 that answers from a script, for what Prism can't produce.

HTML 502s, status 520, truncated JSON, slow answers, dropped connections, Retry-After timing:
each test scripts the replies it needs and then reads back the requests the server saw.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
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
    """Answers each request with the next scripted Reply (a 599 once the script runs out)."""

    def __init__(self) -> None:
        self._replies: deque[Reply] = deque()
        self.requests: list[SeenRequest] = []
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def script(self, *replies: Reply) -> None:
        with self._lock:
            self._replies.extend(replies)

    def _next(self, seen: SeenRequest) -> Reply:
        with self._lock:
            self.requests.append(seen)
            return self._replies.popleft() if self._replies else Reply(599, b"script exhausted")

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                reply = server._next(SeenRequest(self.command, self.path, dict(self.headers), body, time.monotonic()))
                if reply.drop:
                    self.close_connection = True
                    return
                time.sleep(reply.delay_s)
                try:
                    self.send_response(reply.status)
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(reply.body)))
                    self.end_headers()
                    self.wfile.write(reply.body)
                except (BrokenPipeError, ConnectionResetError):
                    self.close_connection = True  # the client gave up waiting (a timeout test)

            do_GET = do_POST = _answer

            def log_message(self, format: str, *args: Any) -> None:
                """Quiet: the test reads `requests` instead."""

        return Handler

    def serve_in_thread(self) -> threading.Thread:
        thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)
        thread.start()
        return thread

    def close(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


@contextmanager
def scripted_server() -> Iterator[ScriptedServer]:
    server = ScriptedServer()
    server.serve_in_thread()
    try:
        yield server
    finally:
        server.close()
