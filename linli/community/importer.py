"""Roster import and export: a parsed roster (roster.py) becomes registry changes.

`build_plan` compares the rows with the community's registry, read in one
query per table, and lists what would be created, updated or left alone;
nothing is written. `apply_plan` writes a plan in one transaction with bulk
operations, and the audit entries that bulk writes do not trigger by
themselves. `stage` and `commit` wrap both around a RosterImport, so the web
page and the command line import the same way.

Who a row is: the resident with the row's ID number in this community, else
the resident of the same household with the same name (and no other ID
number). Blank cells never erase what the registry knows: a roster typed by
someone who did not know a phone number must not wipe the one a captain
recorded.
"""

import datetime
import io
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from linli.audit.context import acting_as
from linli.audit.log import entry, masked
from linli.audit.models import Action, AuditEntry
from linli.community.choices import Relation
from linli.community.models import (
    Building,
    Compound,
    Household,
    Resident,
    ResidentTag,
    RosterImport,
    Unit,
    number_sort_key,
)
from linli.community.names import pinyin_keys
from linli.community.reasons import Reason
from linli.community.roster import (
    HEADERS,
    RELATION_LABELS,
    SEX_LABELS,
    TAG_LABELS,
    BadRow,
    Roster,
    Row,
    parse_roster,
)
from linli.front.faults import pause_point

# Fields a row may change on an existing resident, in the order they are shown.
_FIELDS = ("name", "phone", "sex", "birth_year", "id_number", "relation", "note")
_BATCH = 500


@dataclass
class Update:
    resident: Resident
    row: Row
    changes: dict  # field → [old, new], as the audit trail shows them
    fields: list  # resident fields to write
    household: Household  # where the row puts the resident (moved if not theirs)
    current_tags: dict  # tag → ResidentTag, as the registry has them
    tags: frozenset | None = None  # the new set, when it changes


@dataclass
class Plan:
    community: object
    roster: Roster
    compounds: list = field(default_factory=list)
    buildings: list = field(default_factory=list)
    units: list = field(default_factory=list)
    households: list = field(default_factory=list)
    creates: list = field(default_factory=list)  # (Row, Household)
    updates: list = field(default_factory=list)
    unchanged: int = 0
    errors: list = field(default_factory=list)

    @property
    def bad(self) -> list[BadRow]:
        return sorted(self.roster.bad + self.errors, key=lambda b: b.line)

    def summary(self) -> dict:
        return {
            "sheet": self.roster.sheet,
            "header_line": self.roster.header_line,
            "columns": [HEADERS[c] for c in HEADERS if c in self.roster.columns],
            "rows": self.roster.total,
            "new_compounds": len(self.compounds),
            "new_buildings": len(self.buildings),
            "new_units": len(self.units),
            "new_households": len(self.households),
            "new_residents": len(self.creates),
            "updated_residents": len(self.updates),
            "unchanged_residents": self.unchanged,
            # "reason" in Chinese for the command line; "reasons" to translate on the page.
            "errors": [
                {
                    "line": b.line,
                    "name": b.name,
                    "reason": b.reason,
                    "reasons": [r.as_data() for r in b.reasons],
                }
                for b in self.bad
            ],
            # Which fields change, never the values: the summary is not a copy
            # of anyone's phone number.
            "updates": [
                {"line": u.row.line, "name": u.row.name, "fields": list(u.changes)}
                for u in self.updates[:200]
            ],
        }


class _Registry:
    """The community's registry, keyed the way roster rows name things."""

    def __init__(self, community):
        self.community = community
        self.compounds = {c.name: c for c in Compound.objects.filter(community=community)}
        self.buildings = {
            (b.compound.name, b.number): b
            for b in Building.objects.in_community(community).select_related("compound")
        }
        self.units = {
            (u.building.compound.name, u.building.number, u.number): u
            for u in Unit.objects.filter(building__compound__community=community).select_related(
                "building__compound"
            )
        }
        households = Household.objects.in_community(community).with_details()
        self.households = {self._household_key(h): h for h in households}
        by_pk = {h.pk: h for h in self.households.values()}
        # Joined on the community, not IN (every household id): a large community
        # would pass SQLite's limit on query parameters.
        residents = list(
            Resident.objects.filter(household__building__compound__community=community)
        )
        for r in residents:
            r.household = by_pk[r.household_id]
        self.by_id = {r.id_number: r for r in residents if r.id_number}
        self.by_place = {(r.household_id, r.name): r for r in residents}
        self.tags = defaultdict(dict)  # resident pk → {tag: ResidentTag}
        tags = ResidentTag.objects.filter(
            resident__household__building__compound__community=community
        )
        for t in tags:
            self.tags[t.resident_id][t.tag] = t

    @staticmethod
    def _household_key(h):
        unit = h.unit.number if h.unit_id else ""
        return (h.building.compound.name, h.building.number, unit, h.room)

    def compound_name(self, name: str) -> str:
        """The existing compound a row means by "凯旋名邸小区" or "凯旋名邸"."""
        for candidate in (name, name.removesuffix("小区"), name + "小区"):
            if candidate in self.compounds:
                return candidate
        return name


def build_plan(community, roster: Roster) -> Plan:
    """What importing `roster` into `community` would change. Writes nothing."""
    registry = _Registry(community)
    plan = Plan(community, roster)
    named = {registry.compound_name(r.compound) for r in roster.rows if r.compound}
    known = set(registry.compounds) | named
    default = known.pop() if len(known) == 1 else (None if known else community.name)
    claimed: dict = {}  # resident pk, or identity key of a new resident → line

    for row in roster.rows:
        compound = registry.compound_name(row.compound) if row.compound else default
        if compound is None:
            names = "、".join(sorted(set(registry.compounds) | named))
            reason = Reason(
                gettext_noop("本社区有多个小区（%(names)s），请在“小区”列写明"), names=names
            )
            plan.errors.append(BadRow(row.line, (reason,), row.name))
            continue
        key = (compound, row.building, row.unit, row.room)
        existing = registry.households.get(key)
        resident = registry.by_id.get(row.id_number) if row.id_number else None
        if resident is None and existing is not None:
            candidate = registry.by_place.get((existing.pk, row.name))
            if candidate and (not row.id_number or not candidate.id_number):
                resident = candidate
        identity = resident.pk if resident else (row.id_number or (key, row.name))
        if identity in claimed:
            reason = Reason(gettext_noop("与第%(line)d行是同一位居民"), line=claimed[identity])
            plan.errors.append(BadRow(row.line, (reason,), row.name))
            continue
        claimed[identity] = row.line
        household = existing or _new_household(plan, registry, key)
        if resident is None:
            plan.creates.append((row, household))
            continue
        update = _compare(resident, row, household, registry.tags[resident.pk], roster)
        if update:
            plan.updates.append(update)
        else:
            plan.unchanged += 1
    return plan


def _new_household(plan, registry, key):
    compound_name, number, unit_number, room = key
    compound = registry.compounds.get(compound_name)
    if compound is None:
        compound = Compound(community=registry.community, name=compound_name)
        registry.compounds[compound_name] = compound
        plan.compounds.append(compound)
    building = registry.buildings.get((compound_name, number))
    if building is None:
        building = Building(compound=compound, number=number, sort_key=number_sort_key(number))
        registry.buildings[(compound_name, number)] = building
        plan.buildings.append(building)
    unit = None
    if unit_number:
        unit = registry.units.get((compound_name, number, unit_number))
        if unit is None:
            unit = Unit(building=building, number=unit_number)
            registry.units[(compound_name, number, unit_number)] = unit
            plan.units.append(unit)
    household = Household(building=building, unit=unit, room=room)
    registry.households[key] = household
    plan.households.append(household)
    return household


def _compare(resident, row, household, current_tags, roster) -> Update | None:
    changes, fields = {}, []
    for name in _FIELDS:
        new = getattr(row, name)
        old = getattr(resident, name)
        if new not in ("", None) and new != old:
            changes[name] = [masked(name, old), masked(name, new)]
            fields.append(name)
    if household is not resident.household:
        changes["household"] = [resident.household.address, _address(household)]
        fields.append("household")
    tags = None
    if "tags" in roster.columns and row.tags != set(current_tags):
        tags = row.tags
        changes["tags"] = [sorted(current_tags), sorted(row.tags)]
    if not changes:
        return None
    return Update(resident, row, changes, fields, household, current_tags, tags)


def _address(household) -> str:
    unit = f"{household.unit.number}单元" if household.unit else ""
    return f"{household.building.number}栋{unit}{household.room}"


def apply_plan(plan: Plan, user=None, address=None, source=None) -> None:
    """Write `plan` in one transaction. `source` (a RosterImport) is named in the
    audit trail as where the changes came from."""
    now = timezone.now()
    audit = []
    origin = {"roster_import": [None, f"#{source.pk} {source.file_name}"]} if source else {}
    with transaction.atomic(), acting_as(user, address):
        for objects in (plan.compounds, plan.buildings, plan.units, plan.households):
            if objects:
                type(objects[0]).objects.bulk_create(objects, batch_size=_BATCH)
                audit += [
                    entry(Action.CREATE, o, _created(o) | origin, user, address) for o in objects
                ]

        new = [_new_resident(row, household) for row, household in plan.creates]
        Resident.objects.bulk_create(new, batch_size=_BATCH)
        pause_point("roster_import")  # the crash tests' kill -9 lands here
        tags = [
            ResidentTag(resident=r, tag=t)
            for r, (row, _) in zip(new, plan.creates, strict=True)
            for t in row.tags
        ]
        audit += [entry(Action.CREATE, r, _created(r) | origin, user, address) for r in new]

        fields = {"updated_at"}
        stale_tags = []
        for u in plan.updates:
            resident = u.resident
            for name in u.fields:
                if name == "household":
                    resident.household = u.household  # saved above when new
                else:
                    setattr(resident, name, getattr(u.row, name))
            if "name" in u.fields:
                resident.name_pinyin, resident.name_initials = pinyin_keys(resident.name)
                fields |= {"name_pinyin", "name_initials"}
            resident.updated_at = now
            fields |= set(u.fields)
            if u.tags is not None:
                current = u.current_tags
                stale_tags += [t.pk for tag, t in current.items() if tag not in u.tags]
                tags += [ResidentTag(resident=resident, tag=t) for t in u.tags - set(current)]
            audit.append(entry(Action.UPDATE, u.resident, u.changes | origin, user, address))
        if plan.updates:
            Resident.objects.bulk_update(
                [u.resident for u in plan.updates], sorted(fields), batch_size=_BATCH
            )
        if stale_tags:
            # Few rows, so the per-object delete signals (and their audit
            # entries for each removed tag) are affordable.
            ResidentTag.objects.filter(pk__in=stale_tags).delete()
        ResidentTag.objects.bulk_create(tags, batch_size=_BATCH)

        counts = {k: v for k, v in plan.summary().items() if k.startswith(("new_", "updated_"))}
        counts["file"] = source.file_name if source else ""
        audit.append(entry(Action.IMPORT, source or plan.community, counts, user, address))
        AuditEntry.objects.bulk_create(audit, batch_size=_BATCH)
        refresh_statistics()


def refresh_statistics() -> None:
    """Let PostgreSQL see the rows a large import just wrote.

    Until autovacuum analyzes them, the planner takes grown tables for nearly
    empty ones and joins them with nested loops: the next import's read of a
    community's tags then takes minutes instead of milliseconds.
    """
    if connection.vendor != "postgresql":
        return
    tables = ", ".join(
        connection.ops.quote_name(model._meta.db_table)
        for model in (Building, Unit, Household, Resident, ResidentTag)
    )
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {tables}")


def _new_resident(row: Row, household) -> Resident:
    pinyin, initials = pinyin_keys(row.name)
    return Resident(
        household=household, name=row.name, phone=row.phone, sex=row.sex,
        birth_year=row.birth_year, id_number=row.id_number,
        relation=row.relation or Relation.HEAD, note=row.note,
        name_pinyin=pinyin, name_initials=initials,
    )  # fmt: skip


def _created(obj) -> dict:
    names = {
        Resident: ("name", "phone", "sex", "birth_year", "id_number", "relation", "note"),
        Household: ("room",), Unit: ("number",), Building: ("number",), Compound: ("name",),
    }[type(obj)]  # fmt: skip
    return {
        n: [None, masked(n, str(getattr(obj, n)))]
        for n in names
        if getattr(obj, n) not in (None, "")
    }


# The staged import, as the page and the command use it.


def stage(community, file_name: str, content: bytes, user=None, roster=None) -> RosterImport:
    """Keep an uploaded roster with its preview. Raises RosterFileError."""
    roster = roster or parse_roster(content, file_name)
    plan = build_plan(community, roster)
    return RosterImport.objects.create(
        community=community, file_name=file_name[:200], content=content,
        created_by=user if user and user.is_authenticated else None, summary=plan.summary(),
    )  # fmt: skip


def commit(pk: int, user=None, address=None, progress=None) -> tuple[RosterImport, bool]:
    """Import a staged roster. Returns (the import, whether this call wrote it).

    A double-tapped confirm must apply once: the row lock makes a second
    request wait for the first, then see it committed. The file is read again,
    against the registry as it is now, not as it was at preview time.
    """
    with transaction.atomic():
        staged = RosterImport.objects.select_for_update().select_related("community").get(pk=pk)
        if staged.is_committed:
            return staged, False
        roster = parse_roster(bytes(staged.content), staged.file_name, progress=progress)
        plan = build_plan(staged.community, roster)
        apply_plan(plan, user, address, source=staged)
        staged.status = RosterImport.Status.COMMITTED
        staged.committed_at = timezone.now()
        staged.summary = plan.summary()
        # The file has done its work: what it held is in the registry now, with
        # each change on the audit trail. A copy full of ID numbers is not kept.
        staged.content = b""
        staged.save()
    return staged, True


# Export.

EXPORT_FIELDS = (
    "compound", "building", "unit", "room", "name", "sex", "birth_year", "phone",
    "id_number", "relation", "tags", "note",
)  # fmt: skip
_TEXT_FIELDS = {"building", "unit", "room", "phone", "id_number"}
_WIDTHS = {"name": 10, "phone": 14, "id_number": 21, "tags": 18, "note": 24}


def export_rows(community):
    """The community's residents as roster rows (dicts of cell values)."""
    residents = (
        Resident.objects.filter(household__building__compound__community=community)
        .with_details()
        .with_tags()
        .order_by(
            "household__building__compound__name", "household__building__sort_key",
            "household__building__number", "household__unit__number", "household__room", "id",
        )
    )  # fmt: skip
    for r in residents:
        h = r.household
        yield {
            "compound": h.building.compound.name,
            "building": h.building.number,
            "unit": h.unit.number if h.unit_id else "",
            "room": h.room,
            "name": r.name,
            "sex": SEX_LABELS.get(r.sex, ""),
            "birth_year": r.birth_year,
            "phone": r.phone,
            "id_number": r.id_number,
            "relation": RELATION_LABELS.get(r.relation, ""),
            "tags": "、".join(TAG_LABELS[t] for t in TAG_LABELS if t in set(r.tag_values)),
            "note": r.note,
        }


def export_roster(community, now: datetime.datetime | None = None) -> tuple[bytes, int]:
    """An .xlsx roster that Excel and WPS open, and that imports back unchanged.
    Returns (file content, number of residents)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    now = timezone.localtime(now or timezone.now())
    book = Workbook()
    sheet = book.active
    sheet.title = "花名册"
    width = len(EXPORT_FIELDS)
    sheet.append([f"{community.name}居民花名册（导出于{now:%Y-%m-%d %H:%M}）"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A1"].alignment = Alignment(horizontal="center")
    sheet.append([HEADERS[f] for f in EXPORT_FIELDS])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    count = 0
    for row in export_rows(community):
        sheet.append([row[f] for f in EXPORT_FIELDS])
        count += 1
    for col, name in enumerate(EXPORT_FIELDS, start=1):
        letter = get_column_letter(col)
        sheet.column_dimensions[letter].width = _WIDTHS.get(name, 8)
        if name in _TEXT_FIELDS:
            # Text, so Excel shows an ID number as typed and not as 4.2E+17.
            for (cell,) in sheet.iter_rows(min_row=3, min_col=col, max_col=col):
                cell.number_format = "@"
    sheet.freeze_panes = "A3"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue(), count
