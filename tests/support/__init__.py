"""What the tests share that is not a fixture: paths, servers (Prism, scripted), callers, spec checks."""
