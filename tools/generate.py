"""`make generate`'s command: openapi-python-client's own, with two additions to its Project.

- The templates see the OpenAPI document, as the generator loaded it, as the global `openapi_document`
  (a dict, `$ref`s unresolved), and the functions of tools/template_helpers.py that read it. The
  generator's parser keeps each property's type and enum values, but drops the constraints of its schema
  (minimum, maxLength, pattern, minItems...) except on object schemas; the argument checks
  (tools/argument_checks.py) read them from the document itself. A SpecRefusal of theirs ends the generation
  with its message (the operation, where in the spec, the keyword), without a traceback. The models' templates
  also see tools/model_schema.py's `field_plan`.
- The package's hand-written modules, every `.py` file of templates/runtime/clerk_invitations_client/
  (laid out as the package, so that ruff and mypy check them where they are written), are written into
  the package being generated as they are, their `{{ }}` expressions filled in; those that replace a
  module the generator writes (client.py, errors.py, types.py) are written over it.

The command line is the generator's, unchanged: `python -m tools.generate generate --path openapi.yaml ...`.
"""

from __future__ import annotations

from pathlib import Path
from unittest import mock

import openapi_python_client
from openapi_python_client.cli import app
from openapi_python_client.config import Config
from openapi_python_client.parser import GeneratorData

from tools import model_schema, template_helpers
from tools.spec_lookup import SpecRefusal

RUNTIME = "runtime/clerk_invitations_client"
"""The folder of templates/ that holds the package's hand-written modules."""


class ProjectWithRuntime(openapi_python_client.Project):
    """The generator's Project, whose templates see the raw OpenAPI document, and which writes our runtime modules."""

    def __init__(self, *, openapi: GeneratorData, config: Config, custom_template_path: Path | None = None) -> None:
        super().__init__(openapi=openapi, config=config, custom_template_path=custom_template_path)
        self.runtime_dir = None if custom_template_path is None else custom_template_path / RUNTIME
        # Loaded again, the way the generator loaded it: the parsed GeneratorData doesn't keep it.
        document = openapi_python_client._get_document(source=config.document_source, timeout=config.http_timeout)
        if not isinstance(document, dict):
            raise SystemExit(document.detail)  # read once already by the generator: only a file changed since fails
        self.env.globals.update(template_helpers.template_globals(document, openapi.models))
        self.env.globals.update(model_schema.schema_globals(openapi.models))

    def _build_api(self) -> None:
        try:
            super()._build_api()
        except SpecRefusal as refusal:  # the operation, the place in the spec and the keyword, without a traceback
            raise SystemExit(f"error: {refusal}") from None
        for source in runtime_modules(self.runtime_dir):
            template = self.env.get_template(f"{RUNTIME}/{source.name}")
            (self.package_dir / source.name).write_text(template.render(), encoding=self.config.file_encoding)


def runtime_modules(runtime_dir: Path | None) -> list[Path]:
    """The hand-written modules in `runtime_dir`, in a stable order (none without custom templates)."""
    if runtime_dir is None or not runtime_dir.is_dir():
        return []
    return sorted(runtime_dir.glob("*.py"))


if __name__ == "__main__":
    # openapi_python_client.generate() builds its Project by this module-level name.
    with mock.patch.object(openapi_python_client, "Project", ProjectWithRuntime):
        app()
