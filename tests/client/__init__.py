"""Tests of the generated client, against Prism and scripted servers on 127.0.0.1."""
