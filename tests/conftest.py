"""Shared test set-up: a bounded Hypothesis profile and paths to the project's files."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parents[1]
PLANS_CSV = ROOT / "plans.csv"
SHARED_DATA = ROOT.parent / "shared" / "data"

# Bounded so the whole suite stays within a few minutes on 2 cores; no deadline, since CI machines are shared.
settings.register_profile("project", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("project")
