"""What the client sends to say who it is, and the defaults of a Client's settings (client.py re-exports them)."""

API_VERSION = "2026-05-12"
"""Sent as `Clerk-API-Version`: the API version the spec describes."""
USER_AGENT = "clerk-invitations-client/0.4.0"
"""Sent as `User-Agent`, followed by httpx's version."""
DEFAULT_TIMEOUT_S = 30.0
"""Seconds to read, write or wait for a pooled connection, unless the client says otherwise."""
DEFAULT_CONNECT_TIMEOUT_S = 5.0
"""Seconds to connect, unless the client says otherwise."""
DEFAULT_DEADLINE_S = 60.0
"""Seconds a whole call may take, retries and their waits included, unless the client or the call says otherwise."""
DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024
"""The largest response body accepted, after decompression, unless the client says otherwise."""
