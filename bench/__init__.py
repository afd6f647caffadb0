"""Benchmark of the generated client against Clerk's official SDK and bare httpx: `make bench`."""
