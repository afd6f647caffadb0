"""Read a ClerkErrors answer in tests: its error codes (checking the trace id) and the parameters it names."""

from __future__ import annotations

import re

import httpx


def error_codes(response: httpx.Response) -> list[str]:
    body = response.json()
    assert re.fullmatch(r"[0-9a-f]{32}", body["clerk_trace_id"])
    return [error["code"] for error in body["errors"]]


def param_names(response: httpx.Response) -> list[str]:
    return [error["meta"]["param_name"] for error in response.json()["errors"]]
