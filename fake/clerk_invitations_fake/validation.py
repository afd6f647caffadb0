"""Check request bodies and query strings the way Clerk does: 422 with `form_param_*` codes."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, TypeGuard, TypeVar, cast

from clerk_invitations_fake.errors import ClerkErrorReply, param_error, unprocessable

EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
INTEGER = re.compile(r"-?[0-9]{1,18}")  # no more digits than any real offset; Python refuses to convert 4,300
SURROGATE = re.compile("[\ud800-\udfff]")  # JSON's "\ud800" escapes decode to lone surrogates, which aren't text
ORDER_BY = re.compile(r"[+-]?(?:created_at|email_address|expires_at)")
ORGANIZATION_ORDER_BY = re.compile(r"[+-]?(?:created_at|email_address)")
ROLE = re.compile(r"org:[A-Za-z0-9_-]+")  # the fake knows no roles but the form of their keys
STATUSES = ("pending", "accepted", "revoked", "expired")
TEMPLATE_SLUGS = ("invitation", "waitlist_invitation")
DEFAULT_EXPIRES_IN_DAYS = 30
MAX_EXPIRES_IN_DAYS = 365
MAX_BULK_ITEMS = 10
MAX_LIMIT = 500
MAX_JSON_DEPTH = 100  # the fake's own limit on how deep a body's arrays and objects nest
FORMAT_INVALID = "form_param_format_invalid"
VALUE_INVALID = "form_param_value_invalid"
Item = TypeVar("Item")


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
class OrganizationInvitationRequest:
    """One organization invitation to create, its defaults filled in."""

    email_address: str
    role: str
    inviter_user_id: str | None
    public_metadata: dict[str, Any]
    private_metadata: dict[str, Any]
    redirect_url: str | None
    expires_in_days: int
    notify: bool


@dataclass(frozen=True)
class ListQuery:
    """A list operation's query parameters, their defaults filled in (None: a filter the operation hasn't)."""

    status: str | None
    query: str | None  # part of the address (or of an application invitation's id), any case
    email_address: str | None  # the whole address, any case
    order_field: str
    descending: bool
    limit: int
    offset: int
    paginated: bool

    def page(self, found: Sequence[Item]) -> list[Item]:
        """The page of `found` (in order of creation): sorted by `order_field`, ties in order of creation."""

        def order(position_and_item: tuple[int, Item]) -> tuple[Any, int]:
            position, item = position_and_item
            value = getattr(item, self.order_field)
            return (value.lower() if isinstance(value, str) else value), position

        ordered = sorted(enumerate(found), key=order, reverse=self.descending)
        return [item for _, item in ordered[self.offset : self.offset + self.limit]]


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
    level: list[object] = [value]
    while level:
        children: list[object] = []
        for item in level:
            if isinstance(item, dict):
                entries = cast("dict[object, object]", item)
                if not all(is_text(key) for key in entries):
                    return False
                children += entries.values()
            elif isinstance(item, list):
                children += cast("list[object]", item)
            elif (isinstance(item, str) and not is_text(item)) or (isinstance(item, float) and not math.isfinite(item)):
                return False
        level = children
    return True


def nesting_depth(value: object) -> int:
    """How deep arrays and objects nest in a JSON value (0 for a scalar), level by level: no recursion."""
    depth, level = 0, [value]
    while containers := [
        cast("dict[object, object] | list[object]", item) for item in level if isinstance(item, dict | list)
    ]:
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


def is_role(value: object) -> bool:
    return isinstance(value, str) and ROLE.fullmatch(value) is not None


JSON_OBJECT = "a JSON object of finite numbers and text without lone surrogates"


def is_object(value: object) -> bool:
    """A JSON object the fake can send back (see can_send_back)."""
    return isinstance(value, dict) and can_send_back(cast("dict[object, object]", value))


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
    "public_metadata": Rule({}, is_object, JSON_OBJECT, nullable_in_bulk=True),
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
STATUS_RULE = Rule(None, lambda value: value in STATUSES, " or ".join(STATUSES), VALUE_INVALID)
LIMIT_RULE = Rule(
    "10", lambda value: is_whole_number(value, 1, MAX_LIMIT), f"a whole number from 1 to {MAX_LIMIT}", VALUE_INVALID
)
OFFSET_RULE = Rule("0", lambda value: is_whole_number(value, 0), "a whole number of at least 0", VALUE_INVALID)
ANY_TEXT_RULE = Rule(None, lambda value: True, "any text")
LIST_RULES = {
    "status": STATUS_RULE,
    "query": ANY_TEXT_RULE,
    "order_by": Rule(
        "-created_at",
        lambda value: isinstance(value, str) and ORDER_BY.fullmatch(value) is not None,
        "created_at, email_address or expires_at, optionally after + or -",
        VALUE_INVALID,
    ),
    "limit": LIMIT_RULE,
    "offset": OFFSET_RULE,
    "paginated": Rule("false", lambda value: value in ("true", "false"), "true or false", VALUE_INVALID),
}
ORGANIZATION_ORDER_RULE = Rule(
    "-created_at",
    lambda value: isinstance(value, str) and ORGANIZATION_ORDER_BY.fullmatch(value) is not None,
    "created_at or email_address, optionally after + or -",
    VALUE_INVALID,
)
# ListOrganizationInvitations, ListInstanceOrganizationInvitations and UsersGetOrganizationInvitations
ORGANIZATION_LIST_RULES = {
    "status": STATUS_RULE,
    "email_address": ANY_TEXT_RULE,
    "order_by": ORGANIZATION_ORDER_RULE,
    "limit": LIMIT_RULE,
    "offset": OFFSET_RULE,
}
INSTANCE_LIST_RULES = {
    "status": STATUS_RULE,
    "query": ANY_TEXT_RULE,
    "order_by": ORGANIZATION_ORDER_RULE,
    "limit": LIMIT_RULE,
    "offset": OFFSET_RULE,
}
USER_LIST_RULES = {"status": STATUS_RULE, "limit": LIMIT_RULE, "offset": OFFSET_RULE}
ORGANIZATION_INVITATION_RULES = {
    "email_address": INVITATION_RULES["email_address"],
    "role": Rule("", is_role, "a role key such as org:admin or org:member", VALUE_INVALID, nullable=True),
    "inviter_user_id": Rule(None, is_text, "a user id", nullable=True),
    "public_metadata": Rule({}, is_object, JSON_OBJECT, nullable=True),
    "private_metadata": Rule({}, is_object, JSON_OBJECT, nullable=True),
    "redirect_url": replace(INVITATION_RULES["redirect_url"], nullable=True),
    "expires_in_days": INVITATION_RULES["expires_in_days"],
    "notify": INVITATION_RULES["notify"],
}
REVOKE_ORGANIZATION_INVITATION_RULES = {"requesting_user_id": Rule(None, is_text, "a user id", nullable=True)}
INVITE_WAITLIST_ENTRY_RULES = {"ignore_existing": INVITATION_RULES["ignore_existing"]}


def read(body: Mapping[str, Any], rules: dict[str, Rule], *, bulk_item: bool = False) -> dict[str, Any]:
    """Every parameter the rules name, defaulted where absent; raises a 422 listing every invalid one."""
    values: dict[str, Any] = {}
    errors: list[dict[str, Any]] = []
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


def parse_object(
    body: object, rules: dict[str, Rule], required: tuple[str, ...] = (), *, bulk_item: bool = False
) -> dict[str, Any]:
    """A JSON object holding only the parameters the rules name, the required ones not null; every error reported."""
    if not isinstance(body, dict):
        raise unprocessable([param_error(FORMAT_INVALID, "body", "The request body must be a JSON object.")])
    body = cast("dict[str, object]", body)  # JSON's keys are text
    errors = [
        param_error("form_param_unknown", printable(name), f"{printable(name)} is not a parameter of this request.")
        for name in body
        if name not in rules
    ]
    errors += [
        param_error("form_param_missing", name, f"{name} must be included.")
        for name in required
        if body.get(name) is None
    ]
    values: dict[str, Any] = {}
    try:
        values = read(body, rules, bulk_item=bulk_item)
    except ClerkErrorReply as refusal:
        errors += refusal.errors
    if errors:
        raise unprocessable(errors)
    return values


def parse_items(body: object, parse_item: Callable[[object], Item]) -> list[Item]:
    """A bulk request's body: 1 to 10 items; the errors of every item are reported together."""
    sent = cast("list[object]", body) if isinstance(body, list) else None
    if sent is None or not 1 <= len(sent) <= MAX_BULK_ITEMS:
        raise unprocessable(
            [
                param_error(
                    VALUE_INVALID,
                    "body",
                    f"The request body must be a JSON array of 1 to {MAX_BULK_ITEMS} invitations.",
                )
            ]
        )
    items: list[Item] = []
    errors: list[dict[str, Any]] = []
    for item in sent:
        try:
            items.append(parse_item(item))
        except ClerkErrorReply as refusal:
            errors += refusal.errors
    if errors:
        raise unprocessable(errors)
    return items


def parse_invitation(body: object, *, bulk_item: bool) -> InvitationRequest:
    """A create request's body, or one item of a bulk request (where more fields may be null)."""
    values = parse_object(body, INVITATION_RULES, ("email_address",), bulk_item=bulk_item)
    values["expires_in_days"] = int(values["expires_in_days"])
    return InvitationRequest(**values)


def parse_bulk(body: object) -> list[InvitationRequest]:
    return parse_items(body, lambda item: parse_invitation(item, bulk_item=True))


def parse_organization_invitation(body: object) -> OrganizationInvitationRequest:
    """An organization invitation's body, alone or as one item of a bulk request (the same fields either way)."""
    values = parse_object(body, ORGANIZATION_INVITATION_RULES, ("email_address", "role"))
    values["expires_in_days"] = int(values["expires_in_days"])
    return OrganizationInvitationRequest(**values)


def parse_list_query(params: Mapping[str, str], rules: dict[str, Rule] = LIST_RULES) -> ListQuery:
    """A list operation's query string, read with its rules; unknown parameters are ignored."""
    values = read(params, rules)
    order_by = values.get("order_by", "-created_at")
    return ListQuery(
        status=values["status"],
        query=values.get("query"),
        email_address=values.get("email_address"),
        order_field=order_by.lstrip("+-"),
        descending=order_by.startswith("-"),
        limit=int(values["limit"]),
        offset=int(values["offset"]),
        paginated=values.get("paginated") == "true",
    )
