"""`make generate`'s command: openapi-python-client's own, with the OpenAPI document given to the templates.

The generator's parser keeps each property's type and enum values, but drops the constraints of its
schema (minimum, maxLength, pattern, minItems...) except on object schemas. The argument checks
(checks.jinja) read them from the document itself: the templates see it, as the generator loaded it,
as the global `openapi_document` (a dict, `$ref`s unresolved), with the functions of
tools/template_helpers.py that read it. The command line is the generator's,
unchanged: `python -m tools.generate generate --path openapi.yaml ...`.
"""

from __future__ import annotations

from pathlib import Path
from unittest import mock

import openapi_python_client
from openapi_python_client.cli import app
from openapi_python_client.config import Config
from openapi_python_client.parser import GeneratorData

from tools import template_helpers


class ProjectWithDocument(openapi_python_client.Project):
    """The generator's Project, whose templates also see the raw OpenAPI document."""

    def __init__(self, *, openapi: GeneratorData, config: Config, custom_template_path: Path | None = None) -> None:
        super().__init__(openapi=openapi, config=config, custom_template_path=custom_template_path)
        # Loaded again, the way the generator loaded it: the parsed GeneratorData doesn't keep it.
        document = openapi_python_client._get_document(source=config.document_source, timeout=config.http_timeout)
        self.env.globals["openapi_document"] = document
        self.env.globals.update(template_helpers.template_globals(openapi.models))


if __name__ == "__main__":
    # openapi_python_client.generate() builds its Project by this module-level name.
    with mock.patch.object(openapi_python_client, "Project", ProjectWithDocument):
        app()
