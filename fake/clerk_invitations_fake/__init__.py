"""A stateful fake of Clerk's invitations API for tests: in process (httpx transports) or over HTTP."""

from clerk_invitations_fake.fake import IN_PROCESS_URL, FakeClerk

__all__ = ["IN_PROCESS_URL", "FakeClerk"]
