"""Rewrite the plans.csv column table in docs/plans-csv.md from the plan-field registry (after adding a setting)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coverage.views.column_docs import column_table  # noqa: E402

START, END = "<!-- column table: generated, do not edit by hand -->\n", "<!-- end of column table -->\n"


def main() -> None:
    """Replace what stands between the two markers with the table the registry writes."""
    doc = ROOT / "docs" / "plans-csv.md"
    text = doc.read_text(encoding="utf-8")
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    doc.write_text(head + START + column_table() + END + tail, encoding="utf-8")
    print(f"wrote the column table in {doc.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
