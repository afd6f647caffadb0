"""pytest plugin: the `clerk_fake` fixture, a fresh FakeClerk for each test."""

from __future__ import annotations

import pytest

from clerk_invitations_fake.fake import FakeClerk


@pytest.fixture
def clerk_fake() -> FakeClerk:
    """A fresh, empty FakeClerk; plug `clerk_fake.transport()` into a client or `with clerk_fake.serve() as url:`.

    `clerk_fake.fail_next(429, retry_after=1)` and the like make it fail on purpose.
    """
    return FakeClerk()
