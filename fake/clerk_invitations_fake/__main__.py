"""Serve the fake over HTTP: `python -m clerk_invitations_fake [--host H] [--port P] [-- COMMAND ...]`.

Without a command it serves until interrupted. With one, it runs COMMAND with CLERK_API_URL set
to the fake's base URL, then stops and exits with the command's exit status.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import subprocess
import sys
import threading

from clerk_invitations_fake.fake import API_PREFIX, FakeClerk
from clerk_invitations_fake.server import IDLE_TIMEOUT_S, MAX_CONNECTIONS, base_url, make_server


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m clerk_invitations_fake", description=__doc__.splitlines()[0] if __doc__ else None
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=4011, help="port to listen on; 0 picks a free one (default: 4011)")
    parser.add_argument(
        "--idle-timeout",
        type=float,
        default=IDLE_TIMEOUT_S,
        help=f"seconds within which a connection's next request must arrive whole (default: {IDLE_TIMEOUT_S:g})",
    )
    parser.add_argument(
        "--max-connections",
        type=int,
        default=MAX_CONNECTIONS,
        help=f"connections served at once; later ones wait to be accepted (default: {MAX_CONNECTIONS})",
    )
    parser.add_argument("command", nargs=argparse.REMAINDER, help="run this with CLERK_API_URL set, then stop")
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if args.max_connections < 1:
        parser.error("--max-connections must be at least 1")

    server = make_server(
        FakeClerk().handle,
        args.host,
        args.port,
        idle_timeout=args.idle_timeout,
        max_connections=args.max_connections,
        log_requests=not command,
    )
    url = base_url(server) + API_PREFIX
    print(f"Clerk invitations fake listening at {url}", flush=True)
    with server:
        if not command:
            with contextlib.suppress(KeyboardInterrupt):
                server.serve_forever()
            return 0
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            return subprocess.call(command, env={**os.environ, "CLERK_API_URL": url})
        finally:
            server.shutdown()
            thread.join()


if __name__ == "__main__":
    sys.exit(main())
