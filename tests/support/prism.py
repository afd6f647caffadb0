"""Start and stop Prism, the OpenAPI mock server, on a free loopback port.

Used by the client tests' session fixture and by `make demo TARGET=prism`:
`python -m tests.support.prism CMD...` runs CMD with CLERK_API_URL pointing at a fresh Prism.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tests.support.paths import ROOT, SPEC

PRISM_BIN = ROOT / "node_modules" / ".bin" / "prism"
STARTUP_TIMEOUT_S = 30.0


@dataclass(frozen=True)
class PrismServer:
    base_url: str
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _wait_until_listening(port: int, process: subprocess.Popen[bytes], log_path: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"Prism exited with {process.returncode}:\n{log_path.read_text()}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return
        time.sleep(0.1)
    raise RuntimeError(f"Prism did not listen on port {port} within {STARTUP_TIMEOUT_S} s:\n{log_path.read_text()}")


@contextlib.contextmanager
def running_prism(spec: Path = SPEC) -> Iterator[PrismServer]:
    """Run `prism mock` on the spec until the block ends; its output goes to a log file."""
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="prism-") as tmp:
        log_path = Path(tmp) / "prism.log"
        with log_path.open("wb") as log:
            process = subprocess.Popen(
                [str(PRISM_BIN), "mock", "--host", "127.0.0.1", "--port", str(port), str(spec)],
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
            try:
                _wait_until_listening(port, process, log_path)
                yield PrismServer(base_url=f"http://127.0.0.1:{port}", log_path=log_path)
            finally:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()


def main(argv: list[str]) -> int:
    if not argv:
        print("usage: python -m tests.support.prism CMD [ARG...]", file=sys.stderr)
        return 2
    with running_prism() as prism:
        print(f"Prism is mocking openapi.yaml at {prism.base_url}", flush=True)
        return subprocess.call(argv, env={**os.environ, "CLERK_API_URL": prism.base_url})


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
