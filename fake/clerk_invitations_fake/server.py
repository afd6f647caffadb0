"""Serve a request handler over real HTTP on loopback, from a thread (stdlib http.server)."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SHUTDOWN_POLL_S = 0.01  # how soon the serving thread notices a shutdown: tests start and stop many servers


@dataclass(frozen=True)
class HttpReply:
    status: int
    headers: dict[str, str]
    body: bytes


# (method, path with query string, Authorization header or None, body) -> reply
Handler = Callable[[str, str, str | None, bytes], HttpReply]


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # many clients connect at once in concurrency tests


def make_server(
    handler: Handler, host: str = "127.0.0.1", port: int = 0, *, log_requests: bool = False
) -> ThreadingHTTPServer:
    """An HTTP/1.1 server bound to host:port (0 picks a free port) that answers with `handler`."""

    class RequestHandler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # or each small reply waits for the client's delayed ACK

        def answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length > 0 else b""
            reply = handler(self.command, self.path, self.headers.get("Authorization"), body)
            self.send_response(reply.status)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(reply.body)

        def __getattr__(self, name: str) -> Callable[[], None]:
            """`do_GET`, `do_QUERY`, ...: every method goes to `answer`, which may say 405."""
            if name.startswith("do_"):
                return self.answer
            raise AttributeError(name)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's signature
            if log_requests:  # The request line only: headers, and so the secret key, are never logged.
                super().log_message(format, *args)

    return _Server((host, port), RequestHandler)


def base_url(server: ThreadingHTTPServer) -> str:
    host, port = server.server_address[:2]
    return f"http://{host!s}:{port}"


@contextlib.contextmanager
def serving(handler: Handler, port: int = 0) -> Iterator[str]:
    """Serve `handler` on 127.0.0.1 in a background thread; yield its base URL; stop when the block ends."""
    server = make_server(handler, port=port)
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
