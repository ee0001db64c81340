"""The printed estimate (issue 6): what the PDF says, that it has ink on it, and that nothing is written."""

from __future__ import annotations

import builtins
import io
import os
import shutil
import subprocess
import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from coverage import (
    CarePlan,
    Course,
    Estimate,
    NoticeKind,
    Verification,
    estimate,
    estimate_pdf,
    format_money,
    medicaid_secondary,
)
from coverage.catalog.clinic import Clinic
from coverage.engine.defaults import OT_VISIT_RATE, PT_VISIT_RATE
from coverage.engine.notices import format_day
from coverage.views.disclosure import MAY_DIFFER, NOT_A_GUARANTEE, WHAT_TO_DO_INSURED, WHAT_TO_DO_SELF_PAY
from coverage.views.plan_terms import care_plan, plan_rules, year_to_date
from tests.builders import care, course, plan
from tests.conftest import ROOT
from tests.printout_scenarios import (
    ISSUED,
    SCENARIOS,
    catalog_plan,
    page_count,
    pdf_text,
    pooled_estimate,
    self_pay_estimate,
    squash,
)

CLINIC = Clinic(
    name="Lakeside Rehab & Thérapie",
    address="12 Shore Road, Duluth, MN 55802",
    phone="(218) 555-0147",
    email="desk@lakeside.example",
    npi="1234567893",
    tin="98-7654321",
    location="Suite 4, 12 Shore Road, Duluth, MN 55802",
)
VERIFICATION = Verification(
    call_date=date(2026, 1, 2),
    method="phone",
    representative="Dana Whitfield",
    reference_number="CALL-20260102-77",
    staff_initials="jr",
)


@pytest.fixture(scope="module", params=sorted(SCENARIOS))
def printed(request: pytest.FixtureRequest) -> tuple[Estimate, str]:
    """Each example estimate (Medicare, pooled-limit PPO, self-pay) and the text of its patient copy."""
    result = SCENARIOS[request.param]()
    return result, pdf_text(estimate_pdf(result, clinic=CLINIC, issued=ISSUED))


@pytest.fixture(scope="module", params=["medicare", "pooled"])
def printed_insured(request: pytest.FixtureRequest) -> tuple[Estimate, str]:
    """The example estimates under an insurance plan (Medicare, pooled-limit PPO) and their patient copies."""
    result = SCENARIOS[request.param]()
    return result, pdf_text(estimate_pdf(result, clinic=CLINIC, issued=ISSUED))


def test_the_printout_shows_the_engines_totals_per_therapy_and_overall(printed: tuple[Estimate, str]) -> None:
    """The patient total, the plan total and each therapy's totals are printed as the engine computed them."""
    result, text = printed

    named = [("OT", result.ot_total), ("PT", result.pt_total), ("All visits", result.total)]

    assert f"You pay in total: {format_money(result.patient_total)} for {result.total.visits} visits" in text
    said_plan = f"Your plan pays {format_money(result.plan_total)}"
    assert (said_plan in text) is result.plan.covers_visits  # no insurance, no "your plan pays $0.00"
    for name, t in named:
        if t is None:
            assert f"{name} 0 " not in text
            continue
        figures = (t.visits, t.covered_visits, t.not_covered_visits, *map(format_money, (t.allowed, t.patient_pays)))
        assert f"{name} " + " ".join(map(str, figures)) + f" {format_money(t.plan_pays)}" in text


def test_every_milestone_is_printed_with_its_date(printed: tuple[Estimate, str]) -> None:
    """Each notice of the estimate appears as '<date>: <sentence>'."""
    result, text = printed

    assert result.notices  # every example scenario has milestones
    for notice in result.notices:
        assert squash(f"{format_day(notice.date)}: {notice.message}") in text


def test_every_rule_of_the_plan_and_the_year_so_far_is_printed(printed_insured: tuple[Estimate, str]) -> None:
    """Each plan rule and each year-to-date figure is printed with its label."""
    result, text = printed_insured

    rows = [*plan_rules(result.plan), *year_to_date(result.accumulators)]

    for label, value in rows:
        assert squash(f"{label} {value}") in text


def test_the_plans_own_figures_appear_on_the_printout(printed_insured: tuple[Estimate, str]) -> None:
    """The deductible, the maximum, the visit limit and the threshold of plans.csv are on the page."""
    result, text = printed_insured
    plan = result.plan

    assert f"Deductible {format_money(plan.deductible)}" in text
    if plan.oop_max is not None:
        assert f"Out-of-pocket maximum {format_money(plan.oop_max)}" in text
    if plan.combined_visit_limit is not None:
        assert f"{plan.combined_visit_limit} visits a plan year" in text
    if plan.therapy_threshold is not None:
        assert f"{format_money(plan.therapy_threshold)} per therapy a year" in text


def test_a_self_pay_printout_carries_no_insurance_rules_or_plan_year() -> None:
    """No insurance: no plan-rules table, no figures so far, no new-plan-year milestone; it says who pays."""
    # Twice a week for 6 weeks from Mon 7 Dec 2026: the course runs into January, a new calendar year.
    care = CarePlan(start_date=date(2026, 12, 7), pt=Course(visits_per_week=2, weeks=6, visit_rate="90.00"))
    result = estimate(catalog_plan("self-pay"), care)
    text = pdf_text(estimate_pdf(result, clinic=CLINIC, issued=ISSUED))

    assert result.visits[-1].date.year == 2027
    assert "No insurance pays for these visits: each is charged at its self-pay rate." in text
    assert "The plan and every rule used" not in text
    assert "Figures so far this plan year" not in text
    assert not [n for n in result.notices if n.kind is NoticeKind.PLAN_YEAR_RESET]


def test_the_care_plan_and_every_visit_are_printed_in_order(printed: tuple[Estimate, str]) -> None:
    """The courses are described and each visit has a row: number, weekday, date, therapy and visit number."""
    result, text = printed

    rows = [
        f"{n} {v.date:%a} {format_day(v.date)} {v.discipline} {v.visit_number}" for n, v in enumerate(result.visits, 1)
    ]

    for sentence in care_plan(result):
        assert squash(sentence) in text
    positions = [text.index(row) for row in rows]
    assert positions == sorted(positions)


def test_each_visit_row_carries_what_the_patient_pays_and_the_total_so_far(printed: tuple[Estimate, str]) -> None:
    """The visit rows end with the patient's share, the plan's share and the running total; the last is the total."""
    result, text = printed

    running = sum((v.patient_pays for v in result.visits), start=result.visits[0].patient_pays * 0)
    last = result.visits[-1]

    assert running == result.patient_total
    assert f"{format_money(last.patient_pays)} {format_money(last.plan_pays)} {format_money(running)}" in text


def test_the_disclosure_says_it_is_an_estimate_and_what_the_patient_can_do(printed: tuple[Estimate, str]) -> None:
    """The printout says it is not a guarantee, that charges may differ, and what to do, for insured and self-pay."""
    result, text = printed

    what_to_do = WHAT_TO_DO_INSURED if result.plan.covers_visits else WHAT_TO_DO_SELF_PAY

    for paragraph in (NOT_A_GUARANTEE, MAY_DIFFER, what_to_do):
        assert squash(paragraph) in text
    assert "This is an estimate, not a guarantee of benefits" in text


def test_the_clinics_details_head_every_page() -> None:
    """The clinic's name and contact details, accents and ampersand included, are printed on each page."""
    pdf = estimate_pdf(pooled_estimate(), clinic=CLINIC, issued=ISSUED)

    text = pdf_text(pdf, letterhead=True)

    assert page_count(pdf) > 1
    assert text.count("Lakeside Rehab & Thérapie") == page_count(pdf)
    assert "(218) 555-0147" in text
    assert "desk@lakeside.example" in text


def test_each_copy_says_which_copy_it_is_on_every_page() -> None:
    """The staff copy is marked STAFF COPY and the patient copy PATIENT COPY, in each page's letterhead."""
    result = pooled_estimate()

    staff = estimate_pdf(result, clinic=CLINIC, verification=VERIFICATION)
    patient = estimate_pdf(result, clinic=CLINIC)

    assert pdf_text(staff, letterhead=True).count("STAFF COPY") == page_count(staff)
    assert pdf_text(patient, letterhead=True).count("PATIENT COPY") == page_count(patient)
    assert "STAFF COPY" not in pdf_text(patient, letterhead=True)


def test_the_staff_copy_carries_the_verification_record_and_the_patient_copy_does_not() -> None:
    """Only the staff copy shows the call's date, representative, reference number and staff initials."""
    result = pooled_estimate()

    staff = pdf_text(estimate_pdf(result, clinic=CLINIC, verification=VERIFICATION, issued=ISSUED))
    patient = pdf_text(estimate_pdf(result, clinic=CLINIC, issued=ISSUED))

    expected = (
        "Benefits verified by phone with Dana Whitfield on 2 Jan 2026, reference number CALL-20260102-77, "
        "by staff member JR."
    )
    assert expected in staff
    assert "CALL-20260102-77" not in patient


def test_the_patient_name_is_printed_with_its_accents_only_when_typed() -> None:
    """A typed name (with accents) is printed; without one, no 'Patient:' line appears."""
    result = self_pay_estimate()

    named = pdf_text(estimate_pdf(result, clinic=CLINIC, patient_name="  Zoë Ångström-Núñez ", issued=ISSUED))
    anonymous = pdf_text(estimate_pdf(result, clinic=CLINIC, issued=ISSUED))

    assert "Patient: Zoë Ångström-Núñez ·" in named
    assert "Patient:" not in anonymous


def test_the_date_prepared_is_printed_when_given() -> None:
    """``issued`` is printed as the date prepared; without it no date is invented."""
    result = self_pay_estimate()

    dated = pdf_text(estimate_pdf(result, issued=date(2026, 1, 2)))
    undated = pdf_text(estimate_pdf(result))

    assert "Prepared on 2 Jan 2026" in dated
    assert "Prepared on" not in undated


def test_the_font_is_embedded_so_dollar_signs_and_accents_print_anywhere() -> None:
    """The PDF embeds DejaVu Sans (a font file inside the PDF), not a font the printer must have."""
    pdf = estimate_pdf(self_pay_estimate(), clinic=CLINIC)

    assert b"/FontFile2" in pdf
    assert b"DejaVuSans" in pdf
    assert b"/Helvetica" not in pdf


def test_the_same_estimate_gives_the_same_bytes() -> None:
    """The PDF is deterministic: no clock time or random id, so two builds are identical."""
    result = pooled_estimate()

    first = estimate_pdf(result, clinic=CLINIC, verification=VERIFICATION, issued=ISSUED)
    second = estimate_pdf(result, clinic=CLINIC, verification=VERIFICATION, issued=ISSUED)

    assert first == second


def test_a_year_long_course_of_both_therapies_prints_every_visit_over_many_pages() -> None:
    """The largest plan of care (OT and PT daily for 52 weeks, 728 visits) prints each row, headings repeated."""
    care = CarePlan(
        start_date=date(2026, 3, 2),
        ot=Course(visits_per_week=7, weeks=52, visit_rate=OT_VISIT_RATE),
        pt=Course(visits_per_week=7, weeks=52, visit_rate=PT_VISIT_RATE),
    )
    result = estimate(catalog_plan("hmo-30-30"), care)

    pdf = estimate_pdf(result)
    text = pdf_text(pdf)

    assert len(result.visits) == 728
    assert f"728 {result.visits[-1].date:%a} {format_day(result.visits[-1].date)}" in text
    assert text.count("# Date Visit Covered Allowed Deductible Copay Coinsurance You pay Plan pays Total so far") > 10


def _dark_share(pgm: bytes) -> float:
    """The share of pixels darker than mid-grey in a binary PGM (P5) image."""
    fields = pgm.split(maxsplit=4)  # magic, width, height, maxval, pixels
    assert fields[0] == b"P5"
    width, height, maxval = int(fields[1]), int(fields[2]), int(fields[3])
    pixels = fields[4][: width * height]
    return sum(1 for value in pixels if value < maxval // 2) / (width * height)


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed")
@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_the_first_page_renders_with_ink_on_it(scenario: str, tmp_path: Path) -> None:
    """Poppler's pdftoppm draws page 1 as a greyscale image with text on it: neither blank nor solid black."""
    source = tmp_path / "estimate.pdf"
    source.write_bytes(estimate_pdf(SCENARIOS[scenario](), clinic=CLINIC, verification=VERIFICATION))

    subprocess.run(
        [shutil.which("pdftoppm") or "pdftoppm", "-gray", "-r", "50", "-f", "1", "-l", "1", "-singlefile",
         str(source), str(tmp_path / "page")],
        check=True,
        timeout=60,
    )  # fmt: skip
    dark = _dark_share((tmp_path / "page.pgm").read_bytes())

    assert 0.01 < dark < 0.5


def _listing(root: Path) -> set[str]:
    return {str(path.relative_to(root)) for path in root.rglob("*") if ".git" not in path.parts}


def test_building_the_pdfs_writes_no_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Building every printout opens no file for writing and leaves the repository and temp folder unchanged."""
    from coverage import good_faith_pdf

    writes: list[str] = []
    real_open, real_os_open = builtins.open, os.open

    def watched_open(file: object, mode: str = "r", *args: object, **kwargs: object) -> object:
        if any(flag in mode for flag in "wax+"):
            writes.append(f"open({file!r}, {mode!r})")
        return real_open(file, mode, *args, **kwargs)  # type: ignore[call-overload]

    def watched_os_open(path: object, flags: int, *args: object, **kwargs: object) -> int:
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND):
            writes.append(f"os.open({path!r})")
        return real_os_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    scratch = tmp_path / "tmp"
    scratch.mkdir()
    results = [make() for make in SCENARIOS.values()]
    before = _listing(ROOT)
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    monkeypatch.setattr(builtins, "open", watched_open)
    monkeypatch.setattr(io, "open", watched_open)
    monkeypatch.setattr(os, "open", watched_os_open)

    for result in results:
        assert estimate_pdf(result, clinic=CLINIC, patient_name="Zoë", verification=VERIFICATION).startswith(b"%PDF")
        assert good_faith_pdf(result, issued=ISSUED, patient_name="Zoë").startswith(b"%PDF")

    monkeypatch.undo()
    assert writes == []
    assert list(scratch.iterdir()) == []
    assert _listing(ROOT) == before


def test_the_printout_shows_the_network_the_second_insurance_and_balance_bills() -> None:
    """Out of network with Medicaid as secondary: the PDF names both and prints what each pays (issue 7)."""
    ppo = plan(oon_covered=True, oon_pt_coinsurance_pct="40")
    out = care(pt=course(1, 2, "100.00", billed_rate=Decimal("150.00"))).model_copy(update={"in_network": False})
    result = estimate(ppo, out, secondary=medicaid_secondary())

    text = squash(pdf_text(estimate_pdf(result)))

    # each visit: 40% of 100 = 40, paid by Medicaid; 50 balance bill stays with the patient
    assert "out of the plan's network" in text
    assert "Medicaid as secondary (traditional coordination)" in text
    assert f"Second insurance pays {format_money(result.total.secondary_pays)}" in text
    assert format_money(Decimal("100.00")) in text  # balance bills 2 x 50
    assert result.total.secondary_pays == Decimal("80.00")


def test_the_printout_says_what_the_first_day_costs_with_every_visit_of_it() -> None:
    """PPO, PT 2x8 and OT 1x8 from 5 Jan 2026: the first day is both evaluations, $198.61 (issue 16)."""
    ppo = catalog_plan("ppo-pool-60")
    both = CarePlan(
        start_date=date(2026, 1, 5),
        pt=Course(visits_per_week=2, weeks=8, visit_rate="84.75", eval_rate="98.01"),
        ot=Course(visits_per_week=1, weeks=8, visit_rate="101.24", eval_rate="100.60"),
    )

    text = squash(pdf_text(estimate_pdf(estimate(ppo, both), clinic=CLINIC, issued=ISSUED)))

    assert "To pay on the first day, 5 Jan 2026 (PT and OT): $198.61." in text  # 100.60 + 98.01
