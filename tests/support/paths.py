"""Where the repository and its spec are, for tests that read or run files of the repository."""

from __future__ import annotations

from tools import ROOT as ROOT  # the repository root, defined once, for the maintainers' scripts and the tests

SPEC = ROOT / "openapi.yaml"
