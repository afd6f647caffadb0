"""The argument checks of an endpoint, written from the spec (issue 10): the body of its `check_arguments()`.

Every parameter and every field of a JSON request body is checked by the runtime's `errors.check_*` functions
against its declared type and its schema's constraints before the request is built. Types, required-ness,
nullability and the classes come from the generator's Property objects; the constraints, which its parser drops,
from the raw document. Each keyword that restricts values is either checked here (CHECKED_KEYWORDS), or left
to Clerk, which refuses a value that breaks it with a 400 or 422, for the reason LEFT_TO_CLERK gives; any other
raises SpecRefusal, naming the operation, where the schema is and the keyword, instead of being ignored.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from openapi_python_client.parser.openapi import Endpoint
from openapi_python_client.parser.properties.enum_property import EnumProperty
from openapi_python_client.parser.properties.list_property import ListProperty
from openapi_python_client.parser.properties.model_property import ModelProperty
from openapi_python_client.parser.properties.union import UnionProperty
from openapi_python_client.strings import in_double_quote_literal

from tools.spec_lookup import Located, SpecRefusal, nullable_alternative, operation_at, parameter_schema, resolve_at

CONSTRAINT_ARGUMENTS = {
    "minimum": "minimum",
    "maximum": "maximum",
    "minLength": "min_length",
    "maxLength": "max_length",
    "minItems": "min_items",
    "maxItems": "max_items",
}
CHECKED_KEYWORDS = {"type", "enum", "pattern", "items", "properties", "required", "format", *CONSTRAINT_ARGUMENTS}
CHECKED_FORMATS = {"email": "email=True"}
SHAPING_KEYWORDS = CHECKED_KEYWORDS | {"additionalProperties"}
"""Keywords that shape a schema: beside a `$ref` or a lone `allOf` they would be ignored, so they are refused."""

BOUND_ITSELF = (
    "the bound is checked as inclusive (for an integer, the next integer instead, exactly); a number equal to it "
    "is left to Clerk: errors.check_number has no exclusive bound"
)
UNION = (
    "which member of a union a value is, and that member's constraints, are left to Clerk: its type is the "
    "annotation's, and the generator serializes each member its own way"
)
LEFT_TO_CLERK = {
    "exclusiveMinimum": BOUND_ITSELF,
    "exclusiveMaximum": BOUND_ITSELF,
    "uniqueItems": "Clerk refuses duplicate items; the items may be models, which compare by identity here",
    "anyOf": UNION,
    "oneOf": UNION,
    "allOf": UNION + " (a lone allOf is read as the schema it names)",
    "additionalProperties": (
        "an object's additional values of a declared type are left to Clerk; of any type, they are checked to be JSON"
    ),
    "format": (
        "a format other than email (int64, int32, double, uri, date-time...) is left to Clerk: Python's int and "
        "float have no width, and Clerk's parser is the authority on URI and date syntax"
    ),
    "readOnly": "Clerk ignores or refuses a read-only field it is sent",
    "body": (
        "a body that isn't one JSON value (multipart/form-data, files, a form, or one of several content types) is "
        "serialized by the generator's model, field by field; its values are left to Clerk"
    ),
    "recursion": (
        "a model inside itself is checked to be an instance; its own fields were checked one level up, the deeper "
        "ones are left to Clerk"
    ),
}
"""Each keyword (or case) the checks leave to Clerk, and why: Clerk answers a value that breaks it with 400 or 422."""

REFUSED_KEYWORDS = {
    "multipleOf",
    "const",
    "minProperties",
    "maxProperties",
    "not",
    "if",
    "prefixItems",
    "contains",
    "patternProperties",
    "propertyNames",
    "dependentRequired",
    "dependentSchemas",
    "unevaluatedItems",
    "unevaluatedProperties",
}
"""Keywords that restrict values, neither checked nor yet left to Clerk with a reason: the generation stops on them."""


def is_free_form(model: Any) -> bool:
    """Whether a property (a model as processed) is a free-form object: no properties, additional ones of any type;
    the templates make it a plain dict, and the argument checks and the models' checks take any JSON object."""
    if not isinstance(model, ModelProperty):
        return False
    extra: Any = model.additional_properties  # True, a Property or None, whatever upstream annotates
    return (
        not (model.required_properties or model.optional_properties)
        and bool(extra)
        and (extra is True or extra.get_type_string().as_unembedded_code() == "Any")
        and not model.is_multipart_body
    )


@dataclass
class ArgumentChecks:
    """What `argument_checks` writes: the statements of `check_arguments()`, and the imports they need."""

    code: str
    imports: list[str] = field(default_factory=list)


@dataclass
class _Writer:
    document: dict[str, Any]
    operation: str
    processed_model: Callable[[Any], Any]
    imports: list[str] = field(default_factory=list)

    def refuse(self, located: Located, keyword: str, why: str) -> SpecRefusal:
        return SpecRefusal(self.operation, located.pointer, keyword, why)

    def schema_of(self, node: Located) -> Located:
        """`node` with its `$ref`s, a lone `allOf` and a nullable union followed, its keywords vetted; `{}` if none."""
        located = node
        while isinstance(located.node, dict):
            schema = located.node
            if "$ref" in schema:
                target = resolve_at(self.document, Located({"$ref": schema["$ref"]}, located.pointer))
            elif len(schema.get("allOf", [])) == 1 and "type" not in schema:
                target = located.child("allOf", 0)
            elif nullable_alternative(schema) is not None:
                keyword = "anyOf" if nullable_alternative({"anyOf": schema.get("anyOf")}) is not None else "oneOf"
                target = located.child(keyword, schema[keyword].index(nullable_alternative(schema)))
            else:
                break
            beside = sorted(schema.keys() & SHAPING_KEYWORDS)
            if beside:
                raise self.refuse(located, beside[0], "beside a $ref or allOf: put it in the schema referred to")
            located = target
        if not isinstance(located.node, dict):  # no schema (a parameter with `content`): no constraint
            return Located({}, located.pointer)
        refused = sorted(located.node.keys() & REFUSED_KEYWORDS)
        if refused:
            why = "neither checked nor left to Clerk with a reason (tools/argument_checks.py)"
            raise self.refuse(located, refused[0], why)
        return located

    def import_class(self, prop: Any) -> None:
        line = f"from ...models.{prop.class_info.module_name} import {prop.class_info.name}"
        if line not in self.imports:
            self.imports.append(line)

    def constraints(self, located: Located, integer: bool = False) -> str:
        """The keyword arguments of a check for the schema's constraints, e.g. `, minimum=1, maximum=500`."""
        schema = located.node
        bounds = dict(schema)
        for exclusive, inclusive, step in (("exclusiveMinimum", "minimum", 1), ("exclusiveMaximum", "maximum", -1)):
            value = schema.get(exclusive)
            if value is True and inclusive in schema:  # OpenAPI 3.0: a flag on the bound
                value = schema[inclusive]
            elif value is True or value is False:
                continue
            if value is not None:
                bounds[inclusive] = value + step if integer and isinstance(value, int) else value
        arguments = ""
        for keyword, argument in CONSTRAINT_ARGUMENTS.items():
            if keyword in bounds:
                bound = bounds[keyword]
                if isinstance(bound, bool) or not isinstance(bound, int | float):
                    raise self.refuse(located.child(keyword), keyword, f"the bound {bound!r} isn't a number")
                arguments += f", {argument}={bound}"
        if "pattern" in schema:
            arguments += f', pattern="{in_double_quote_literal(schema["pattern"])}"'
        if schema.get("format") in CHECKED_FORMATS:
            arguments += ", " + CHECKED_FORMATS[schema["format"]]
        return arguments

    def check_value(self, prop: Any, node: Located, value: str, label: str, models: tuple[str, ...] = ()) -> list[str]:
        """The checks of one value, which is neither UNSET nor None unless its schema allows it."""
        located = self.schema_of(node)
        inner = _nullable_inner(prop)
        if inner is not None:
            return _if(f"{value} is not None", self.check_value(inner, node, value, label, models))
        if isinstance(prop, UnionProperty):
            return []  # LEFT_TO_CLERK["anyOf"]
        if isinstance(prop, EnumProperty):
            self.import_class(prop)
            return [f"errors.check_enum({value}, {prop.class_info.name}, {_text(label)})"]
        if isinstance(prop, ModelProperty):
            return self.check_model(prop, located, value, label, models)
        if isinstance(prop, ListProperty):
            item, index = value.replace(".", "_") + "_entry", value.replace(".", "_") + "_index"
            lines = [f"errors.check_list({value}, {_text(label)}{self.constraints(located)})"]
            items = self.check_value(prop.inner_property, located.child("items"), item, f"{label}[{{{index}}}]", models)
            return lines + ([f"for {index}, {item} in enumerate({value}):", *_indented(items)] if items else [])
        kind = prop.get_base_type_string().as_unembedded_code()
        if kind == "str":
            return [f"errors.check_str({value}, {_text(label)}{self.constraints(located)})"]
        if kind == "int":
            return [f"errors.check_int({value}, {_text(label)}{self.constraints(located, integer=True)})"]
        if kind == "float":
            return [f"errors.check_number({value}, {_text(label)}{self.constraints(located)})"]
        if kind == "bool":
            return [f"errors.check_bool({value}, {_text(label)})"]
        if kind == "Any":
            return [f"errors.check_json({value}, {_text(label)})"]
        instance = prop.get_instance_type_string().as_unembedded_code()
        if not instance.replace(".", "").isidentifier():
            raise self.refuse(located, "type", f"a value of type {kind}")
        self.imports += sorted(prop.get_imports(prefix="...") - set(self.imports))  # datetime, UUID, File...
        return [f"errors.check_instance({value}, {instance}, {_text(label)})"]

    def check_model(self, prop: Any, located: Located, value: str, label: str, models: tuple[str, ...]) -> list[str]:
        name = prop.class_info.name
        model = self.processed_model(prop)
        free_form = is_free_form(model)
        if not free_form:
            self.import_class(prop)
        lines = [f"errors.check_instance({value}, {'dict' if free_form else name}, {_text(label)})"]
        if name in models:
            return lines  # LEFT_TO_CLERK["recursion"]
        fields = (model.required_properties or []) + (model.optional_properties or [])
        extra = model.additional_properties
        if extra and (extra is True or extra.get_type_string().as_unembedded_code() == "Any"):
            lines.append(
                f"errors.check_json({value if not fields else value + '.additional_properties'}, {_text(label)})"
            )
        properties = self.properties_of(located)
        blocks = []
        for field_property in fields:
            field_name = field_property.name.get_untrusted_value()
            if field_name not in properties:
                raise self.refuse(located, "properties", f"the property {field_name} is outside `properties`")
            field_value, field_label = f"{value}.{field_property.python_name}", f"{label}.{field_property.python_name}"
            checks = self.check_field(field_property, properties[field_name], field_value, field_label, (*models, name))
            if checks:
                blocks.append(checks)
        return _blocks(lines, blocks)

    def properties_of(self, located: Located) -> dict[str, Located]:
        """The `properties` of an object schema, and those of each member of its `allOf`, which the generator merges."""
        found = {key: located.child("properties", key) for key in located.node.get("properties", {})}
        for index in range(len(located.node.get("allOf", []))):
            found = {**self.properties_of(self.schema_of(located.child("allOf", index))), **found}
        return found

    def check_field(self, prop: Any, node: Located, value: str, label: str, models: tuple[str, ...] = ()) -> list[str]:
        """The checks of a parameter or field, which may be UNSET if optional and None if nullable."""
        inner = _nullable_inner(prop)
        conditions = [] if prop.required else [f"not isinstance({value}, Unset)"]
        conditions += [f"{value} is not None"] if inner is not None else []
        checks = self.check_value(inner or prop, node, value, label, models)
        return _if(" and ".join(conditions), checks) if conditions else checks


def argument_checks(
    document: dict[str, Any], endpoint: Endpoint, processed_model: Callable[[Any], Any]
) -> ArgumentChecks:
    """The statements of `endpoint`'s `check_arguments()` (none if there is nothing to check), and their imports."""
    _, operation = operation_at(document, endpoint)
    writer = _Writer(document, str(operation.node.get("operationId", endpoint.name)), processed_model)
    locations = {
        "path": endpoint.path_parameters,
        "query": endpoint.query_parameters,
        "header": endpoint.header_parameters,
        "cookie": endpoint.cookie_parameters,
    }
    blocks = []
    for location, parameters in locations.items():
        for parameter in parameters:
            schema = parameter_schema(document, endpoint, parameter.name.get_untrusted_value(), location)
            blocks.append(writer.check_field(parameter, schema, parameter.python_name, parameter.python_name))
    if len(endpoint.bodies) == 1 and endpoint.bodies[0].body_type == "json":  # else LEFT_TO_CLERK["body"]
        body = endpoint.bodies[0]
        request_body = resolve_at(document, operation.child("requestBody"))
        media = request_body.child("content", body.content_type.get_untrusted_value(), "schema")
        name = body.prop.python_name
        blocks.append(writer.check_field(body.prop, media, name, name))
    return ArgumentChecks("\n\n".join("\n".join(block) for block in blocks if block), writer.imports)


def _nullable_inner(prop: Any) -> Any:
    """The one other member of a union with None (`type: [integer, "null"]`), else None."""
    if not isinstance(prop, UnionProperty):
        return None
    others = [inner for inner in prop.inner_properties if inner.get_base_type_string().as_unembedded_code() != "None"]
    return others[0] if len(others) == 1 and len(prop.inner_properties) == 2 else None


def _text(label: str) -> str:
    """`label` as a Python str: an f-string when it holds an index, as in body[{body_index}].email_address."""
    return ("f" if "{" in label else "") + f'"{label}"'


def _indented(lines: list[str]) -> list[str]:
    return ["    " + line if line else line for line in lines]


def _if(condition: str, checks: list[str]) -> list[str]:
    return [f"if {condition}:", *_indented(checks)] if checks else []


def _blocks(head: list[str], blocks: list[list[str]]) -> list[str]:
    """`head`, then each block, a blank line between two blocks."""
    lines = list(head)
    for index, block in enumerate(blocks):
        lines += ([""] if index else []) + block
    return lines
