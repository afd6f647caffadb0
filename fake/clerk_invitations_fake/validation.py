"""Check request bodies and query strings the way Clerk does: 422 with `form_param_*` codes."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from clerk_invitations_fake.errors import ClerkErrorReply, param_error, unprocessable

EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
INTEGER = re.compile(r"-?[0-9]+")
ORDER_BY = re.compile(r"([+-]?)(created_at|email_address|expires_at)")
STATUSES = ("pending", "accepted", "revoked", "expired")
TEMPLATE_SLUGS = ("invitation", "waitlist_invitation")
DEFAULT_EXPIRES_IN_DAYS = 30
MAX_EXPIRES_IN_DAYS = 365
MAX_BULK_ITEMS = 10
MAX_LIMIT = 500
FORMAT_INVALID = "form_param_format_invalid"
VALUE_INVALID = "form_param_value_invalid"


@dataclass(frozen=True)
class InvitationRequest:
    """One invitation to create, its defaults filled in."""

    email_address: str
    public_metadata: dict[str, Any] = field(default_factory=dict)
    redirect_url: str | None = None
    notify: bool = True
    ignore_existing: bool = False
    expires_in_days: int = DEFAULT_EXPIRES_IN_DAYS
    template_slug: str = "invitation"


@dataclass(frozen=True)
class ListQuery:
    """The list operation's query parameters, their defaults filled in."""

    status: str | None = None
    query: str | None = None
    order_field: str = "created_at"
    descending: bool = True
    limit: int = 10
    offset: int = 0


def is_email(value: object) -> bool:
    return isinstance(value, str) and EMAIL.fullmatch(value) is not None


def is_expiry_in_days(value: object) -> bool:
    """A JSON Schema integer (a number without a fraction, not a boolean) from 1 to 365."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return float(value).is_integer() and 1 <= value <= MAX_EXPIRES_IN_DAYS


def _is_whole_number(value: object, minimum: int, maximum: int | None = None) -> bool:
    """Whether a query parameter is an integer from minimum to maximum."""
    if not isinstance(value, str) or not INTEGER.fullmatch(value):
        return False
    return minimum <= int(value) and (maximum is None or int(value) <= maximum)


class _Checker:
    """Reads the fields of one JSON object, collecting every error so that one reply lists them all."""

    def __init__(self, body: Mapping[str, Any]) -> None:
        self.body = body
        self.errors: list[dict[str, Any]] = []

    def get(
        self, name: str, is_valid: Callable[[object], bool], *, nullable: bool, code: str, must_be: str, default: Any
    ) -> Any:
        value = self.body.get(name)
        if name not in self.body or (value is None and nullable):
            return default
        if not is_valid(value):
            self.errors.append(param_error(code, name, f"{name} must be {must_be}."))
            return default
        return value


def parse_invitation(body: object, *, bulk_item: bool) -> InvitationRequest:
    """A create request's body, or one item of a bulk request (where more fields may be null)."""
    if not isinstance(body, dict):
        raise unprocessable([param_error(FORMAT_INVALID, "body", "The request body must be a JSON object.")])
    known = {f.name for f in fields(InvitationRequest)}
    check = _Checker(body)
    check.errors += [
        param_error("form_param_unknown", name, f"{name} is not a parameter of this request.")
        for name in body
        if name not in known
    ]
    if body.get("email_address") is None:
        check.errors.append(param_error("form_param_missing", "email_address", "email_address must be included."))
    request = InvitationRequest(
        email_address=check.get(
            "email_address", is_email, nullable=True, code=FORMAT_INVALID, must_be="a valid email address", default=""
        ),
        public_metadata=check.get(
            "public_metadata",
            lambda value: isinstance(value, dict),
            nullable=bulk_item,
            code=FORMAT_INVALID,
            must_be="a JSON object",
            default={},
        ),
        redirect_url=check.get(
            "redirect_url",
            lambda value: isinstance(value, str),
            nullable=bulk_item,
            code=FORMAT_INVALID,
            must_be="a string",
            default=None,
        ),
        notify=check.get(
            "notify",
            lambda value: isinstance(value, bool),
            nullable=True,
            code=FORMAT_INVALID,
            must_be="true, false or null",
            default=True,
        ),
        ignore_existing=check.get(
            "ignore_existing",
            lambda value: isinstance(value, bool),
            nullable=True,
            code=FORMAT_INVALID,
            must_be="true, false or null",
            default=False,
        ),
        expires_in_days=int(
            check.get(
                "expires_in_days",
                is_expiry_in_days,
                nullable=True,
                code=VALUE_INVALID,
                must_be=f"a whole number from 1 to {MAX_EXPIRES_IN_DAYS}",
                default=DEFAULT_EXPIRES_IN_DAYS,
            )
        ),
        template_slug=check.get(
            "template_slug",
            lambda value: value in TEMPLATE_SLUGS,
            nullable=False,
            code=VALUE_INVALID,
            must_be=" or ".join(TEMPLATE_SLUGS),
            default="invitation",
        ),
    )
    if check.errors:
        raise unprocessable(check.errors)
    return request


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
    check = _Checker(params)
    status = check.get(
        "status",
        lambda value: value in STATUSES,
        nullable=False,
        code=VALUE_INVALID,
        must_be=" or ".join(STATUSES),
        default=None,
    )
    order_by = check.get(
        "order_by",
        lambda value: ORDER_BY.fullmatch(str(value)) is not None,
        nullable=False,
        code=VALUE_INVALID,
        must_be="created_at, email_address or expires_at, optionally after + or -",
        default="-created_at",
    )
    limit = check.get(
        "limit",
        lambda value: _is_whole_number(value, 1, MAX_LIMIT),
        nullable=False,
        code=VALUE_INVALID,
        must_be=f"a whole number from 1 to {MAX_LIMIT}",
        default="10",
    )
    offset = check.get(
        "offset",
        lambda value: _is_whole_number(value, 0),
        nullable=False,
        code=VALUE_INVALID,
        must_be="a whole number of at least 0",
        default="0",
    )
    if check.errors:
        raise unprocessable(check.errors)
    return ListQuery(
        status=status,
        query=params.get("query"),
        order_field=order_by.lstrip("+-"),
        descending=order_by.startswith("-"),
        limit=int(limit),
        offset=int(offset),
    )
