"""Check request bodies and query strings the way Clerk does: 422 with `form_param_*` codes."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeGuard

from clerk_invitations_fake.errors import ClerkErrorReply, param_error, unprocessable

EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
INTEGER = re.compile(r"-?[0-9]{1,18}")  # no more digits than any real offset; Python refuses to convert 4,300
SURROGATE = re.compile("[\ud800-\udfff]")  # JSON's "\ud800" escapes decode to lone surrogates, which aren't text
ORDER_BY = re.compile(r"[+-]?(?:created_at|email_address|expires_at)")
STATUSES = ("pending", "accepted", "revoked", "expired")
TEMPLATE_SLUGS = ("invitation", "waitlist_invitation")
DEFAULT_EXPIRES_IN_DAYS = 30
MAX_EXPIRES_IN_DAYS = 365
MAX_BULK_ITEMS = 10
MAX_LIMIT = 500
MAX_JSON_DEPTH = 100  # the fake's own limit on how deep a body's arrays and objects nest
FORMAT_INVALID = "form_param_format_invalid"
VALUE_INVALID = "form_param_value_invalid"


@dataclass(frozen=True)
class InvitationRequest:
    """One invitation to create, its defaults filled in."""

    email_address: str
    public_metadata: dict[str, Any]
    redirect_url: str | None
    notify: bool
    ignore_existing: bool
    expires_in_days: int
    template_slug: str


@dataclass(frozen=True)
class ListQuery:
    """The list operation's query parameters, their defaults filled in."""

    status: str | None
    query: str | None
    order_field: str
    descending: bool
    limit: int
    offset: int
    paginated: bool


def is_email(value: object) -> bool:
    return is_text(value) and EMAIL.fullmatch(value) is not None


def is_text(value: object) -> TypeGuard[str]:
    return isinstance(value, str) and SURROGATE.search(value) is None


def printable(name: str) -> str:
    """A name from a request, fit to quote in an answer: its lone surrogates replaced by U+FFFD."""
    return SURROGATE.sub("\ufffd", name)


def can_send_back(value: object) -> bool:
    """Whether a parsed JSON value can be sent back as JSON: no non-finite number (`1e400` parses as
    infinity), no lone surrogate in a key or a string, at any depth. Level by level: no recursion."""
    level = [value]
    while level:
        children: list[object] = []
        for item in level:
            if isinstance(item, dict):
                if not all(is_text(key) for key in item):
                    return False
                children += item.values()
            elif isinstance(item, list):
                children += item
            elif (isinstance(item, str) and not is_text(item)) or (isinstance(item, float) and not math.isfinite(item)):
                return False
        level = children
    return True


def nesting_depth(value: object) -> int:
    """How deep arrays and objects nest in a JSON value (0 for a scalar), level by level: no recursion."""
    depth, level = 0, [value]
    while containers := [item for item in level if isinstance(item, dict | list)]:
        depth += 1
        level = [
            child
            for container in containers
            for child in (container.values() if isinstance(container, dict) else container)
        ]
    return depth


def is_expiry_in_days(value: object) -> bool:
    """A JSON Schema integer (a number without a fraction, not a boolean) from 1 to 365."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return float(value).is_integer() and 1 <= value <= MAX_EXPIRES_IN_DAYS


def is_whole_number(value: object, minimum: int, maximum: int | None = None) -> bool:
    """Whether a query parameter is an integer from minimum to maximum."""
    if not isinstance(value, str) or not INTEGER.fullmatch(value):
        return False
    return minimum <= int(value) and (maximum is None or int(value) <= maximum)


@dataclass(frozen=True)
class Rule:
    """What one parameter may be, and what it is when left out (or null, where null is allowed)."""

    default: Any
    is_valid: Callable[[object], bool]
    must_be: str
    code: str = FORMAT_INVALID
    nullable: bool = False
    nullable_in_bulk: bool = False


INVITATION_RULES = {
    "email_address": Rule("", is_email, "a valid email address", nullable=True),  # missing: reported apart
    "public_metadata": Rule(
        {},
        lambda value: isinstance(value, dict) and can_send_back(value),
        "a JSON object of finite numbers and text without lone surrogates",
        nullable_in_bulk=True,
    ),
    "redirect_url": Rule(None, is_text, "a string of text (no lone surrogates)", nullable_in_bulk=True),
    "notify": Rule(True, lambda value: isinstance(value, bool), "true, false or null", nullable=True),
    "ignore_existing": Rule(False, lambda value: isinstance(value, bool), "true, false or null", nullable=True),
    "expires_in_days": Rule(
        DEFAULT_EXPIRES_IN_DAYS,
        is_expiry_in_days,
        f"a whole number from 1 to {MAX_EXPIRES_IN_DAYS}",
        VALUE_INVALID,
        nullable=True,
    ),
    "template_slug": Rule(
        "invitation", lambda value: value in TEMPLATE_SLUGS, " or ".join(TEMPLATE_SLUGS), VALUE_INVALID
    ),
}
LIST_RULES = {
    "status": Rule(None, lambda value: value in STATUSES, " or ".join(STATUSES), VALUE_INVALID),
    "query": Rule(None, lambda value: True, "any text"),
    "order_by": Rule(
        "-created_at",
        lambda value: isinstance(value, str) and ORDER_BY.fullmatch(value) is not None,
        "created_at, email_address or expires_at, optionally after + or -",
        VALUE_INVALID,
    ),
    "limit": Rule(
        "10", lambda value: is_whole_number(value, 1, MAX_LIMIT), f"a whole number from 1 to {MAX_LIMIT}", VALUE_INVALID
    ),
    "offset": Rule("0", lambda value: is_whole_number(value, 0), "a whole number of at least 0", VALUE_INVALID),
    "paginated": Rule("false", lambda value: value in ("true", "false"), "true or false", VALUE_INVALID),
}


def read(body: Mapping[str, Any], rules: dict[str, Rule], *, bulk_item: bool = False) -> dict[str, Any]:
    """Every parameter the rules name, defaulted where absent; raises a 422 listing every invalid one."""
    values, errors = {}, []
    for name, rule in rules.items():
        value = body.get(name)
        if name not in body or (value is None and (rule.nullable or (bulk_item and rule.nullable_in_bulk))):
            values[name] = rule.default
        elif rule.is_valid(value):
            values[name] = value
        else:
            errors.append(param_error(rule.code, name, f"{name} must be {rule.must_be}."))
    if errors:
        raise unprocessable(errors)
    return values


def parse_invitation(body: object, *, bulk_item: bool) -> InvitationRequest:
    """A create request's body, or one item of a bulk request (where more fields may be null)."""
    if not isinstance(body, dict):
        raise unprocessable([param_error(FORMAT_INVALID, "body", "The request body must be a JSON object.")])
    errors = [
        param_error("form_param_unknown", printable(name), f"{printable(name)} is not a parameter of this request.")
        for name in body
        if name not in INVITATION_RULES
    ]
    if body.get("email_address") is None:
        errors.append(param_error("form_param_missing", "email_address", "email_address must be included."))
    try:
        values = read(body, INVITATION_RULES, bulk_item=bulk_item)
    except ClerkErrorReply as refusal:
        errors += refusal.errors
    if errors:
        raise unprocessable(errors)
    return InvitationRequest(**{**values, "expires_in_days": int(values["expires_in_days"])})


def parse_bulk(body: object) -> list[InvitationRequest]:
    """A bulk request's body: 1 to 10 items; the errors of every item are reported together."""
    if not isinstance(body, list) or not 1 <= len(body) <= MAX_BULK_ITEMS:
        raise unprocessable(
            [
                param_error(
                    VALUE_INVALID,
                    "body",
                    f"The request body must be a JSON array of 1 to {MAX_BULK_ITEMS} invitations.",
                )
            ]
        )
    requests, errors = [], []
    for item in body:
        try:
            requests.append(parse_invitation(item, bulk_item=True))
        except ClerkErrorReply as refusal:
            errors += refusal.errors
    if errors:
        raise unprocessable(errors)
    return requests


def parse_list_query(params: Mapping[str, str]) -> ListQuery:
    """The list operation's query string; unknown parameters are ignored."""
    values = read(params, LIST_RULES)
    return ListQuery(
        status=values["status"],
        query=values["query"],
        order_field=values["order_by"].lstrip("+-"),
        descending=values["order_by"].startswith("-"),
        limit=int(values["limit"]),
        offset=int(values["offset"]),
        paginated=values["paginated"] == "true",
    )
