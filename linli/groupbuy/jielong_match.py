"""Matching a parsed 接龙 to households and products, and what an entry still
lacks. Plain data in and out, no Django, so that it is fast and property-tested;
`jielong_import` feeds it the database and keeps its results.

A staged entry is a dict (its JSON is kept on JielongImport):
    {"seq", "name", "address": "9-1-201", "household": id | None, "household_label",
     "household_problem": "" | "no_address" | "unknown_room" | "ambiguous", "by_name",
     "items": [{"written", "product": id | None, "product_name", "quantity": "2",
                "unit", "problem": "" | "unknown" | "fuzzy" | "not_offered" | "bad_quantity"}],
     "note", "unparsed": [...], "skip": bool, "superseded_by": seq (when set)}
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from linli.groupbuy.jielong.address import find_address

# Largest quantity a preview accepts without a second look (a slip: 1000 for 10).
MAX_QUANTITY = Decimal("200")


class Problem:
    """Why an entry or item cannot be ordered as it stands (stable codes in JSON)."""

    NO_ADDRESS = "no_address"
    UNKNOWN_ROOM = "unknown_room"
    AMBIGUOUS = "ambiguous"
    UNKNOWN_PRODUCT = "unknown"
    FUZZY = "fuzzy"
    BAD_QUANTITY = "bad_quantity"
    NOT_OFFERED = "not_offered"  # in the catalog, but none of the round's suppliers sells it
    NO_ITEMS = "no_items"
    SUPERSEDED = "superseded"  # the same household entered again further down


def norm(text) -> str:
    return str(text or "").strip().upper().removesuffix("室").removesuffix("号")


@dataclass(frozen=True)
class Home:
    pk: int
    compound: str
    building_id: int
    building: str
    unit: str | None
    room: str
    label: str


class Homes:
    """The households a paste may name, looked up by building, unit and room."""

    def __init__(self, homes, residents=()):
        self.homes = list(homes)
        self.by_room = defaultdict(list)
        for home in self.homes:
            self.by_room[home.room].append(home)
        by_pk = {home.pk: home for home in self.homes}
        self.by_name = defaultdict(set)
        for household_id, name in residents:
            if household_id in by_pk:
                self.by_name[name].add(by_pk[household_id])

    def default_building(self, title: str) -> int | None:
        """The building a post is about: the one its title names, else the only one."""
        homes = self.homes
        compounds = {h.compound for h in homes if h.compound and h.compound in title}
        if compounds:
            homes = [h for h in homes if h.compound in compounds]
        found = find_address(title)
        if found and found[0].building:
            named = {h.building_id for h in homes if h.building == norm(found[0].building)}
            return named.pop() if len(named) == 1 else None
        buildings = {h.building_id for h in homes}
        return buildings.pop() if len(buildings) == 1 else None

    def match(self, address: dict | None, default_building: int | None):
        """(home, problem): the one household the address names, or why not."""
        if not address or not address.get("room"):
            return None, Problem.NO_ADDRESS
        room, unit = norm(address["room"]), norm(address.get("unit")) or None
        building = norm(address.get("building")) or None
        found = self._find(room, unit, building, default_building)
        if not found and building and not unit and default_building:
            # In a 9栋 post, `1-201` is unit 1 room 201, not building 1.
            found = self._find(room, building, None, default_building)
        if len(found) == 1:
            return found[0], ""
        return None, Problem.AMBIGUOUS if found else Problem.UNKNOWN_ROOM

    def by_resident(self, name: str | None, default_building: int | None) -> Home | None:
        """The one household where a resident of this full name lives (`黄彬 土豆1斤`
        with no address), preferring the post's building; None when unsure."""
        if not name or len(name) < 2:  # a surname alone (`马`) is anybody
            return None
        found = self.by_name.get(name, set())
        if len(found) > 1 and default_building:
            found = {h for h in found if h.building_id == default_building}
        return next(iter(found)) if len(found) == 1 else None

    def _find(self, room, unit, building, default_building):
        found = []
        for home in self.by_room.get(room, ()):
            if building and home.building != building:
                continue
            if not building and default_building and home.building_id != default_building:
                continue
            if unit and home.unit and home.unit != unit:
                continue
            found.append(home)
        return found


def read_quantity(value) -> Decimal | None:
    """A quantity a person can order (positive, at most two decimals), or None."""
    try:
        q = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return None
    if not q.is_finite() or q <= 0 or q > MAX_QUANTITY or q != q.quantize(Decimal("0.01")):
        return None
    return q.normalize() if q == q.to_integral() else q


def address_label(address: dict | None) -> str:
    if not address:
        return ""
    return "-".join(p for p in (address["building"], address["unit"], address["room"]) if p)


def item_from_parse(item: dict, products: dict, offered: set) -> dict:
    """One parsed item as a staged item, matched to a product id."""
    product = products.get(item["product"]) if item["matched"] else None
    quantity = read_quantity(item["quantity"])
    problem = ""
    if product is None:
        problem = Problem.UNKNOWN_PRODUCT
    elif product.pk not in offered:
        problem = Problem.NOT_OFFERED
    elif item.get("fuzzy"):
        problem = Problem.FUZZY
    elif quantity is None:
        problem = Problem.BAD_QUANTITY
    return {
        "written": item.get("written") or item["product"],
        "product": product.pk if product else None,
        "product_name": product.name if product else "",
        "quantity": str(quantity if quantity is not None else item["quantity"]),
        "unit": item["unit"],
        "problem": problem,
    }


def entry_problems(entry: dict) -> list[str]:
    """What still stands between this entry and an order (empty: ready)."""
    problems = [entry["household_problem"]] if entry["household_problem"] else []
    if not entry["items"]:
        problems.append(Problem.NO_ITEMS)
    problems += [i["problem"] for i in entry["items"] if i["problem"]]
    return problems


def mark_superseded(entries: list[dict]) -> None:
    """A household entered twice orders what its last entry says (a correction
    further down the list); the earlier entries are marked and skipped."""
    last = {}
    for n, entry in enumerate(entries):
        entry.pop("superseded_by", None)
        if entry["household"] and not entry.get("skip"):
            last[entry["household"]] = n
    for n, entry in enumerate(entries):
        later = last.get(entry["household"])
        if entry["household"] and not entry.get("skip") and later is not None and later != n:
            entry["superseded_by"] = entries[later]["seq"]


def is_ready(entry: dict) -> bool:
    return not entry.get("skip") and not entry.get("superseded_by") and not entry_problems(entry)
