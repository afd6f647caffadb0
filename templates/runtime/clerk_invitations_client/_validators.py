"""The checks that refuse a value before anything is sent, with InvalidArgumentError.

- A Client's settings: attrs validators of its fields (`valid_base_url`, `valid_headers`, `positive`...),
  whose messages never quote what may be the key.
- An endpoint's arguments: the `check_*` functions (errors.py re-exports them, as the generated endpoints call
  them: `errors.check_int`). Each generated endpoint module's check_arguments, which _get_kwargs calls first,
  calls them, one call per parameter and per field of a request body, with the constraints the spec gives it
  (tools/argument_checks.py writes those calls): a wrong argument is refused with an InvalidArgumentError
  naming the argument and the rule it breaks, in its message and as its `argument` and `rule`. `name` is the
  argument as the caller wrote it, e.g. `body[3].expires_in_days`.
"""

from __future__ import annotations

import re
import reprlib
from collections.abc import Sized
from types import NoneType
from typing import TYPE_CHECKING, Any, NoReturn, cast
from urllib.parse import urlsplit

from .errors import InvalidArgumentError
from .types import MAX_JSON_DEPTH, OpenStrEnum

if TYPE_CHECKING:
    from attrs import Attribute

_EXAMPLE_URL = "https://api.clerk.com/v1"
# RFC 9110's token: what a header name or an auth scheme may be made of.
_TOKEN_CHARACTERS = frozenset("!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


def valid_base_url(_instance: object, _attribute: Attribute[str], base_url: object) -> None:
    """An http(s) URL with a host and no user name or password; refused in words that never quote those."""
    if not isinstance(base_url, str):
        raise InvalidArgumentError(f"base_url must be a str such as {_EXAMPLE_URL!r}, not a {type(base_url).__name__}")
    try:
        parts = urlsplit(base_url)
        _ = parts.port  # ValueError for a port that isn't one
    except ValueError as error:
        raise InvalidArgumentError(f"base_url is not a valid URL: {error}") from None
    if "@" in parts.netloc:
        raise InvalidArgumentError(
            "base_url must not hold a user name or password (the part before '@'): the key is sent in a header"
        )
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise InvalidArgumentError(f"base_url must be an http:// or https:// URL with a host, such as {_EXAMPLE_URL!r}")
    if parts.hostname.isascii():  # httpx encodes other names itself, and refuses those it can't
        try:
            parts.hostname.encode("idna")  # as the socket will: a name part empty or over 63 characters can't be
        except UnicodeError:
            raise InvalidArgumentError(
                "base_url's host has an empty part (two dots in a row) or a part over 63 characters"
            ) from None


def non_negative(_instance: object, attribute: Any, value: object) -> None:
    if not (isinstance(value, int | float) and value >= 0):  # NaN isn't
        raise InvalidArgumentError(f"{attribute.name.lstrip('_')} must be >= 0, not {value!r}")


def is_positive(value: object) -> bool:
    return isinstance(value, int | float) and value > 0  # NaN isn't


def positive(_instance: object, attribute: Any, value: float) -> None:
    if not is_positive(value):
        raise InvalidArgumentError(f"{attribute.name} must be a number > 0, not {value!r}")


def positive_or_none(instance: object, attribute: Any, value: float | None) -> None:
    if value is not None:
        positive(instance, attribute, value)


def _header_value_problem(value: object) -> str | None:
    """What makes `value` unfit for a header value, in words that never quote it (it may be the key); else None."""
    if not isinstance(value, str):
        return f"is a {type(value).__name__}, not a str"
    if value != value.strip():
        return "has leading or trailing whitespace (a key read from a file often ends with a newline)"
    if not value.isascii():
        return "contains a non-ASCII character"
    if not value.isprintable():
        return "contains a control character"
    return None


def is_token(text: object) -> bool:
    """Whether `text` is an HTTP token: what a header name or an auth scheme may be."""
    return isinstance(text, str) and bool(text) and _TOKEN_CHARACTERS.issuperset(text)


def valid_headers(_instance: object, _attribute: Any, headers: dict[str, str]) -> None:
    for name, value in headers.items():
        if not is_token(name):
            raise InvalidArgumentError(f"headers: {name!r} is not a valid header name")
        if problem := _header_value_problem(value):
            raise InvalidArgumentError(f"headers: the value of {name!r} {problem}")


def valid_token(_instance: object, _attribute: Any, token: str) -> None:
    if token == "":
        raise InvalidArgumentError("token is empty")
    if problem := _header_value_problem(token):
        raise InvalidArgumentError(f"token {problem}")


def valid_prefix(_instance: object, _attribute: Any, prefix: str) -> None:
    if prefix != "" and not is_token(prefix):
        raise InvalidArgumentError("prefix must be an auth scheme such as Bearer (an HTTP token), or empty")


MAX_ARGUMENT_DEPTH = MAX_JSON_DEPTH - 3
"""The most levels a JSON argument (metadata) may nest: echoed back inside a page (the page object, its `data`,
the invitation), it must still be readable in a response body, which may nest MAX_JSON_DEPTH levels."""


def _shown(value: object) -> str:
    """A value for a message: its type and the start of its repr (of its text, for a str or an enum member)."""
    if value is None:
        return "None"
    return f"{type(value).__name__} {reprlib.repr(str(value) if isinstance(value, str) else value)}"


def _refuse(name: str, rule: str, requirement: str, value: object) -> NoReturn:
    raise InvalidArgumentError(f"{name} must {requirement}, not {_shown(value)}", argument=name, rule=rule)


def _refuse_length(name: str, rule: str, requirement: str, length: int) -> NoReturn:
    raise InvalidArgumentError(f"{name} must {requirement}, not {length}", argument=name, rule=rule)


def _counted(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' * (count != 1)}"


def check_str(
    value: object,
    name: str,
    *,
    min_length: int | None = None,
    max_length: int | None = None,
    pattern: str | None = None,
    email: bool = False,
) -> None:
    if not isinstance(value, str):
        _refuse(name, "type", "be a str (type: string)", value)
    if min_length is not None and len(value) < min_length:
        _refuse_length(name, "minLength", f"have at least {_counted(min_length, 'character')} (minLength)", len(value))
    if max_length is not None and len(value) > max_length:
        _refuse_length(name, "maxLength", f"have at most {_counted(max_length, 'character')} (maxLength)", len(value))
    if pattern is not None and re.search(pattern, value) is None:
        _refuse(name, "pattern", f"match {pattern} (pattern)", value)
    if email:
        local_part, _, domain = value.rpartition("@")
        if not local_part or not domain:
            _refuse(name, "format:email", "be an email address, text@domain (format: email)", value)


def check_int(value: object, name: str, *, minimum: int | None = None, maximum: int | None = None) -> None:
    """An int within the bounds; a bool is not an int here."""
    if isinstance(value, bool) or not isinstance(value, int):
        _refuse(name, "type", "be an int (type: integer)", value)
    _check_bounds(value, name, minimum, maximum)


def check_number(value: object, name: str, *, minimum: float | None = None, maximum: float | None = None) -> None:
    """An int or a finite float within the bounds; not a bool."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        _refuse(name, "type", "be an int or a float (type: number)", value)
    if isinstance(value, float) and (value != value or abs(value) == float("inf")):  # NaN or infinity
        _refuse(name, "type", "be a finite number (type: number)", value)
    _check_bounds(value, name, minimum, maximum)


def _check_bounds(value: float, name: str, minimum: float | None, maximum: float | None) -> None:
    if minimum is not None and value < minimum:
        _refuse(name, "minimum", f"be >= {minimum} (minimum)", value)
    if maximum is not None and value > maximum:
        _refuse(name, "maximum", f"be <= {maximum} (maximum)", value)


def check_bool(value: object, name: str) -> None:
    if not isinstance(value, bool):
        _refuse(name, "type", "be a bool (type: boolean)", value)


def check_enum(value: object, enum: type[OpenStrEnum], name: str) -> None:
    """A member of `enum` the spec lists: not a str, nor a value the spec doesn't list (an unknown member)."""
    if not isinstance(value, enum) or not value.is_known:
        members = ", ".join(member.value for member in enum)
        _refuse(name, "enum", f"be a member of {enum.__name__}: {members} (enum)", value)


def check_instance(value: object, model: type, name: str) -> None:
    if not isinstance(value, model):
        _refuse(name, "type", f"be a {model.__name__} (type: object)", value)


def check_list(value: object, name: str, *, min_items: int | None = None, max_items: int | None = None) -> None:
    if not isinstance(value, list | tuple):
        _refuse(name, "type", "be a list (type: array)", value)
    count = len(cast(Sized, value))
    if min_items is not None and count < min_items:
        _refuse_length(name, "minItems", f"have at least {_counted(min_items, 'item')} (minItems)", count)
    if max_items is not None and count > max_items:
        _refuse_length(name, "maxItems", f"have at most {_counted(max_items, 'item')} (maxItems)", count)


def check_json(value: object, name: str) -> None:
    """Anything JSON can encode: dicts with str keys, lists, str, int, finite float, bool, None; not too deep."""
    pending: list[tuple[object, str, int]] = [(value, name, 1)]
    while pending:
        item, where, depth = pending.pop()
        if isinstance(item, dict | list | tuple):
            if depth > MAX_ARGUMENT_DEPTH:
                message = f"{name} must nest at most {MAX_ARGUMENT_DEPTH} levels deep (JSON)"
                raise InvalidArgumentError(message, argument=name, rule="json:depth")
            container = cast(dict[object, object] | list[object] | tuple[object, ...], item)
            entries = container.items() if isinstance(container, dict) else enumerate(container)
            for key, inner in entries:
                if isinstance(item, dict) and not isinstance(key, str):
                    message = f"each key of {where} must be a str (JSON), not {_shown(key)}"
                    raise InvalidArgumentError(message, argument=where, rule="json")
                pending.append((inner, f"{where}[{key!r}]", depth + 1))
        elif isinstance(item, float):
            check_number(item, where)
        elif not isinstance(item, str | int | NoneType):
            _refuse(where, "json", "be a JSON value: dict, list, str, int, float, bool or None", item)
