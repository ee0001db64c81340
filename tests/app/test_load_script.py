"""Issue 17: the load script reports p50 and p95 and has no fallback that would time something else."""

from __future__ import annotations

import importlib.util
import inspect
import sys
from types import ModuleType

from tests.conftest import ROOT


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("load_test", ROOT / "scripts" / "load_test.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("load_test", module)  # dataclasses and inspect look a module up by its name
    spec.loader.exec_module(module)
    return module


def test_the_report_gives_the_median_the_95th_percentile_and_the_worst() -> None:
    """For 1..20 seconds: p50 10.5, p95 19.05 (inclusive method: 1 + 0.95 * 19 = 19.05), worst 20."""
    report = _load_script().seconds([float(n) for n in range(1, 21)])

    assert report == "p50 10.50 s, p95 19.05 s, worst 20.00 s (20 measured)"


def test_a_session_never_reloads_the_page_in_place_of_a_change() -> None:
    """The session changes an input or reports an error: it never quietly reloads and times that instead."""
    source = inspect.getsource(_load_script().run_session)

    assert "reload" not in source
    assert "no input matching" in source
