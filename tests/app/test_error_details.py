"""Issue 4: users never see a traceback; the full error goes to the server log, and nothing else does."""

from __future__ import annotations

import logging
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit import config
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

CONFIG = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
FAILING_PAGE = """
raise RuntimeError("detail only the server may see: 4242")
"""


class Remember(logging.Handler):
    """Keeps the records a logger emits (Streamlit's loggers do not propagate to pytest's caplog)."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        """Keep ``record``."""
        self.records.append(record)


@pytest.fixture
def server_log() -> Iterator[Remember]:
    """What Streamlit logs about uncaught errors in a page, with the project's error-details setting."""
    handler = Remember()
    logger = logging.getLogger("streamlit.error_util")
    logger.addHandler(handler)
    before = config.get_option("client.showErrorDetails")
    config.set_option("client.showErrorDetails", CONFIG["client"]["showErrorDetails"])
    yield handler
    config.set_option("client.showErrorDetails", before)
    logger.removeHandler(handler)


def test_the_app_is_configured_to_hide_error_details_and_serve_only_this_machine() -> None:
    """config.toml hides error details from users and listens on 127.0.0.1 unless told otherwise."""
    assert CONFIG["client"]["showErrorDetails"] == "none"
    assert CONFIG["server"]["address"] == "127.0.0.1"
    assert CONFIG.get("logger", {}).get("level", "info") in ("debug", "info", "warning", "error")


def test_an_uncaught_error_shows_a_generic_message_and_logs_the_full_traceback(
    tmp_path: Path, server_log: Remember
) -> None:
    """The user sees no detail of the error; the server log has its message and traceback."""
    page = tmp_path / "failing_page.py"
    page.write_text(FAILING_PAGE, encoding="utf-8")

    at = AppTest.from_file(str(page), default_timeout=30).run()

    shown = " ".join(str(e.value) for e in at.exception)
    assert at.exception
    assert "4242" not in shown
    assert "redacted" in shown
    logged = [r for r in server_log.records if r.exc_info and "4242" in str(r.exc_info[1])]
    assert logged
    assert logged[0].levelno == logging.ERROR
