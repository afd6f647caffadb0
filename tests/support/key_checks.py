"""Assertions that the secret key stays out of text, exceptions and pickles, written never to print it."""

from __future__ import annotations

import logging
import pickle
import traceback

from tests.support.calls import TEST_SECRET_KEY


def assert_no_key(text: str | bytes, key: str = TEST_SECRET_KEY) -> None:
    # Booleans first: pytest would print both sides of an `in` comparison, the key among them.
    if isinstance(text, bytes):
        text = text.decode("latin-1")
    leaked = key in text
    partly_leaked = key[8:24] in text
    assert not leaked, "the secret key leaked"
    assert not partly_leaked, "part of the secret key leaked"


def assert_error_hides_key(error: BaseException, key: str = TEST_SECRET_KEY) -> None:
    """Not in the error's message or repr, its traceback with every chained cause, or its pickle."""
    assert_no_key(str(error), key)
    assert_no_key(repr(error), key)
    assert_no_key("".join(traceback.format_exception(error)), key)
    assert_no_key(pickle.dumps(error), key)


def assert_records_hide_key(records: list[logging.LogRecord], key: str = TEST_SECRET_KEY) -> None:
    """Not in any log record's message, arguments or attached exception."""
    assert records, "no log records were captured"
    for record in records:
        assert_no_key(record.getMessage(), key)
        assert_no_key(repr(record.args), key)
        if record.exc_info and record.exc_info[1]:
            assert_error_hides_key(record.exc_info[1], key)
