"""The public API of clerk_invitations_client, as griffe reads it from generated/, written as a Markdown report.

`python -m tools.api_report GENERATED_DIR REPORT` writes the report; `make generate` writes
api/clerk_invitations_client.api.md, and `make check-generated` fails when that file is stale, so every change
to the API shows in review as a diff of it.
"""

from __future__ import annotations

import ast
import contextlib
import logging
import sys
from collections.abc import Iterator
from pathlib import Path

import griffe

from tools import ROOT

PACKAGE = "clerk_invitations_client"
REPORT = ROOT / "api" / f"{PACKAGE}.api.md"
ATTRS_CLASS_DECORATORS = {"attrs.define", "attrs.frozen", "attrs.mutable"}
ATTRS_FIELD = "attrs.field"
ONE_LINE_WIDTH = 110  # longer signatures get one parameter per line, so that a diff shows the one that changed
HEADER = f"""\
# Public API of `{PACKAGE}`

Written by `tools/api_report.py` from `generated/` with griffe; `make generate` rewrites it, `make check-generated`
fails when it is stale. Don't edit it: change the spec or the templates, and review the diff of this file.

Every public module, with its public names in source order, in stub syntax: methods without `self`/`cls`,
names imported from a public module as `from ... import` (from a private module: as defined where exported),
each attrs class with the `__init__` attrs gives it, and the exceptions a docstring says are raised: under a
function, or first in a module, where an endpoint module's docstring lists them once for its functions.
"""


def load_api(generated: Path) -> griffe.Module:
    """The package as griffe sees it statically, plus the `__init__` attrs generates for each attrs class."""
    logging.getLogger("griffe").setLevel(logging.ERROR)  # docstring-style remarks are not our concern here
    package = griffe.load(
        PACKAGE,
        search_paths=[generated],
        resolve_aliases=True,
        resolve_external=False,
    )
    assert isinstance(package, griffe.Module)
    for module in modules(package):
        for member in module.members.values():
            if isinstance(member, griffe.Class) and _is_attrs_class(member) and "__init__" not in member.members:
                _add_attrs_init(member)
    return package


def modules(module: griffe.Module) -> Iterator[griffe.Module]:
    """The module and its submodules, at any depth (not modules it imports)."""
    yield module
    for submodule in module.modules.values():
        if isinstance(submodule, griffe.Module):
            yield from modules(submodule)


def _path(expression: str | griffe.Expr) -> str:
    if isinstance(expression, griffe.ExprCall):
        expression = expression.function
    return expression.canonical_path if isinstance(expression, griffe.Expr) else expression


def _is_attrs_class(cls: griffe.Class) -> bool:
    return any(_path(decorator.value) in ATTRS_CLASS_DECORATORS for decorator in cls.decorators)


def _field_options(attribute: griffe.Attribute) -> dict[str, str | griffe.Expr]:
    """The keyword arguments of `attrs.field(...)` if that is the attribute's value."""
    value = attribute.value
    if isinstance(value, griffe.ExprCall) and _path(value) == ATTRS_FIELD:
        return {
            argument.name: argument.value for argument in value.arguments if isinstance(argument, griffe.ExprKeyword)
        }
    return {}


def _attrs_parameters(cls: griffe.Class) -> list[griffe.Parameter]:
    """What attrs makes `__init__` take: the fields of the bases, then the class's own; keyword-only ones last."""
    positional: list[griffe.Parameter] = []
    keyword_only: list[griffe.Parameter] = []
    for klass in [*reversed(cls.mro()), cls]:
        for member in klass.members.values():
            if not isinstance(member, griffe.Attribute) or member.annotation is None:
                continue
            if "instance-attribute" not in member.labels or "property" in member.labels:
                continue
            options = _field_options(member)
            if options.get("init") == "False":
                continue
            alias = options.get("alias")
            name = ast.literal_eval(str(alias)) if alias else member.name.lstrip("_")
            if "default" in options:
                default: str | griffe.Expr | None = options["default"]
            elif "factory" in options:
                default = f"{options['factory']}()"
            else:
                default = None if options else member.value
            kw_only = options.get("kw_only") == "True"
            kind = griffe.ParameterKind.keyword_only if kw_only else griffe.ParameterKind.positional_or_keyword
            parameter = griffe.Parameter(name, annotation=member.annotation, kind=kind, default=default)
            (keyword_only if kw_only else positional).append(parameter)
    return positional + keyword_only


def _add_attrs_init(cls: griffe.Class) -> None:
    self = griffe.Parameter("self", kind=griffe.ParameterKind.positional_or_keyword)
    parameters = griffe.Parameters(self, *_attrs_parameters(cls))
    cls.set_member("__init__", griffe.Function("__init__", parameters=parameters, returns="None", lineno=cls.lineno))


def render(package: griffe.Module) -> str:
    lines = [HEADER]
    for module in sorted(modules(package), key=lambda module: module.path):
        if module.is_public:
            body = list(_module_lines(module))
            lines += [f"## {module.path}", ""] + (["```python", *body, "```", ""] if body else [])
    return "\n".join(lines)


def public_object(member: griffe.Object | griffe.Alias) -> griffe.Object | griffe.Alias:
    """The object a public name stands for: what a private module of the package defines, for a name re-exported
    from there (`client.RetryPolicy`, defined in `_retry`); else the member itself.

    Where the package keeps its code is no part of its API: the report shows such a name as defined where it
    is imported from, and the semver gate judges it there.
    """
    if isinstance(member, griffe.Alias):
        with contextlib.suppress(griffe.AliasResolutionError, griffe.CyclicAliasError):
            target = member.final_target
            module = target.module.path.split(".")
            if module[0] == PACKAGE and any(part.startswith("_") for part in module) and target.name == member.name:
                return target
    return member


def _module_lines(module: griffe.Module) -> Iterator[str]:
    yield from _raised_lines(module, "")
    for public in module.members.values():
        member = public_object(public)
        if not public.is_public or (not member.is_alias and member.is_module):
            continue
        if isinstance(member, griffe.Alias):
            target_module, _, target_name = member.target_path.rpartition(".")
            renamed = f" as {member.name}" if member.name != target_name else ""
            yield f"from {target_module} import {target_name}{renamed}"
        else:
            yield from _object_lines(member, "")


def _object_lines(obj: griffe.Object, indent: str) -> Iterator[str]:
    if isinstance(obj, griffe.Class):
        yield from _class_lines(obj, indent)
    elif isinstance(obj, griffe.Function):
        yield from _function_lines(obj, indent)
    elif isinstance(obj, griffe.Attribute):
        if "property" in obj.labels:
            yield f"{indent}@property"
            yield f"{indent}def {obj.name}() -> {obj.annotation}"
        else:
            annotation = f": {obj.annotation}" if obj.annotation is not None else ""
            # The value of an attribute set in __init__ is an expression of its arguments: not worth showing.
            set_in_init = "class-attribute" not in obj.labels and "instance-attribute" in obj.labels
            value = f" = {obj.value}" if obj.value is not None and not set_in_init else ""
            yield f"{indent}{obj.name}{annotation}{value}"


def _class_lines(cls: griffe.Class, indent: str) -> Iterator[str]:
    for decorator in cls.decorators:
        yield f"{indent}@{decorator.value}"
    bases = f"({', '.join(str(base) for base in cls.bases)})" if cls.bases else ""
    yield f"{indent}class {cls.name}{bases}:"
    members = sorted(
        (member for member in cls.members.values() if member.is_public and not member.is_alias),
        key=lambda member: member.name != "__init__",
    )
    for member in members:
        assert isinstance(member, griffe.Object)
        yield from _object_lines(member, indent + "    ")
    if not members:
        yield f"{indent}    ..."


def _function_lines(function: griffe.Function, indent: str) -> Iterator[str]:
    for decorator in function.decorators:
        yield f"{indent}@{decorator.value}"
    define = "async def" if "async" in function.labels else "def"
    parameters = _parameter_texts(function)
    returns = f" -> {function.returns}" if function.returns is not None else ""
    line = f"{indent}{define} {function.name}({', '.join(parameters)}){returns}"
    if len(line) <= ONE_LINE_WIDTH:
        yield line
    else:
        yield f"{indent}{define} {function.name}("
        yield from (f"{indent}    {parameter}," for parameter in parameters)
        yield f"{indent}){returns}"
    yield from _raised_lines(function, indent + "    ")


def _raised_lines(obj: griffe.Object, indent: str) -> Iterator[str]:
    """`# raises ...`: the exceptions of the Raises section of `obj`'s docstring, if it has one."""
    raised = [
        str(exception.annotation)
        for section in (obj.docstring.parse(griffe.Parser.google) if obj.docstring else [])
        if section.kind is griffe.DocstringSectionKind.raises
        for exception in section.value
    ]
    if raised:
        yield f"{indent}# raises {', '.join(raised)}"


def _parameter_texts(function: griffe.Function) -> list[str]:
    """The parameters as a signature writes them, `/` and `*` included; `self`/`cls` of a method left out."""
    parameters = list(function.parameters)
    if (
        function.parent is not None
        and function.parent.is_class
        and parameters
        and parameters[0].name in {"self", "cls"}
    ):
        parameters = parameters[1:]
    texts = []
    kinds = griffe.ParameterKind
    for index, parameter in enumerate(parameters):
        previous = parameters[index - 1].kind if index else None
        if previous is kinds.positional_only and parameter.kind is not kinds.positional_only:
            texts.append("/")
        if parameter.kind is kinds.keyword_only and previous not in {kinds.keyword_only, kinds.var_positional}:
            texts.append("*")
        text = {kinds.var_positional: "*", kinds.var_keyword: "**"}.get(parameter.kind, "") + parameter.name
        if parameter.annotation is not None:
            text += f": {parameter.annotation}"
        if parameter.default is not None and parameter.kind not in {kinds.var_positional, kinds.var_keyword}:
            text += f" = {parameter.default}" if parameter.annotation is not None else f"={parameter.default}"
        texts.append(text)
    if parameters and parameters[-1].kind is kinds.positional_only:
        texts.append("/")
    return texts


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m tools.api_report GENERATED_DIR REPORT", file=sys.stderr)
        return 2
    generated, report = map(Path, argv)
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text(render(load_api(generated)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
