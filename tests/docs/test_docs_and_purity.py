"""Docs and code stay in step; the domain package stays free of the UI."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from datetime import date
from decimal import Decimal

from coverage import PLAN_COLUMNS, CarePlan, Course, Plan, estimate
from coverage.catalog.loader import OPTIONAL_PLAN_COLUMNS
from coverage.engine.defaults import OT_VISIT_RATE, PT_EVAL_RATE, PT_VISIT_RATE
from tests.conftest import PLANS_CSV, ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_plans_csv_column_is_a_plan_field_and_is_explained_in_the_readme() -> None:
    """The header, the Plan model and the README's column table name the same columns."""
    header = PLANS_CSV.read_text(encoding="utf-8").splitlines()[0].split(",")

    assert header == list(PLAN_COLUMNS)
    assert list(PLAN_COLUMNS + OPTIONAL_PLAN_COLUMNS) == list(Plan.model_fields)
    for column in PLAN_COLUMNS + OPTIONAL_PLAN_COLUMNS:
        assert re.search(rf"^\| [^|]*`{column}`", README, re.MULTILINE), f"README does not explain {column}"


def test_the_readmes_worked_example_is_what_the_engine_computes() -> None:
    """Allowed 300, deductible 100, copay 20, 50 %, maximum 1,000: the README says 210 and the engine agrees."""
    plan = Plan(
        plan_id="ex",
        plan_name="Example",
        payer_type="commercial",
        deductible="100.00",
        oop_max="1000.00",
        pt_copay="20.00",
        pt_coinsurance_pct="50",
    )

    first = estimate(
        plan, CarePlan(start_date=date(2026, 1, 5), pt=Course(visits_per_week=1, weeks=1, visit_rate="300.00"))
    ).visits[0]

    assert "100 + 20 + 90 = **210**" in README
    assert (first.patient_pays, first.plan_pays) == (Decimal("210.00"), Decimal("90.00"))


def test_the_readmes_default_rates_match_the_defaults_module() -> None:
    """The rates the README quotes are the ones the app starts with."""
    for rate in (PT_VISIT_RATE, PT_EVAL_RATE, OT_VISIT_RATE):
        assert f"${rate}" in README


def test_no_module_of_the_domain_package_imports_streamlit() -> None:
    """coverage/ never imports streamlit, directly or by importing the package."""
    offenders = []
    for path in (ROOT / "coverage").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] == "streamlit"]

    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, coverage; print('streamlit' in sys.modules)"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()

    assert offenders == []
    assert loaded == "False"
