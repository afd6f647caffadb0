"""The pins of the upstream templates we override or import (tools/upstream_templates.py), both ways."""

from __future__ import annotations

import shutil
from pathlib import Path

from tools.generate import RUNTIME
from tools.upstream_templates import TEMPLATES, UPSTREAM, check, diff, users

OURS = (path.relative_to(TEMPLATES).as_posix() for path in TEMPLATES.rglob("*.jinja"))
OVERRIDES = sorted(name for name in OURS if (UPSTREAM / name).is_file())


def test_the_pins_are_the_installed_generators_templates() -> None:
    assert check() == []


def test_what_is_pinned_includes_every_override_and_what_they_import() -> None:
    used = users()
    for name in OVERRIDES:
        assert f"templates/{name} (overrides it)" in used[name]
    assert used["endpoint_macros.py.jinja"] == ["templates/endpoint_module.py.jinja (imports it)"]
    # model.py.jinja imports "property_templates/" + property.template: every property template counts.
    assert "templates/model.py.jinja (imports it)" in used["property_templates/enum_property.py.jinja"]
    assert "property_templates/union_property.py.jinja" in OVERRIDES


def test_files_of_ours_that_a_template_includes_count_with_what_they_import(tmp_path: Path) -> None:
    (tmp_path / "runtime").mkdir()
    (tmp_path / "types.py.jinja").write_text('{% include "runtime/types.py" %}\n')
    (tmp_path / "runtime" / "types.py").write_text('{% from "helpers.jinja" import safe_docstring %}\nX = 1\n')
    (tmp_path / "README.md").write_text("Not a template: {% from 'model.py.jinja' import nothing %}\n")

    assert users(templates=tmp_path) == {
        "types.py.jinja": ["templates/types.py.jinja (overrides it)"],
        "helpers.jinja": ["templates/runtime/types.py (imports it)"],
    }


def test_runtime_modules_count_with_what_they_import(tmp_path: Path) -> None:
    (tmp_path / RUNTIME).mkdir(parents=True)
    (tmp_path / RUNTIME / "client.py").write_text('{% from "helpers.jinja" import safe_docstring %}\n')

    assert users(templates=tmp_path) == {"helpers.jinja": [f"templates/{RUNTIME}/client.py (imports it)"]}


def test_a_changed_upstream_template_names_the_override_to_remerge(tmp_path: Path) -> None:
    upstream = tmp_path / "templates"
    shutil.copytree(UPSTREAM, upstream)
    for name in ("endpoint_macros.py.jinja", "model.py.jinja"):
        with (upstream / name).open("a") as template:
            template.write("{# a change in a newer openapi-python-client #}\n")

    problems = check(upstream=upstream)

    assert len(problems) == 2, problems
    assert "upstream endpoint_macros.py.jinja changed in openapi-python-client" in problems[0]
    assert "re-merge templates/endpoint_module.py.jinja (imports it)" in problems[0]
    assert "upstream model.py.jinja changed in openapi-python-client" in problems[1]
    assert "re-merge templates/model.py.jinja (overrides it), then run `make template-pins`" in problems[1]


def test_a_new_override_must_be_pinned(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    (templates / "int_enum.py.jinja").write_text('{% from "helpers.jinja" import safe_docstring %}\n')

    problems = check(templates=templates)

    assert problems == [
        "upstream int_enum.py.jinja is used by templates/int_enum.py.jinja (overrides it) but not pinned: "
        "run `make template-pins`."
    ]


def test_template_diff_shows_every_override_against_upstream() -> None:
    shown = diff()
    assert OVERRIDES
    for name in OVERRIDES:
        assert f"--- upstream/{name} (openapi-python-client " in shown
        assert f"\n+++ templates/{name}\n" in shown
