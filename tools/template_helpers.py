"""Python functions the templates call (tools/generate.py hands them over as Jinja globals).

Logic that decides what to generate from the spec lives here, where it is tested
(tests/pipeline/test_template_helpers.py) and type-checked; the templates keep the layout.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from attrs import evolve
from openapi_python_client.parser.openapi import Endpoint, EndpointCollection
from openapi_python_client.parser.properties.float import FloatProperty
from openapi_python_client.parser.properties.int import IntProperty
from openapi_python_client.parser.properties.list_property import ListProperty
from openapi_python_client.parser.properties.model_property import ModelProperty
from openapi_python_client.parser.properties.string import StringProperty
from openapi_python_client.parser.responses import JSON_SOURCE, Response
from openapi_python_client.strings import safe_for_docstring

from tools import ROOT
from tools.argument_checks import ArgumentChecks, argument_checks, is_free_form
from tools.spec_lookup import SpecRefusal, nullable_alternative, operation_at, original_path, parameter_schema, resolve

ERRORS_SOURCE = ROOT / "templates" / "runtime" / "clerk_invitations_client" / "errors.py"


def processed_models(models: list[Any]) -> Callable[[Any], Any]:
    """`processed_model(property)`: the model the generator wrote for a ModelProperty, with its properties.

    A `$ref` inside a union (`anyOf: [{$ref: ...}, {type: "null"}]`) reaches the templates as a copy taken
    before the generator read the model's properties (its required_properties are None); the model of the
    same class in the generator's list of models has them. Any other property comes back as it is.
    """
    by_name = {model.class_info.name: model for model in models}

    def processed_model(prop: Any) -> Any:
        class_info = getattr(prop, "class_info", None)
        if class_info is None or getattr(prop, "required_properties", ()) is not None:
            return prop
        return by_name.get(class_info.name, prop)

    return processed_model


def _error_classes() -> tuple[dict[int, str], tuple[int, ...]]:
    """({status: ClerkAPIError subclass}, STATUSES_ON_EVERY_OPERATION), read from the runtime's errors.py."""
    tree = ast.parse(ERRORS_SOURCE.read_text())
    classes: dict[int, str] = {}
    everywhere: tuple[int, ...] = ()
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            for statement in node.body:
                target: ast.expr | None = statement.target if isinstance(statement, ast.AnnAssign) else None
                if isinstance(statement, ast.Assign):
                    target = statement.targets[0]
                value = getattr(statement, "value", None)
                if target is not None and value is not None and ast.unparse(target) == "status":
                    status = ast.literal_eval(value)
                    if status is not None:
                        classes[status] = node.name
        elif isinstance(node, ast.Assign) and ast.unparse(node.targets[0]) == "STATUSES_ON_EVERY_OPERATION":
            everywhere = ast.literal_eval(node.value)
    return classes, everywhere


def raised_errors(documented: list[int]) -> list[str]:
    """What an operation's docstring says it raises for Clerk's errors: `errors.NotFoundError (404)` for each
    error status it documents and each of STATUSES_ON_EVERY_OPERATION, in order of status; `errors.ClerkAPIError
    (500)` for a status with no subclass of its own."""
    classes, everywhere = _error_classes()
    statuses = sorted({status for status in documented if status >= 400} | set(everywhere))
    return [f"errors.{classes.get(status, 'ClerkAPIError')} ({status})" for status in statuses]


JSON = "application/json"


def _json_body_schema(document: dict[str, Any], operation: dict[str, Any]) -> dict[str, Any] | None:
    body = resolve(document, operation.get("requestBody"))
    if not isinstance(body, dict):
        return None
    media = body.get("content", {}).get(JSON)
    schema = resolve(document, media.get("schema")) if isinstance(media, dict) else None
    return schema if isinstance(schema, dict) else None


@dataclass(frozen=True)
class Bulk:
    """A bulk operation: its JSON body is an array of at most `max_items` items.

    `single` is the operation that creates one of those items, if the spec has one: a POST on the path one
    segment up (`/invitations` for `/invitations/bulk`) whose path parameters are the bulk operation's own.
    """

    max_items: int
    single: tuple[str, str] | None
    """The single operation's (path, method), or None."""


def bulk_operation(document: dict[str, Any], path: str, method: str) -> Bulk | None:
    """The bulk facts of the operation at `path` and `method`, or None if its body is no array with maxItems."""
    paths = document.get("paths", {})
    schema = _json_body_schema(document, paths[path][method])
    if schema is None or schema.get("type") != "array" or not isinstance(schema.get("maxItems"), int):
        return None
    parent = path.rsplit("/", 1)[0]
    single = paths.get(parent, {}).get("post") if parent != path else None
    if not isinstance(single, dict) or _json_body_schema(document, single) is None:
        return Bulk(schema["maxItems"], None)
    own = {name for name in _path_parameters(document, paths[path], paths[path][method])}
    if not _path_parameters(document, paths[parent], single) <= own or _other_required(document, paths[parent], single):
        return Bulk(schema["maxItems"], None)
    return Bulk(schema["maxItems"], (parent, "post"))


def _parameters(document: dict[str, Any], path_item: dict[str, Any], operation: dict[str, Any]) -> list[dict[str, Any]]:
    listed = [*path_item.get("parameters", []), *operation.get("parameters", [])]
    return [resolve(document, parameter) for parameter in listed]


def _path_parameters(document: dict[str, Any], path_item: dict[str, Any], operation: dict[str, Any]) -> set[str]:
    return {p["name"] for p in _parameters(document, path_item, operation) if p.get("in") == "path"}


def _other_required(document: dict[str, Any], path_item: dict[str, Any], operation: dict[str, Any]) -> bool:
    """Whether the operation requires a parameter other than its path parameters."""
    return any(p.get("required") and p.get("in") != "path" for p in _parameters(document, path_item, operation))


@dataclass(frozen=True)
class BulkFunctions:
    """What an endpoint module's `sync_each`/`asyncio_each` need: the names they import and call."""

    max_items: int
    item: tuple[str, str]
    """The item model's (module, class), as in `from ...models.<module> import <class>`."""
    result: tuple[str, str]
    """The model the bulk operation creates per item (module, class)."""
    results_in: str | None
    """Where the created models are in the success model (`data` of `{data, total_count}`), or None: a bare list."""
    single: tuple[str, str] | None
    """The single operation's (tag, module), as in `from ..<tag> import <module>`, or None."""
    single_body: tuple[str, str] | None
    """The single operation's body model (module, class), or None where it is the item model itself."""


def bulk_functions(
    document: dict[str, Any], endpoint: Endpoint, collections: dict[str, EndpointCollection], module_name: Any
) -> BulkFunctions | None:
    """The bulk functions of `endpoint`, or None if it isn't a bulk operation whose items and results are models.

    `module_name` is the generator's own naming of an endpoint's module (the templates' `python_identifier`).
    """
    bulk = bulk_operation(document, original_path(endpoint), endpoint.method)
    if bulk is None or len(endpoint.bodies) != 1:
        return None
    item = _model_of_list(endpoint.bodies[0].prop)
    results = _success_properties(endpoint)
    results_in = _data_list(results[0]) if len(results) == 1 else None
    listed = results_in or (results[0] if len(results) == 1 else None)
    result = _model_of_list(listed)
    if item is None or result is None:
        return None
    single = single_body = None
    if bulk.single is not None:
        tag, single_endpoint = endpoint_at(collections, *bulk.single)
        body = single_endpoint.bodies[0].prop if len(single_endpoint.bodies) == 1 else None
        creates = _success_properties(single_endpoint)
        if body is not None and len(creates) == 1 and _class_of(creates[0]) == _class_of(result):
            single = (tag, str(module_name(single_endpoint.name)))
            single_body = None if _class_of(body) == _class_of(item) else _class_of(body)
    attribute = None if results_in is None else str(results_in.python_name)
    return BulkFunctions(bulk.max_items, _class_of(item), _class_of(result), attribute, single, single_body)


def _success_properties(endpoint: Endpoint) -> list[Any]:
    return [response.prop for response in _successes(endpoint)]


def _data_list(prop: Any) -> Any:
    """The required `data` property of model property `prop` (a page, `{data, total_count}`), or None."""
    required = getattr(prop, "required_properties", None) or []
    return next((inner for inner in required if inner.name == "data"), None)


def _model_of_list(prop: Any) -> Any:
    """The model property of the items of list property `prop`, or None."""
    inner = getattr(prop, "inner_property", None)
    return inner if inner is not None and hasattr(inner, "class_info") else None


def _class_of(prop: Any) -> tuple[str, str]:
    return str(prop.class_info.module_name), str(prop.class_info.name)


def endpoint_at(collections: dict[str, EndpointCollection], path: str, method: str) -> tuple[str, Endpoint]:
    """The tag under which the generator files the operation at `path` and `method`, and its Endpoint."""
    for tag, collection in collections.items():
        for endpoint in collection.endpoints:
            if original_path(endpoint) == path and endpoint.method == method:
                return tag, endpoint
    raise LookupError(f"the generator made no endpoint of {method.upper()} {path}")


def lazy_imports(imports: list[str]) -> list[tuple[str, str]]:
    """(name, relative module) of each `from .module import Name` the generator lists for models/__init__.py."""
    found = []
    for line in sorted(imports):
        words = line.replace(",", " ").split()
        if words[:1] != ["from"] or words[2:3] != ["import"] or len(words) < 4:
            raise ValueError(f"can't make the import {line!r} lazy: not `from .module import Name`")
        found += [(name, words[1]) for name in words[3:]]
    return found


@dataclass(frozen=True)
class Pagination:
    """What the page functions of a paginated operation need (`sync_page`, `sync_all` and their async twins).

    An operation is paginated when its query has `limit` and `offset`, `limit` has an integer `maximum` (the
    default page size), and its success response is a page model, or a union of a bare list and a page model
    (`oneOf`, when a `paginated` query parameter picks one, as in Clerk's ListInvitations): an object with a
    required `data`, a list of models that have a required string `id` (a scan yields no id twice), and a
    required `total_count`, an integer or a number. Any other list (a bare array, a list under another key, a
    page of a union) gets only the plain functions.
    """

    endpoint: Endpoint
    """The endpoint without its `paginated` switch: the plain functions never send it, the page functions do."""
    limit: Any
    offset: Any
    choice: Any | None
    """The `paginated` query parameter, or None."""
    page_model: Any
    page_items: Any
    """The page model's `data` property."""
    total_count: Any
    total_is_number: bool
    """Whether `total_count` is a `number` (Clerk's GetApiKeys), which Page takes as an int."""
    bare_list: Any | None
    """The bare list the success response is when `paginated` is not sent, or None: it is always the page."""
    plain_return_type: str | None
    """With a bare list, what the plain functions' `_parse_response` returns: the bare list, not the page, or an
    error model; None without one."""
    item_type: str
    item_import: str
    max_page_size: int
    filters: list[Any]
    """The parameters the page functions take besides the path's, `limit` and `offset`."""


def _successes(endpoint: Endpoint) -> list[Any]:
    """The endpoint's responses of 2xx statuses (`200`, `2XX`...), in the spec's order."""
    return [
        response
        for response in endpoint.responses.patterns
        if (statuses := response.status_code.range) is not None and statuses[0] >= 200 and statuses[1] < 300
    ]


def success_response(endpoint: Endpoint) -> Any:
    """The first response of a 2xx status, or None."""
    return next(iter(_successes(endpoint)), None)


def required_success(document: dict[str, Any], endpoint: Endpoint) -> Any:
    """The success response of `endpoint`, which sync()/asyncio() return; SpecRefusal if it documents none."""
    success = success_response(endpoint)
    if success is None:
        _, operation = operation_at(document, endpoint)
        name = str(operation.node.get("operationId", endpoint.name))
        raise SpecRefusal(name, operation.child("responses").pointer, "responses", "no 2xx response to return")
    return success


def pagination(
    document: dict[str, Any], endpoint: Endpoint, processed_model: Callable[[Any], Any]
) -> Pagination | None:
    """The pagination of `endpoint` (see Pagination), or None if it isn't paginated."""
    query = {parameter.name.get_untrusted_value(): parameter for parameter in endpoint.query_parameters}
    success = success_response(endpoint)
    if "limit" not in query or "offset" not in query or success is None:
        return None
    members = getattr(success.prop, "inner_properties", None) or [success.prop]
    pages = [processed_model(p) for p in members if isinstance(p, ModelProperty)]
    lists = [p for p in members if isinstance(p, ListProperty)]
    if len(pages) != 1 or len(pages) + len(lists) != len(members) or len(lists) > 1:
        return None
    page_model = pages[0]
    required = {p.name.get_untrusted_value(): p for p in page_model.required_properties or []}
    items, total_count = required.get("data"), required.get("total_count")
    item: Any = getattr(items, "inner_property", None)
    item_model = processed_model(item) if isinstance(item, ModelProperty) else None
    item_fields = {p.name.get_untrusted_value(): p for p in item_model.required_properties or []} if item_model else {}
    maximum = parameter_schema(document, endpoint, "limit", "query").node.get("maximum")
    if (
        not isinstance(items, ListProperty)
        or not isinstance(total_count, IntProperty | FloatProperty)
        or not isinstance(item_fields.get("id"), StringProperty)
        or isinstance(maximum, bool)
        or not isinstance(maximum, int)
    ):
        return None
    choice = query.get("paginated")
    plain = replace(endpoint, query_parameters=[p for p in endpoint.query_parameters if p is not choice])
    others = plain.query_parameters + plain.header_parameters + plain.cookie_parameters
    filters = [p for p in others if p is not query["limit"] and p is not query["offset"]]
    item_type = item.class_info.name
    return Pagination(
        endpoint=plain,
        limit=query["limit"],
        offset=query["offset"],
        choice=choice,
        page_model=page_model,
        page_items=items,
        total_count=total_count,
        total_is_number=isinstance(total_count, FloatProperty),
        bare_list=lists[0] if lists else None,
        plain_return_type=_plain_return_type(endpoint, success, lists[0]) if lists else None,
        item_type=item_type,
        item_import=f"from ...models.{item.class_info.module_name} import {item_type}",
        max_page_size=maximum,
        filters=filters,
    )


def _plain_return_type(endpoint: Endpoint, success: Any, bare_list: Any) -> str:
    others = [response.prop for response in endpoint.responses.patterns if response is not success]
    return " | ".join(sorted({prop.get_type_string().as_unembedded_code() for prop in [bare_list, *others]}))


def documented_errors(endpoint: Endpoint) -> list[str]:
    """raised_errors of the error statuses (300 and up) the endpoint documents."""
    ranges = [response.status_code.range for response in endpoint.responses.patterns]
    return raised_errors([statuses[0] for statuses in ranges if statuses is not None and statuses[0] >= 300])


def module_imports(endpoint: Endpoint, checks: ArgumentChecks, pages: Pagination | None, bulk: Any) -> list[str]:
    """The imports of an endpoint module besides the template's own and the generator's `relative_imports`: the
    classes its argument checks name, and those of its page and bulk functions (ruff sorts and merges them)."""
    lines = list(checks.imports)
    if pages is not None:
        lines += ["from collections.abc import AsyncIterator, Iterator", pages.item_import]
        lines += ["from ...types import Page, PageScan, iterate_pages, iterate_pages_async"]
    if bulk is not None:
        lines += [
            "from collections.abc import Iterable",
            "from ...bulk import Batch, Outcome, ProgressCallback, run, run_async",
        ]
        if bulk.single is not None:
            lines.append(f"from ..{bulk.single[0]} import {bulk.single[1]} as single_operation")
        lines += [f"from ...models.{model[0]} import {model[1]}" for model in (bulk.result, bulk.single_body) if model]
    return [
        line for index, line in enumerate(lines) if line not in endpoint.relative_imports and line not in lines[:index]
    ]


def argument_doc(prop: Any) -> str:
    """A parameter's entry in a docstring's Args: `name: description. Default: value.`, without the type, which the
    signature gives."""
    description = prop.description or ("The request's body." if prop.python_name == "body" else "")
    doc = f"{prop.python_name}: {safe_for_docstring(description)}".rstrip()
    if prop.default:
        doc += f" Default: {safe_for_docstring(prop.default.python_code)}."
    return doc


def read_with_json_loads(response: Response) -> Response:
    """`response`, its JSON body read by types.json_loads (orjson with the `orjson` extra) instead of httpx's
    response.json(), which is always the standard library's: what upstream's parse_response macro is given."""
    if response.source != JSON_SOURCE:
        return response
    source = JSON_SOURCE.copy()
    source["attribute"] = "json_loads(response.content)"
    return evolve(response, source=source)


def template_globals(document: dict[str, Any], models: list[Any]) -> dict[str, Any]:
    """What tools/generate.py adds to the templates' globals, given the OpenAPI document and the generator's models."""
    processed_model = processed_models(models)
    return {
        "openapi_document": document,
        "nullable_alternative": nullable_alternative,
        "processed_model": processed_model,
        "argument_checks": lambda endpoint: argument_checks(document, endpoint, processed_model),
        "pagination": lambda endpoint: pagination(document, endpoint, processed_model),
        "success_response": lambda endpoint: required_success(document, endpoint),
        "documented_errors": documented_errors,
        "free_form": lambda prop: is_free_form(processed_model(prop)),
        "module_imports": module_imports,
        "argument_doc": argument_doc,
        "raised_errors": raised_errors,
        "bulk_functions": bulk_functions,
        "lazy_imports": lazy_imports,
        "read_with_json_loads": read_with_json_loads,
    }
