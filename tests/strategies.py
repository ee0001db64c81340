"""Hypothesis strategies for the domain, each bounded to realistic values."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import strategies as st

from coverage import (
    Accumulators,
    CarePlan,
    CoordinationMethod,
    Course,
    EstimateRequest,
    PayerType,
    Plan,
    Secondary,
)
from coverage.engine.billed_services import Service
from coverage.engine.care import CoTreatment, MedicareParticipation
from coverage.engine.plan_fields import FIELDS, FieldKind, PlanField
from coverage.engine.plans import FORMULA_STARTS
from coverage.engine.secondary import medicaid_secondary, medigap_plan_g
from coverage.forms.fields import SECONDARY_KEYS
from coverage.forms.request import (
    MEDICAID,
    MEDIGAP_G,
    NO_SECONDARY,
    OWN_PLAN,
    OWN_PLAN_TEMPLATE,
    OWN_SECONDARY_TEMPLATE,
)
from coverage.forms.share_link import LINK_PARAMS

INSURED = [p for p in PayerType if p is not PayerType.SELF_PAY]


def money(max_value: str = "5000", min_value: str = "0") -> st.SearchStrategy[Decimal]:
    """Amounts with exactly two decimals between ``min_value`` and ``max_value``."""
    return st.decimals(min_value=Decimal(min_value), max_value=Decimal(max_value), places=2)


def percents() -> st.SearchStrategy[Decimal]:
    """Coinsurance percentages 0 to 100, often round, sometimes with cents."""
    return st.one_of(
        st.sampled_from([Decimal(p) for p in (0, 10, 20, 25, 30, 40, 50, 100)]),
        st.decimals(min_value=0, max_value=100, places=2),
    )


def limits(max_value: int = 40) -> st.SearchStrategy[int | None]:
    """A visit limit, or None for no limit."""
    return st.one_of(st.none(), st.integers(min_value=0, max_value=max_value))


#: Realistic bounds for the settings where "any amount" would be implausible; the rest go by their kind.
_REALISTIC: dict[str, st.SearchStrategy[object]] = {
    "deductible": money("4000"),
    "oop_max": st.one_of(st.none(), money("9000")),
    "ot_copay": money("80"),
    "pt_copay": money("80"),
    "combined_visit_limit": limits(60),
    "auth_after_visits": limits(30),
    "therapy_threshold": st.one_of(st.none(), money("3000", "500")),
    "plan_year_start": st.sampled_from(["01-01", "07-01", "10-01", "03-15", "12-31"]),
}


def _setting(field: PlanField) -> st.SearchStrategy[object]:
    """Values of one plan setting, by its kind in the registry (so a new setting is drawn with no new code)."""
    if field.name in _REALISTIC:
        return _REALISTIC[field.name]
    by_kind: dict[FieldKind, st.SearchStrategy[object]] = {
        FieldKind.MONEY: st.one_of(st.none(), money()) if field.optional else money(),
        FieldKind.PERCENT: percents(),
        FieldKind.COUNT: limits(),
        FieldKind.SWITCH: st.booleans(),
        FieldKind.CHOICE: st.sampled_from([cell for cell, _ in field.options]),
    }
    return by_kind[field.kind]


@st.composite
def plans(draw: st.DrawFn, payer_types: list[PayerType] | None = None) -> Plan:
    """Any plan over every rule switch, with realistic amounts: every registry setting is drawn.

    Sometimes a family plan (issue 14), whose family figures are at least the person's own.
    """
    family_figures = {"family_deductible", "family_oop_max"}
    settings = {
        field.name: draw(_setting(field))
        for field in FIELDS
        if field.kind not in {FieldKind.TEXT} and field.name not in {"payer_type", *family_figures}
    }
    if draw(st.booleans()):
        deductible, oop_max = settings["deductible"], settings["oop_max"]
        assert isinstance(deductible, Decimal)
        settings["family_deductible"] = draw(st.one_of(st.none(), money("9000", str(deductible))))
        settings["family_oop_max"] = draw(st.one_of(st.none(), money("18000", str(oop_max or 0))))
    return Plan(
        plan_id=draw(st.from_regex(r"[a-z][a-z0-9-]{0,11}", fullmatch=True)),
        plan_name="Generated plan",
        payer_type=draw(st.sampled_from(payer_types or list(PayerType))),
        **settings,
    )


#: Visits as codes for the priced strategies: PT, OT and assistant visits, and a code the test schedule lacks.
VISIT_SERVICES = ("97110x2,97140", "97530x2,97535", "97110-CQx2", "97112,97110", "97140x3", "97116")
EVAL_SERVICES = ("97161", "97162", "97166", "97167")
#: The fee schedule settings the priced strategies draw (``acme`` is :data:`TEST_FEE_SCHEDULES`' one).
FEE_SETTINGS = ("", "medicare", "medicare:110", "medicare:87.5", "acme")
#: A clinic schedule for the priced strategies: it lacks 97116 and the evaluations but 97162.
TEST_FEE_SCHEDULES = (
    "schedule_id,code,modifier,rate,notes\nacme,97110,,40.00,\nacme,97110,CQ,31.50,\nacme,97140,,35.25,\n"
    "acme,97530,,44.10,\nacme,97535,,39.99,\nacme,97112,,41.00,\nacme,97162,,120.00,\n"
)


@st.composite
def courses(draw: st.DrawFn, max_weeks: int = 20, *, billed: bool = False, priced: bool = False) -> Course:
    """One discipline's course with realistic rates; sometimes an evaluation or a self-pay rate.

    With ``billed``, sometimes the clinic's billed charge too (a non-participating clinic's, under Medicare).
    With ``priced``, the visits are often billed as codes (:data:`VISIT_SERVICES`) with no typed rate.
    """
    codes = priced and draw(st.booleans())
    return Course(
        visits_per_week=draw(st.integers(1, 7)),
        weeks=draw(st.integers(1, max_weeks)),
        visit_rate=None if codes else draw(money("400", "1")),
        eval_rate=None if codes else draw(st.one_of(st.none(), money("500", "1"))),
        self_pay_rate=draw(st.one_of(st.none(), money("300", "1"))),
        billed_rate=draw(st.one_of(st.none(), money("600", "1"))) if billed else None,
        services=draw(st.sampled_from(VISIT_SERVICES)) if codes else "",
        eval_services=draw(st.sampled_from(("", *EVAL_SERVICES))) if codes else "",
    )


@st.composite
def care_plans(draw: st.DrawFn, max_weeks: int = 20, *, clinic: bool = False, priced: bool = False) -> CarePlan:
    """A plan of care with OT, PT or both, starting any day of 2025 to 2027.

    With ``clinic``, the clinic may not participate with Medicare (and bill a charge) or not accept Medicaid.
    """
    ot, pt = draw(st.sampled_from([(True, False), (False, True), (True, True)]))
    standing = {}
    if clinic:
        standing = {
            "medicare_participation": draw(st.sampled_from(list(MedicareParticipation))),
            "accepts_medicaid": draw(st.booleans()),
        }
    return CarePlan(
        start_date=draw(st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 12, 31))),
        ot=draw(courses(max_weeks, billed=clinic, priced=priced)) if ot else None,
        pt=draw(courses(max_weeks, billed=clinic, priced=priced)) if pt else None,
        **standing,
    )


#: Codes a visit may be billed as: timed therapy codes, untimed ones, an evaluation, a HCPCS code.
VISIT_SERVICE_CODES = ["97110", "97140", "97530", "97535", "97112", "97116", "97010", "97162", "97166", "G0283"]
TIMED_SERVICE_CODES = ["97110", "97140", "97530", "97535", "97112", "97116"]


@st.composite
def services(draw: st.DrawFn, codes: list[str] | None = None, *, min_size: int = 1) -> tuple[Service, ...]:
    """A visit's services: a few distinct codes with 1 to 4 units, sometimes a modifier (GP, an assistant's CQ)."""
    chosen = draw(st.lists(st.sampled_from(codes or VISIT_SERVICE_CODES), min_size=min_size, max_size=3, unique=True))
    return tuple(
        Service(code=code, units=draw(st.integers(1, 4)), modifier=draw(st.sampled_from(["", "", "GP", "CQ"])))
        for code in chosen
    )


@st.composite
def priced_from_codes(draw: st.DrawFn, course: Course) -> Course:
    """``course`` billed as codes instead of a typed rate: its size, self-pay and billed charge kept.

    A regular visit has services, minutes per timed code or both; sometimes an evaluation's codes and
    the visit's length (for the range).
    """
    minutes = draw(st.lists(st.sampled_from(TIMED_SERVICE_CODES), max_size=2, unique=True))
    pairs = tuple((code, draw(st.integers(0, 60))) for code in minutes)
    return Course(
        visits_per_week=course.visits_per_week,
        weeks=course.weeks,
        self_pay_rate=course.self_pay_rate,
        billed_rate=course.billed_rate,
        services=draw(services(min_size=0 if pairs else 1)),
        eval_services=draw(st.one_of(st.just(()), services(["97161", "97162", "97163", "97166", "97168"]))),
        minutes=pairs,
        visit_minutes=draw(st.one_of(st.none(), st.integers(1, 120))),
    )


@st.composite
def with_codes(draw: st.DrawFn, care: CarePlan) -> CarePlan:
    """``care`` with each course sometimes priced from its codes, sometimes a locality and joint sessions."""
    courses = {
        name: draw(st.sampled_from([course, draw(priced_from_codes(course))]))
        for name, course in (("ot", care.ot), ("pt", care.pt))
        if course is not None
    }
    joint = None
    if len(courses) == 2 and draw(st.booleans()):
        minutes = draw(st.integers(8, 120))
        joint = CoTreatment(minutes=minutes, pt_minutes=draw(st.integers(0, minutes)))
    locality = draw(st.sampled_from([None, "10112-00", "01182-18", "06102-99"]))
    return care.model_copy(update={**courses, "co_treatment": joint, "medicare_locality": locality})


@st.composite
def accumulators_for(draw: st.DrawFn, plan: Plan) -> Accumulators:
    """Year-to-date figures the plan could have produced (the family's include the patient's)."""
    deductible_met = draw(money(str(plan.deductible)))
    oop_cap = min(
        plan.oop_max if plan.oop_max is not None else Decimal("9000"),
        plan.family_oop_max if plan.family_oop_max is not None else Decimal("9000"),
    )
    oop_met = draw(money(str(oop_cap)))
    family_deductible = plan.family_deductible if plan.family_deductible is not None else deductible_met
    family_oop = plan.family_oop_max if plan.family_oop_max is not None else oop_met
    return Accumulators(
        deductible_met=deductible_met,
        oop_met=oop_met,
        family_deductible_met=draw(money(str(family_deductible), str(deductible_met))),
        family_oop_met=draw(money(str(family_oop), str(oop_met))),
        ot_visits_used=draw(st.integers(0, 40)),
        pt_visits_used=draw(st.integers(0, 40)),
        other_pool_visits_used=draw(st.integers(0, 20)),
        ot_threshold_used=draw(money("4000")),
        pt_threshold_used=draw(money("4000")),
    )


@st.composite
def scenarios(draw: st.DrawFn, max_weeks: int = 20) -> tuple[Plan, CarePlan, Accumulators]:
    """A plan, a plan of care and consistent year-to-date figures."""
    plan = draw(plans())
    return plan, draw(care_plans(max_weeks)), draw(accumulators_for(plan))


@st.composite
def secondaries(draw: st.DrawFn) -> Secondary:
    """A secondary plan (any rules, insured), a coordination method, and its own figures so far."""
    plan = draw(plans(payer_types=INSURED))
    return Secondary(
        plan=plan,
        method=draw(st.sampled_from(list(CoordinationMethod))),
        accumulators=draw(accumulators_for(plan)),
    )


@st.composite
def out_of_network(
    draw: st.DrawFn, scenario: tuple[Plan, CarePlan, Accumulators]
) -> tuple[Plan, CarePlan, Accumulators]:
    """The scenario moved out of network: the plan gets out-of-network terms, the courses a billed rate."""
    plan, care, so_far = scenario
    oon_plan = plan.model_copy(
        update={
            "oon_covered": draw(st.booleans()),
            "oon_deductible": draw(money("6000")),
            "oon_oop_max": draw(st.one_of(st.none(), money("12000"))),
            "oon_ot_copay": draw(money("80")),
            "oon_pt_copay": draw(money("80")),
            "oon_ot_coinsurance_pct": draw(percents()),
            "oon_pt_coinsurance_pct": draw(percents()),
            "oon_counts_toward_in_network": draw(st.booleans()),
        }
    )
    billed = {
        name: course.model_copy(update={"billed_rate": draw(st.one_of(st.none(), money("600", "1")))})
        for name, course in (("ot", care.ot), ("pt", care.pt))
        if course is not None
    }
    oon_so_far = so_far.model_copy(
        update={
            "oon_deductible_met": min(draw(money("6000")), oon_plan.oon_deductible),
            "oon_oop_met": draw(money("3000"))
            if oon_plan.oon_oop_max is None
            else min(draw(money("3000")), oon_plan.oon_oop_max),
        }
    )
    return oon_plan, care.model_copy(update={"in_network": False, **billed}), oon_so_far


def plan_texts(max_size: int) -> st.SearchStrategy[str]:
    """Text a person might type into a plan's name or notes: commas, quotes, accents, emoji.

    Only text a plan accepts and that survives plans.csv (which trims cells) unchanged.
    """
    return st.text(
        st.characters(codec="utf-8", exclude_categories=("Cs",), exclude_characters="\r\n\x00"),
        min_size=1,
        max_size=max_size,
    ).filter(
        lambda text: (
            text == text.strip()
            and not text.startswith(FORMULA_STARTS)
            and all(ord(ch) >= 32 and ord(ch) != 127 for ch in text)
        )
    )


@st.composite
def plans_with_any_text(draw: st.DrawFn) -> Plan:
    """A plan from :func:`plans` with a drawn plan_id, name and notes (notes may be empty)."""
    return Plan.model_validate(
        {
            **draw(plans()).model_dump(),
            "plan_id": draw(st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,20}", fullmatch=True)),
            "plan_name": draw(plan_texts(120)),
            "notes": draw(st.one_of(st.just(""), plan_texts(500))),
        }
    )


#: Cells that have broken parsers elsewhere: huge, negative, exotic numbers, formulas, quotes, odd spaces.
ODD_CELLS = [
    "", " ", "0", "-1", "-0", "+5", "1e308", "1E-400", "NaN", "-Infinity", "sNaN", "9" * 5000, "0." + "0" * 400 + "1",
    "1_000", "1,000", "$5", "$ 1,250.00", "1.005", "0x10", "١٢٣", "٥٠", "12%", "true", "yes", "TRUE", "2", "01-01",
    "02-29", "00-00", "13-01", "commercial", "self_pay", "medicare", "after_deductible", "=1+1", "@SUM(A1)", '"',
    "a,b", "\u00a0", "\u2028", "\t", "x" * 600, "é", "🙂",
]  # fmt: skip


@st.composite
def plans_csv_bytes(draw: st.DrawFn) -> bytes:
    """A plans file as UTF-8 bytes: valid rows with a few cells swapped for odd ones.

    Now and then a row has the wrong width or the header is shuffled.
    """
    import csv
    import io

    from coverage.catalog.loader import PLAN_COLUMNS
    from coverage.catalog.rows import plan_to_row

    odd = st.one_of(
        st.sampled_from(ODD_CELLS), st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=12)
    )
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=draw(st.sampled_from(["\n", "\r\n"])))
    writer.writerow(PLAN_COLUMNS if draw(st.integers(0, 9)) else draw(st.permutations(PLAN_COLUMNS)))
    for _ in range(draw(st.integers(0, 4))):
        row = list(plan_to_row(draw(plans())).values())
        for _ in range(draw(st.integers(0, 2))):
            row[draw(st.integers(0, len(row) - 1))] = draw(odd)
        if not draw(st.integers(0, 19)):
            row = row[:-1] if draw(st.booleans()) else [*row, draw(odd)]
        writer.writerow(row)
    return out.getvalue().encode("utf-8")


# ---- the dashboard: estimate requests and share links


@st.composite
def estimate_requests(draw: st.DrawFn, catalog: list[Plan]) -> EstimateRequest:
    """A request as the estimate page makes it: a catalog plan (as is or changed) or a plan typed by hand.

    Sometimes out of network (with out-of-network terms and billed charges) and with a second insurance;
    sometimes with visits priced from their codes, a locality and joint PT and OT sessions.
    """
    choice = draw(st.sampled_from([OWN_PLAN, *(plan.plan_id for plan in catalog)]))
    base = OWN_PLAN_TEMPLATE if choice == OWN_PLAN else next(p for p in catalog if p.plan_id == choice)
    changed = draw(plans()).model_copy(update={"plan_id": base.plan_id})
    plan = draw(st.sampled_from([base, changed]))
    care = draw(care_plans(max_weeks=12))
    so_far = draw(accumulators_for(plan))
    if draw(st.booleans()):
        plan, care, so_far = draw(out_of_network((plan, care, so_far)))
        care = care.model_copy(update={"in_network": draw(st.booleans())})
    care = draw(with_codes(care))
    secondary_choice, secondary = draw(second_insurances(catalog, plan, so_far))
    return EstimateRequest(
        plan_choice=choice,
        plan=plan,
        care=care,
        accumulators=so_far,
        secondary_choice=secondary_choice,
        secondary=secondary,
    )


@st.composite
def second_insurances(
    draw: st.DrawFn, catalog: list[Plan], primary: Plan, primary_so_far: Accumulators
) -> tuple[str, Secondary | None]:
    """A second insurance as the form makes it, with the picker's choice: none, a preset, a catalog plan, by hand."""
    presets = [NO_SECONDARY, MEDICAID] + ([MEDIGAP_G] if primary.payer_type is PayerType.MEDICARE else [])
    choice = draw(st.sampled_from([*presets, OWN_PLAN, *(plan.plan_id for plan in catalog)]))
    if choice in presets:
        preset = {
            NO_SECONDARY: None,
            MEDICAID: medicaid_secondary(),
            MEDIGAP_G: medigap_plan_g(primary, primary_so_far),
        }
        return choice, preset[choice]
    if choice == OWN_PLAN:
        plan = OWN_SECONDARY_TEMPLATE.model_copy(
            update={
                "deductible": draw(money("3000")),
                "oop_max": draw(st.one_of(st.none(), money("9000"))),
                "pt_copay": draw(money("80")),
                "ot_copay": draw(money("80")),
                "pt_coinsurance_pct": draw(percents()),
                "ot_coinsurance_pct": draw(percents()),
            }
        )
    else:
        plan = next(p for p in catalog if p.plan_id == choice)
    oop_cap = plan.oop_max if plan.oop_max is not None else Decimal("9000")
    so_far = Accumulators(deductible_met=draw(money(str(plan.deductible))), oop_met=draw(money(str(oop_cap))))
    return choice, Secondary(plan=plan, method=draw(st.sampled_from(list(CoordinationMethod))), accumulators=so_far)


#: Values a person or a program might put in a share link: plausible, borderline and hostile.
LINK_VALUES = [
    "",
    "0",
    "1",
    "30",
    "2x8",
    "7x52",
    "8x1",
    "1x53",
    "0x5",
    "2X8",
    "true",
    "false",
    "no",
    "maybe",
    "2026-01-05",
    "2099-12-31",
    "2100-01-01",
    "0001-01-01",
    "2026-02-30",
    "99.999",
    "1e3",
    "NaN",
    "Infinity",
    "-1",
    "$1,000.00",
    "10000000.01",
    "hmo-30-30",
    "_own",
    "medicare-b-2026",
    "after_deductible",
    "before_deductible",
    "self_pay",
    "13-01",
    "02-29",
    "07-01",
    "=1+1",
    "@SUM(A1)",
    "\u0661\u0662",  # Arabic-Indic digits, which int() and Decimal() also read
    "9" * 30,
    "_medigap_g",
    "_medicaid",
    "traditional",
    "non_duplication",
    "carve_out",
    "carve-out",
]


def link_params() -> st.SearchStrategy[dict[str, str]]:
    """Any query string: share-link parameters and strangers, with plausible or arbitrary text values."""
    keys = st.one_of(st.sampled_from(sorted(LINK_PARAMS)), st.text(max_size=12))
    values = st.one_of(st.sampled_from(LINK_VALUES), st.text(max_size=40))
    return st.dictionaries(keys, values, max_size=14)


#: The parameters of out-of-network care and a second insurance (issue 7).
NETWORK_AND_SECONDARY_PARAMS = sorted(
    {"in_network", "pt_billed", "ot_billed", "oon_deductible_met", "oon_oop_met", *SECONDARY_KEYS}
    | {name for name in LINK_PARAMS if name.startswith("oon_")}
)


def _plausible_link_value(name: str) -> st.SearchStrategy[str]:
    """A value a real link could carry for the parameter ``name``."""
    if name in ("in_network", "oon_covered", "oon_counts_toward_in_network"):
        return st.sampled_from(["true", "false"])
    if name == "secondary_method":
        return st.sampled_from([method.value for method in CoordinationMethod])
    if name.endswith("_pct"):
        return percents().map(str)
    return money("2000").map(str)


@st.composite
def network_and_secondary_links(draw: st.DrawFn, catalog: list[Plan]) -> dict[str, str]:
    """A link to a real plan and course whose network and second-insurance parameters are drawn.

    Each value is a plausible one five times in six and a hostile one otherwise, so both the
    estimates these links make and the ways they are refused are explored.
    """
    params = {"plan": draw(st.sampled_from([p.plan_id for p in catalog])), "pt": "2x8", "start": "2026-01-05"}
    hostile = st.one_of(st.sampled_from(LINK_VALUES), st.text(max_size=12))
    choices = [NO_SECONDARY, MEDIGAP_G, MEDICAID, OWN_PLAN, *(p.plan_id for p in catalog)]
    params["secondary"] = draw(st.one_of(st.sampled_from(choices), st.sampled_from(choices), hostile))
    names = [name for name in NETWORK_AND_SECONDARY_PARAMS if name != "secondary"]
    for name in draw(st.lists(st.sampled_from(names), max_size=8, unique=True)):
        plausible = _plausible_link_value(name)
        params[name] = draw(st.one_of(*[plausible] * 5, hostile))
    return params


@st.composite
def catalogs(draw: st.DrawFn, max_plans: int = 6) -> list[Plan]:
    """A few plans over every rule switch, each with its own plan_id."""
    return draw(st.lists(plans(), min_size=1, max_size=max_plans, unique_by=lambda plan: plan.plan_id))


@st.composite
def catalog_scenarios(
    draw: st.DrawFn, max_plans: int = 6, max_weeks: int = 12, *, priced: bool = False
) -> tuple[list[Plan], CarePlan, Accumulators | None]:
    """A catalog, a plan of care and year-to-date figures that fit one of its plans (often not the others).

    With ``priced``, each plan has a fee schedule setting (:data:`FEE_SETTINGS`) and visits are often codes.
    """
    catalog = draw(catalogs(max_plans))
    if priced:
        catalog = [plan.model_copy(update={"fee_schedule": draw(st.sampled_from(FEE_SETTINGS))}) for plan in catalog]
    so_far = draw(st.one_of(st.none(), accumulators_for(draw(st.sampled_from(catalog)))))
    return catalog, draw(care_plans(max_weeks, clinic=True, priced=priced)), so_far
