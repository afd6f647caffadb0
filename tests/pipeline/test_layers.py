"""The runtime's layers: httpx's and httpcore's private attributes are used in one module, _httpx_internals.py.

A private attribute of theirs is a `_name` (not `__dunder__`, nor an enum's `_sunder_`) that their own code reads
or writes as an attribute, found by reading the installed httpx and httpcore. The runtime's modules are read
for each such name used as an attribute of anything but `self` or `cls`, or through getattr() and its kin.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import httpcore
import httpx

from tests.support.paths import ROOT

RUNTIME = ROOT / "templates" / "runtime" / "clerk_invitations_client"
INTERNALS = "_httpx_internals.py"
BY_NAME = {"getattr", "hasattr", "setattr", "delattr"}


def _is_private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__") and not (name.endswith("_") and len(name) > 2)


@functools.cache
def foreign_private_names() -> frozenset[str]:
    """Every private attribute name httpx's and httpcore's code uses or defines, as read from their sources."""
    names: set[str] = set()
    for package in (httpx, httpcore):
        for source in Path(str(package.__file__)).parent.rglob("*.py"):
            for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Attribute):
                    names.add(node.attr)
                elif isinstance(node, ast.ClassDef):
                    for statement in node.body:
                        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef):
                            names.add(statement.name)
    return frozenset(name for name in names if _is_private(name))


def foreign_private_uses(source: str) -> list[tuple[int, str]]:
    """(line, name) of each private attribute of httpx or httpcore that `source` uses on an object not its own."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute):
            receiver = node.value
            if not (isinstance(receiver, ast.Name) and receiver.id in {"self", "cls"}):
                found.append((node.lineno, node.attr))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in BY_NAME
            and len(node.args) >= 2
            and isinstance(node.args[1], ast.Constant)
            and isinstance(node.args[1].value, str)
        ):
            found.append((node.lineno, node.args[1].value))
    return [(line, name) for line, name in found if name in foreign_private_names()]


def test_only_the_internals_module_uses_private_attributes_of_httpx_and_httpcore() -> None:
    used = {
        f"{source.name}:{line}: {name}"
        for source in sorted(RUNTIME.glob("*.py"))
        if source.name != INTERNALS
        for line, name in foreign_private_uses(source.read_text(encoding="utf-8"))
    }
    assert used == set(), f"move these into {INTERNALS}"


def test_the_internals_module_holds_the_private_attributes_the_client_relies_on() -> None:
    """The names the deadline, the cleanup after an interrupt, fork and the body reader set or read."""
    used = {name for _, name in foreign_private_uses((RUNTIME / INTERNALS).read_text(encoding="utf-8"))}
    relied_on = {"_transport", "_mounts", "_pool", "_network_backend", "_requests", "_connections", "_content"}
    assert relied_on <= foreign_private_names(), "httpx or httpcore no longer has one of them"
    assert relied_on <= used


def test_the_scan_finds_a_private_attribute_of_an_httpx_object_however_it_is_reached() -> None:
    source = """
def pools(client, response):
    pool = client._transport._pool
    self._transport = None  # our own attribute of that name: not theirs
    return pool._connections, getattr(response, "_content", None), response.status_code
"""
    assert foreign_private_uses(source) == [(3, "_pool"), (3, "_transport"), (5, "_connections"), (5, "_content")]
