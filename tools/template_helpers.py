"""Python functions the templates call (tools/generate.py hands them over as Jinja globals).

Logic that decides what to generate from the spec lives here, where it is tested
(tests/pipeline/test_template_helpers.py) and type-checked; the templates keep the layout.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from typing import Any

from tools import ROOT

NULL_SCHEMA = {"type": "null"}
ERRORS_SOURCE = ROOT / "templates" / "runtime" / "clerk_invitations_client" / "errors.py"


def nullable_alternative(schema: Any) -> Any:
    """The schema a nullable union stands for: X of `anyOf` (or `oneOf`) `[X, {type: "null"}]`, in either order.

    None for any other schema. The generator reads such a union as `X | None`, with X's own name when X is a
    `$ref`: the way to make a referenced schema nullable without a `…Type0` class.
    """
    if not isinstance(schema, dict):
        return None
    for keyword in ("anyOf", "oneOf"):
        alternatives = schema.get(keyword)
        if isinstance(alternatives, list) and len(alternatives) == 2 and NULL_SCHEMA in alternatives:
            other = alternatives[1 - alternatives.index(NULL_SCHEMA)]
            return other if other != NULL_SCHEMA else None
    return None


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
                if isinstance(statement, ast.Assign) and ast.unparse(statement.targets[0]) == "status":
                    classes[ast.literal_eval(statement.value)] = node.name
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


def template_globals(models: list[Any]) -> dict[str, Any]:
    """What tools/generate.py adds to the templates' globals, given the generator's models."""
    return {
        "nullable_alternative": nullable_alternative,
        "processed_model": processed_models(models),
        "raised_errors": raised_errors,
    }
