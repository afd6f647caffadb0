"""Building an endpoint's request: its path segments, and the httpx request in one URL parse."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlencode

from .errors import InvalidArgumentError

if TYPE_CHECKING:
    import httpx

_FAST_REQUEST_ARGUMENTS = frozenset({"method", "url", "params", "json", "headers"})
_PLAIN_QUERY_TYPES = frozenset({str, int, float})


def path_segment(value: object, name: str) -> str:
    """`value` encoded as one path segment; values that would change the request's target are refused."""
    text = str(value)
    if text in {"", ".", ".."}:
        raise InvalidArgumentError(f"{name} must be a non-empty id, not {text!r}", argument=name, rule="pathSegment")
    return quote(text, safe="")


def build_request(httpx_client: httpx.Client | httpx.AsyncClient, **kwargs: Any) -> httpx.Request:
    """The request `httpx_client.build_request(**kwargs)` builds, with one URL parse instead of three.

    httpx parses the URL once for the path, once to join it to base_url and once to add the query. The
    endpoints' requests (a method, a path, a query of plain values, headers, a JSON body), from an httpx
    client with no cookies or query parameters of its own, are built here from the whole URL at once: about
    40 µs less a call, a tenth of a call for 10 invitations. Anything else is left to httpx.
    """
    import httpx  # noqa: PLC0415 - loaded already: the httpx client exists

    base = str(httpx_client.base_url)
    url = kwargs["url"]
    params: dict[str, Any] = kwargs.get("params") or {}
    if (
        kwargs.keys() <= _FAST_REQUEST_ARGUMENTS
        and base.endswith("/")
        and "?" not in base
        and "#" not in base
        and isinstance(url, str)
        and url.startswith("/")
        and not httpx_client.params
        and not httpx_client.cookies
        and all(type(value) in _PLAIN_QUERY_TYPES for value in params.values())
    ):
        target = base + url[1:] + ("?" + urlencode(params) if params else "")
        headers = httpx_client.headers
        if "headers" in kwargs:
            headers = httpx.Headers(headers)
            headers.update(kwargs["headers"])
        return httpx.Request(
            kwargs["method"],
            target,
            json=kwargs.get("json"),
            headers=headers,
            extensions={"timeout": httpx_client.timeout.as_dict()},
        )
    return httpx_client.build_request(**kwargs)
