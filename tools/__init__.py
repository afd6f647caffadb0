"""Maintainers' scripts: the public API report and semver gate, and the checks against upstream.

Upstream is Clerk's published spec and the templates of openapi-python-client; see CONTRIBUTING.md.
"""
