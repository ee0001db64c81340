"""Issue 13 part 3: the catalog page's list of the clinic's fee schedules, their codes, source and date."""

from __future__ import annotations

from decimal import Decimal as D

from coverage.catalog.fee_schedule_store import fee_schedules_text, row_cells
from coverage.fees.clinic_schedule import parse_fee_schedules_csv
from coverage.rates_import.merge import merge_file_rates
from coverage.rates_import.problems import FileRates, FoundRate
from coverage.views.fee_schedule_listing import TYPED, ScheduleSummary, fee_schedule_listing, imported_sources

ACME = "from acme.json.gz, last updated 2026-11-01, Acme PPO"
TABLE = f"""schedule_id,code,modifier,rate,notes
acme-ppo,97110,,31.50,"{ACME}"
acme-ppo,97110,CQ,26.78,"{ACME}"
acme-ppo,97140,,29.00,"{ACME}; the file gives 28.995, rounded half up to the cent"
acme-ppo,97530,,35.00,"from acme-oct.json, last updated 2026-10-01, Acme PPO"
contract-2026,97110,,40.00,Aetna contract p. 4
contract-2026,97140,,38.00,Aetna contract p. 4
mixed,97110,,40.00,
mixed,97140,,38.00,called the payer on 3 Jan
mixed,97530,,41.00,"{ACME}"
"""


def test_each_schedule_is_listed_with_its_codes_source_and_date() -> None:
    """Hand-worked from TABLE, schedule by schedule in the file's order.

    acme-ppo: codes 97110 (twice: blank and CQ), 97140, 97530 = 3 codes; two files of one plan; dates
    2026-10-01 and 2026-11-01. contract-2026: 2 codes typed with one note, so that note is the source.
    mixed: 3 codes, two typed with different notes (one blank) and one imported: both sources, the import's date.
    """
    assert fee_schedule_listing(parse_fee_schedules_csv(TABLE)) == [
        ScheduleSummary(
            schedule_id="acme-ppo",
            codes=3,
            source="Acme PPO (acme.json.gz); Acme PPO (acme-oct.json)",
            date="2026-10-01 to 2026-11-01",
        ),
        ScheduleSummary(schedule_id="contract-2026", codes=2, source="Aetna contract p. 4", date=""),
        ScheduleSummary(schedule_id="mixed", codes=3, source=f"Acme PPO (acme.json.gz); {TYPED}", date="2026-11-01"),
    ]


def test_rows_typed_without_a_note_are_typed_by_the_clinic_with_no_date() -> None:
    """A schedule typed by hand with blank notes: source 'typed by the clinic', date blank."""
    table = "schedule_id,code,modifier,rate,notes\nown,97110,,40.00,\nown,97140,,38.00,\n"

    (summary,) = fee_schedule_listing(parse_fee_schedules_csv(table))

    assert (summary.codes, summary.source, summary.date) == (2, TYPED, "")


def test_no_schedule_gives_an_empty_list() -> None:
    """A file with only its header lists nothing."""
    assert fee_schedule_listing(parse_fee_schedules_csv("schedule_id,code,modifier,rate,notes\n")) == []


def test_past_two_sources_the_rest_are_counted_and_an_unknown_date_is_left_blank() -> None:
    """Three files named in one note, the third of an unknown date: two named, then 'and 1 more'."""
    note = (
        "from a.json, last updated 2026-11-01, Acme PPO; b.json, last updated 2026-11-01, Acme HMO"
        "; c.json, last updated unknown, the plans of Acme"
    )

    assert imported_sources(note) == [
        ("a.json", "2026-11-01", "Acme PPO"),
        ("b.json", "2026-11-01", "Acme HMO"),
        ("c.json", "unknown", "the plans of Acme"),
    ]
    (summary,) = fee_schedule_listing(
        parse_fee_schedules_csv(fee_schedules_text([("acme", "97110", "", "1.00", note)]))
    )
    assert (summary.source, summary.date) == ("Acme PPO (a.json); Acme HMO (b.json) and 1 more", "2026-11-01")


def test_a_note_that_only_starts_like_an_import_is_a_typed_note() -> None:
    """'from the 2026 contract' names no file and date: it is the clinic's own note, shown as the source."""
    assert imported_sources("from the 2026 contract") is None
    table = fee_schedules_text([("own", "97110", "", "40.00", "from the 2026 contract")])

    assert fee_schedule_listing(parse_fee_schedules_csv(table))[0].source == "from the 2026 contract"


def test_the_notes_the_importer_writes_give_the_payers_file_plan_and_date() -> None:
    """Rows merged by import-rates from two files of one plan read back as that plan, both files, both dates."""
    files = [
        FileRates("a.json", "a.json, last updated 2026-11-01, Acme PPO", "2026-11-01", "Acme PPO",
                  (FoundRate("97110", "", D("31.50")),), (), 1, 100),
        FileRates("b.json", "b.json, last updated 2026-12-01, Acme PPO", "2026-12-01", "Acme PPO",
                  (FoundRate("97140", "", D("28.13"), rounded_from=D("28.125")),), (), 1, 100),
    ]  # fmt: skip
    rows = merge_file_rates(files, "acme-ppo").rows

    (summary,) = fee_schedule_listing(parse_fee_schedules_csv(fee_schedules_text(map(row_cells, rows))))

    assert summary == ScheduleSummary(
        schedule_id="acme-ppo",
        codes=2,
        source="Acme PPO (a.json); Acme PPO (b.json)",
        date="2026-11-01 to 2026-12-01",
    )


def test_files_an_imported_note_left_unnamed_are_said_as_other_files() -> None:
    """'... and 2 other files' in a note: the source ends 'and other files' (their names are not in the file)."""
    note = "from a.json, last updated 2026-11-01, Acme PPO and 2 other files"
    table = fee_schedules_text([("acme", "97110", "", "1.00", note)])

    assert fee_schedule_listing(parse_fee_schedules_csv(table))[0].source == "Acme PPO (a.json) and other files"
