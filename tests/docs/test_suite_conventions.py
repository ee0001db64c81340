"""The suite keeps its own rules: every test states its behaviour in a one-line docstring."""

from __future__ import annotations

import ast

from tests.conftest import ROOT


def test_every_test_has_a_one_line_docstring_stating_the_behaviour() -> None:
    """Each test function in tests/ opens with a docstring whose first line is a sentence."""
    missing = []
    for path in sorted((ROOT / "tests").rglob("test_*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith("test_"):
                doc = ast.get_docstring(node)
                if not doc or not doc.splitlines()[0].strip().endswith((".", "?", ")")):
                    missing.append(f"{path.name}::{node.name}")

    assert missing == []
