"""Roster import: preview and commit of a generated 3,000-row roster with 20
planted errors (the acceptance file of the import tests), then the re-import
preview, and the export of the result."""

import time

from linli.community import importer
from linli.community.models import Community, District, Street
from linli.community.roster import parse_roster
from tests.roster_factory import plant_errors, roster_rows, xlsx_bytes

ROWS = 3000


def _timed(fn):
    started = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - started


def run() -> list[dict]:
    district = District.objects.create(name="武昌区")
    street = Street.objects.create(district=district, name="中南路街道")
    community = Community.objects.create(street=street, name="武南村社区")
    rows = roster_rows(ROWS)
    plant_errors(rows)
    data = xlsx_bytes(rows)

    roster, parse_s = _timed(lambda: parse_roster(data, "花名册.xlsx"))
    staged, preview_s = _timed(lambda: importer.stage(community, "花名册.xlsx", data))
    (committed, _), commit_s = _timed(lambda: importer.commit(staged.pk))
    assert committed.summary["new_residents"] == ROWS - 20, committed.summary
    again, again_s = _timed(lambda: importer.stage(community, "花名册.xlsx", data))
    assert again.summary["new_residents"] == again.summary["updated_residents"] == 0
    (_, count), export_s = _timed(lambda: importer.export_roster(community))
    assert count == ROWS - 20

    target = "a few seconds at most on SQLite"
    note = f"{ROWS} rows, 20 bad"
    return [
        {"name": "roster: read and check 3,000 xlsx rows", "value": parse_s, "unit": "s",
         "target": "< 2 s"},
        {"name": "roster: upload preview (read, check, plan) of 3,000 rows", "value": preview_s,
         "unit": "s", "target": "< 3 s", "baseline": {"value": parse_s, "note": "reading alone"}},
        {"name": "roster: confirm (read again, plan, write 2,980 residents)", "value": commit_s,
         "unit": "s", "target": f"< 5 s ({target})"},
        {"name": "roster: preview of the same file again (0 changes)", "value": again_s,
         "unit": "s", "target": "< 3 s"},
        {"name": "roster: export 2,980 residents to xlsx", "value": export_s, "unit": "s",
         "target": "< 3 s"},
        {"name": f"roster: rows per second on confirm ({note})", "value": ROWS / commit_s,
         "unit": "rows/s"},
    ]  # fmt: skip
