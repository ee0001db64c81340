"""Issue 4: every kind of bad plans file gets a clear PlanFileError, never another exception."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coverage.catalog.loader import MAX_PLANS, PLAN_COLUMNS, PlanFileError, load_plans, parse_plans
from coverage.catalog.uploads import UPLOAD_MAX_BYTES, UPLOAD_MAX_PLANS, parse_uploaded_plans
from coverage.engine.plans import Plan
from tests.conftest import PLANS_CSV
from tests.strategies import plans_csv_bytes

GOOD = PLANS_CSV.read_bytes()
HEADER = ",".join(PLAN_COLUMNS).encode()
FIRST_ROW = GOOD.splitlines()[1]


def _short_rows(count: int) -> bytes:
    """A plans file of ``count`` minimal valid rows (id, name, payer type; the rest blank)."""
    rows = [b"p%d,Plan %d,commercial" % (n, n) + b"," * (len(PLAN_COLUMNS) - 3) for n in range(count)]
    return b"\n".join([HEADER, *rows])


def test_the_shipped_catalog_uploads_as_it_is() -> None:
    """The clinic's own plans.csv is a valid upload."""
    assert parse_uploaded_plans(GOOD, name="plans.csv") == load_plans(PLANS_CSV)


@pytest.mark.parametrize(
    "variant",
    [
        b"\xef\xbb\xbf" + GOOD,  # Excel's "CSV UTF-8" starts with a byte-order mark
        GOOD.replace(b"\n", b"\r\n"),  # Windows line ends
        GOOD.replace(b"\n", b"\n\n"),  # blank lines between plans
    ],
)
def test_what_spreadsheets_save_uploads_too(variant: bytes) -> None:
    """A byte-order mark, Windows line ends and blank lines are harmless."""
    assert parse_uploaded_plans(variant, name="plans.csv") == load_plans(PLANS_CSV)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (GOOD + b" " * UPLOAD_MAX_BYTES, "may be at most 1,048,576 bytes"),
        ("plan_id,plan_name\nCafé,x\n".encode("latin-1"), "is not UTF-8 text"),
        (GOOD.replace(b",", b";"), "columns are separated by ';'; use commas"),
        (GOOD.replace(b",", b"\t"), "columns are separated by tabs; use commas"),
        (b"plan_id,plan_name,payer_type\nx,y,commercial\n", "missing columns: plan_year_start"),
        (GOOD.replace(b",notes", b",notes,patient_name", 1), "unknown columns: 'patient_name'"),
        (GOOD + FIRST_ROW, "line 14, column plan_id: 'medicare-b-2026' is already used on line 2"),
        (GOOD.replace(b"Example: Original", b"=HYPERLINK(1)", 1), "column plan_name: must not start with ="),
        (GOOD.replace(b"Part B deductible", b"@SUM(A1)", 1), "column notes: must not start with ="),
        (GOOD.replace(b"283.00", b"=1+1", 1), "column deductible: '=1+1' is not an amount"),
        (GOOD.replace(b"medicare-b-2026", b"=cmd|' /C calc'!A0", 1), "column plan_id: use 1 to 64 letters"),
        (_short_rows(100_000), "may be at most 1,048,576 bytes"),
        (_short_rows(UPLOAD_MAX_PLANS + 1), "has more than 2,000 plans"),
        (b"", "the file is empty"),
        (GOOD + b"\x00\x01", "is not a text file"),
        (GOOD + b'x,"unterminated\n', "is not valid CSV"),
        (GOOD + b"x," + b"a" * 200_000 + b"\n", "is not valid CSV"),
        (HEADER + b"\nonly,three,cells\n", "has 3 cells; expected 21"),
    ],
    ids=[
        "too large",
        "not UTF-8",
        "semicolons",
        "tabs",
        "missing columns",
        "extra column",
        "repeated plan_id",
        "formula name",
        "formula notes",
        "formula amount",
        "formula plan_id",
        "100,000 rows",
        "too many plans",
        "empty",
        "binary",
        "broken quote",
        "huge cell",
        "short row",
    ],
)
def test_a_bad_upload_gets_a_clear_message_naming_the_file(data: bytes, message: str) -> None:
    """Each kind of bad file raises PlanFileError with a plain message that starts with the file's name."""
    with pytest.raises(PlanFileError) as refused:
        parse_uploaded_plans(data, name="my plans.csv")

    assert str(refused.value).startswith("my plans.csv: ")
    assert message in str(refused.value)


def test_a_hundred_thousand_rows_are_refused_even_under_the_catalogs_own_limits() -> None:
    """The clinic's catalog limit stops a 100,000-row file at plan MAX_PLANS + 1 (line MAX_PLANS + 2)."""
    with pytest.raises(PlanFileError) as refused:
        parse_plans(_short_rows(100_000))

    assert str(refused.value) == f"plans file: line {MAX_PLANS + 2}: has more than {MAX_PLANS:,} plans"


def test_every_bad_line_is_listed_not_only_the_first() -> None:
    """Three bad rows give three problems, each with its line and column."""
    bad = GOOD.replace(b"283.00", b"lots", 1).replace(b"5000.00", b"-1", 1).replace(b"1500.00", b"x", 1)

    with pytest.raises(PlanFileError) as refused:
        parse_uploaded_plans(bad, name="plans.csv")

    where = [(p.line, p.column) for p in refused.value.problems]
    assert where == [(2, "deductible"), (3, "oop_max"), (4, "deductible")]


def _plans_or_plan_file_error(data: bytes) -> None:
    try:
        result = parse_uploaded_plans(data, name="fuzz.csv")
    except PlanFileError as error:
        problems = error.problems
        assert problems
    else:
        assert all(isinstance(plan, Plan) for plan in result)


@settings(max_examples=200)
@given(st.binary(max_size=2_000))
def test_any_bytes_give_plans_or_a_plan_file_error(data: bytes) -> None:
    """Random bytes: a list of plans or PlanFileError, never another exception."""
    _plans_or_plan_file_error(data)


@settings(max_examples=200)
@given(plans_csv_bytes())
def test_any_nearly_valid_plans_file_gives_plans_or_a_plan_file_error(data: bytes) -> None:
    """Files with the right header and odd cells (huge, negative, exotic numbers, quotes, formulas) never crash."""
    _plans_or_plan_file_error(data)


@settings(max_examples=50)
@given(st.one_of(plans_csv_bytes(), st.binary(max_size=500)))
def test_load_plans_on_any_file_gives_plans_or_a_plan_file_error(data: bytes) -> None:
    """load_plans on a file holding anything: plans or PlanFileError, never another exception."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plans.csv"
        path.write_bytes(data)
        try:
            result = load_plans(path)
        except PlanFileError as error:
            source = error.source
            assert source == "plans.csv"
        else:
            assert all(isinstance(plan, Plan) for plan in result)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_a_utf16_upload_is_refused_with_the_encoding_named(encoding: str) -> None:
    """The clinic's catalog saved as Excel's "Unicode Text" (UTF-16): one problem about the whole file (issue 16)."""
    data = GOOD.decode("utf-8").encode(encoding)
    data = data if data.startswith((b"\xff\xfe", b"\xfe\xff")) else b"\xfe\xff" + data  # utf-16-be writes no mark

    with pytest.raises(PlanFileError) as refused:
        parse_uploaded_plans(data, name="unicode.txt")

    (problem,) = refused.value.problems
    assert problem.line is None
    assert "UTF-16" in problem.message
    assert "CSV UTF-8" in problem.message
