"""Serve an httpx request handler over real HTTP on loopback, from a thread (stdlib http.server)."""

from __future__ import annotations

import contextlib
import string
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import quote, urlsplit

import httpx

SHUTDOWN_POLL_S = 0.01  # how soon the serving thread notices a shutdown: tests start and stop many servers
# Sent whole with a Content-Length of our own, whatever framing the handler's response names.
FRAMING_HEADERS = {b"content-length", b"transfer-encoding"}

Handler = Callable[[httpx.Request], httpx.Response]


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
            try:
                request = self.as_httpx_request()
            except httpx.InvalidURL:  # a request target that is neither a path nor a URL, such as "*"
                self.send_error(400, "Bad request target")
                return
            response = handler(request)
            body = response.read()
            self.send_response(response.status_code)
            for name, value in response.headers.raw:
                if name.lower() not in FRAMING_HEADERS:
                    self.send_header(name.decode("latin-1"), value.decode("latin-1"))
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def as_httpx_request(self) -> httpx.Request:
            """The request as an httpx transport would hand it over: absolute URL, every header, the body read."""
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length > 0 else b""
            # The path and query of an origin-form ("/path?query") or absolute-form ("http://host/path?query") target.
            target = urlsplit(self.path)
            path = target.path + (f"?{target.query}" if target.query else "")
            # http.server decodes the request line and headers as Latin-1: encoding back gives the bytes sent.
            # Bytes outside printable ASCII, which httpx refuses in a URL, are percent-encoded as a client would.
            url = origin + quote(path, safe=string.punctuation, encoding="latin-1")
            headers = [(name.encode("latin-1"), value.encode("latin-1")) for name, value in self.headers.items()]
            return httpx.Request(self.command, url, headers=headers, content=body)

        def __getattr__(self, name: str) -> Callable[[], None]:
            """`do_GET`, `do_QUERY`, ...: every method goes to `answer`, which may say 405."""
            if name.startswith("do_"):
                return self.answer
            raise AttributeError(name)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's signature
            if log_requests:  # The request line only: headers, and so the secret key, are never logged.
                super().log_message(format, *args)

    server = _Server((host, port), RequestHandler)
    origin = base_url(server)  # where every request's URL starts (the handler class reads it)
    return server


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
