"""Tests of the pipeline: spec -> generator -> generated/, and the installed distributions."""
