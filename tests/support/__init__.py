"""What the test suites share: the repository's paths, Prism, the scripted server, spec checks, `call`."""
