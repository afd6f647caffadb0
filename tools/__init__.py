"""Maintainers' scripts: the public API report and semver gate, and the checks against upstream.

Upstream is Clerk's published spec and the templates of openapi-python-client; see CONTRIBUTING.md.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
"""The repository (or scratch copy) the scripts work on: the one they are in."""
