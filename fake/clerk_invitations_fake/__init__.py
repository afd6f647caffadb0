"""A stateful fake of Clerk's invitations API for tests: in process (httpx transports) or over HTTP."""

from importlib.metadata import version

from clerk_invitations_fake.fake import IN_PROCESS_URL, FakeClerk

__version__ = version("clerk-invitations-fake")
"""The installed distribution's version, from its pyproject.toml."""

__all__ = ["IN_PROCESS_URL", "FakeClerk", "__version__"]
