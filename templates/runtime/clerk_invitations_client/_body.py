"""Reading a response body: streamed, gzip and deflate inflated a step at a time, refused past a size."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from .errors import ResponseTooLargeError, UnexpectedResponse
from .types import Response

if TYPE_CHECKING:
    import httpx

_INFLATE_STEP = 64 * 1024
"""The most bytes decompressed at once: zlib's output buffer is held twice while it is being filled."""


class _Decompressor(Protocol):
    """What BodyReader uses of a `zlib.decompressobj()`, whose class typeshed names only privately."""

    @property
    def eof(self) -> bool: ...
    @property
    def unconsumed_tail(self) -> bytes: ...
    def decompress(self, data: bytes, max_length: int = 0, /) -> bytes: ...
    def flush(self) -> bytes: ...


class BodyReader:
    """A response body as it streams in, refused as soon as it passes `limit` bytes.

    gzip and deflate are decompressed here, at most `limit` bytes at a time: httpx's own decoders
    inflate a whole received chunk at once, and 64 KB of gzip can hold 64 MB.
    """

    def __init__(self, response: httpx.Response, limit: int) -> None:
        self.response, self.limit = response, limit
        self.size = 0
        self.chunks: list[bytes] = []
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise self._too_large(f"its Content-Length says {int(declared):,}")
        self.encoding = response.headers.get("content-encoding", "").strip().lower()
        self.decompressor: _Decompressor | None = None
        if response.is_stream_consumed:  # read, and decoded, by the transport itself (httpx.MockTransport does)
            self._keep(response.content)
        elif self.encoding not in {"", "identity"}:
            import zlib  # noqa: PLC0415 - only a compressed body needs it

            wbits = {"gzip": 16 + zlib.MAX_WBITS, "x-gzip": 16 + zlib.MAX_WBITS, "deflate": zlib.MAX_WBITS}
            if self.encoding not in wbits:
                raise self._unreadable(f"Content-Encoding {self.encoding!r} is not gzip or deflate")
            self.decompressor = zlib.decompressobj(wbits[self.encoding])

    def feed(self, data: bytes) -> None:
        """Add the next bytes received."""
        decompressor = self.decompressor
        if decompressor is None:
            self._keep(data)
            return
        import zlib  # noqa: PLC0415 - loaded already, by __init__

        try:
            while data and not decompressor.eof:  # bytes after the end of the compressed data are ignored
                self._keep(decompressor.decompress(data, min(self.limit - self.size + 1, _INFLATE_STEP)))
                data = decompressor.unconsumed_tail
        except zlib.error as error:
            raise self._unreadable(f"{self.encoding} data that can't be decompressed: {error}") from None

    def content(self) -> bytes:
        """The whole body, once every byte received was fed."""
        if self.decompressor is not None:
            self._keep(self.decompressor.flush())  # little: the input is all consumed
        return b"".join(self.chunks)

    def _keep(self, chunk: bytes) -> None:
        self.size += len(chunk)
        if self.size > self.limit:
            raise self._too_large("more than that " + ("once decompressed" if self.decompressor else "arrived"))
        self.chunks.append(chunk)

    def _too_large(self, why: str) -> ResponseTooLargeError:
        message = f"HTTP {self.response.status_code}: the body is over max_response_bytes ({self.limit:,} bytes): {why}"
        return ResponseTooLargeError(message, self._unread(), self.limit)

    def _unreadable(self, why: str) -> UnexpectedResponse:
        return UnexpectedResponse(f"HTTP {self.response.status_code}: unreadable body ({why})", self._unread())

    def _unread(self) -> Response[None]:
        return Response(status_code=self.response.status_code, content=b"", headers=self.response.headers, parsed=None)
