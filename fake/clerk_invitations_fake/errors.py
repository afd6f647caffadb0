"""Clerk's error responses: a `ClerkErrors` body with one or more errors and a trace id."""

from __future__ import annotations

import functools
import uuid
from collections.abc import Callable
from typing import Any


class ClerkErrorReply(Exception):
    """Raised inside the fake to answer with a ClerkErrors body and the given status."""

    def __init__(self, status: int, errors: list[dict[str, Any]], headers: dict[str, str] | None = None) -> None:
        super().__init__(f"HTTP {status}: {', '.join(error['code'] for error in errors)}")
        self.status = status
        self.errors = errors
        self.headers = headers or {}

    def body(self) -> dict[str, Any]:
        return {"errors": self.errors, "clerk_trace_id": uuid.uuid4().hex}


def clerk_error(code: str, message: str, long_message: str, **meta: Any) -> dict[str, Any]:
    return {"code": code, "message": message, "long_message": long_message, "meta": meta}


def param_error(code: str, param_name: str, long_message: str) -> dict[str, Any]:
    """A 422 error about one request parameter, as Clerk reports it (`meta.param_name`)."""
    message = {"form_param_missing": "is missing", "form_param_unknown": "is unknown"}.get(code, "is invalid")
    return clerk_error(code, message, long_message, param_name=param_name)


def unprocessable(errors: list[dict[str, Any]]) -> ClerkErrorReply:
    return ClerkErrorReply(422, errors)


def unauthenticated() -> ClerkErrorReply:
    return ClerkErrorReply(
        401,
        [
            clerk_error(
                "authentication_invalid",
                "Invalid authentication",
                "Unable to authenticate the request: send a secret key (sk_test_... or sk_live_...) as a bearer token.",
            )
        ],
    )


# The fake's own codes for answers Clerk documents no code for: the HTTP framing, timeouts, the size cap.
PROTOCOL_ERROR_CODES = {408: "request_timeout", 413: "request_body_too_large"}


def protocol_error(status: int, long_message: str) -> ClerkErrorReply:
    """A request refused before it reaches an operation: `malformed_request` unless PROTOCOL_ERROR_CODES says."""
    code = PROTOCOL_ERROR_CODES.get(status, "malformed_request")
    return ClerkErrorReply(status, [clerk_error(code, code.replace("_", " "), long_message)])


def body_too_large(max_bytes: int) -> ClerkErrorReply:
    return protocol_error(413, f"The request body must be at most {max_bytes} bytes.")


def not_found(long_message: str) -> ClerkErrorReply:
    return ClerkErrorReply(404, [clerk_error("resource_not_found", "not found", long_message)])


def method_not_allowed(allowed: list[str]) -> ClerkErrorReply:
    return ClerkErrorReply(
        405,
        [clerk_error("method_not_allowed", "method not allowed", f"Use {' or '.join(allowed)} on this path.")],
        headers={"Allow": ", ".join(allowed)},
    )


def bad_request_for_bad_parameters(operation: Callable[..., Any]) -> Callable[..., Any]:
    """An operation whose spec documents 400, not 422, for a bad request: its parameter errors answer 400."""

    @functools.wraps(operation)
    def answer(*args: Any, **kwargs: Any) -> Any:
        try:
            return operation(*args, **kwargs)
        except ClerkErrorReply as refusal:
            if refusal.status == 422:
                refusal.status = 400
            raise

    return answer
