"""A pasted 接龙 post becomes orders: stage, fix in place, confirm.

`stage()` parses the post and matches each entry to a household the user may
order for (a captain: their buildings only) and each item to a catalog product;
the result is kept on a JielongImport so that the captain's fixes survive a
reload. `confirm()` places the ready entries' orders in one transaction.

The staged entries are plain JSON, one dict per entry:
    {"seq", "name", "address": "9-1-201", "household": id | None,
     "household_label", "household_problem": "" | "no_address" | "unknown_room" | "ambiguous",
     "items": [{"written", "product": id | None, "product_name", "quantity": "2",
                "unit", "problem": "" | "unknown" | "fuzzy" | "bad_quantity"}],
     "note", "unparsed": [...], "skip": bool}
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from linli.accounts.choices import Role
from linli.audit.log import record
from linli.audit.models import Action
from linli.community.models import Household, Resident
from linli.groupbuy.choices import Channel, RoundScope
from linli.groupbuy.jielong import parse
from linli.groupbuy.jielong.address import find_address
from linli.groupbuy.jielong.entry import GENERIC_UNIT
from linli.groupbuy.models import JielongImport, Order, Product, Round
from linli.groupbuy.ordering import OrderRefused, place_order

# Who may paste a 接龙 for the households they look after.
IMPORTER_ROLES = frozenset({Role.STAFF, Role.AREA_LEADER, Role.CAPTAIN})
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


# --- who and where ------------------------------------------------------------------


def importable_rounds(scope):
    """Rounds the user may paste a 接龙 into."""
    if scope.is_superuser:
        return Round.objects.all()
    ids = {m.community_id for m in scope.memberships if m.role in IMPORTER_ROLES}
    return Round.objects.filter(community_id__in=ids)


def round_households(round_: Round, scope):
    """The households of the round's scope that this user orders for."""
    qs = Household.objects.filter(building__compound__community_id=round_.community_id)
    if round_.scope == RoundScope.COMPOUND:
        qs = qs.filter(building__compound_id=round_.compound_id)
    elif round_.scope == RoundScope.BUILDINGS:
        qs = qs.filter(building__in=round_.buildings.all())
    return scope.filter(qs).select_related("building__compound", "unit")


def round_products(round_: Round):
    """What can be ordered in the round: its suppliers' products, or the whole
    catalog for a round without suppliers (place_order's rule)."""
    products = Product.objects.order_by("category", "name")
    if round_.suppliers.exists():
        products = products.filter(offers__supplier__rounds=round_).distinct()
    return products


def imports_of(user):
    """A staged import is its author's own: another captain gets 404."""
    qs = JielongImport.objects.select_related("round")
    return qs if user.is_superuser else qs.filter(created_by=user)


# --- matching (plain data in, plain data out) ---------------------------------------


def _norm(text) -> str:
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

    @classmethod
    def of(cls, households):
        homes = [
            Home(
                h.pk,
                h.building.compound.name,
                h.building_id,
                _norm(h.building.number),
                _norm(h.unit.number) if h.unit_id else None,
                _norm(h.room),
                h.address,
            )  # fmt: skip
            for h in households
        ]
        residents = Resident.objects.filter(household__in=households)
        return cls(homes, residents.values_list("household_id", "name"))

    def default_building(self, title: str) -> int | None:
        """The building a post is about: the one its title names, else the only one."""
        homes = self.homes
        compounds = {h.compound for h in homes if h.compound and h.compound in title}
        if compounds:
            homes = [h for h in homes if h.compound in compounds]
        found = find_address(title)
        if found and found[0].building:
            named = {h.building_id for h in homes if h.building == _norm(found[0].building)}
            return named.pop() if len(named) == 1 else None
        buildings = {h.building_id for h in homes}
        return buildings.pop() if len(buildings) == 1 else None

    def match(self, address: dict | None, default_building: int | None):
        """(home, problem): the one household the address names, or why not."""
        if not address or not address.get("room"):
            return None, Problem.NO_ADDRESS
        room, unit = _norm(address["room"]), _norm(address.get("unit")) or None
        building = _norm(address.get("building")) or None
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


def _address_label(address: dict | None) -> str:
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


# --- staging and fixing --------------------------------------------------------------


def stage(round_: Round, text: str, user, scope) -> JielongImport:
    """Parse the post and keep the matched preview on a new staging record."""
    products = Product.objects.all()
    by_name = {p.name: p for p in products}
    offered = set(round_products(round_).values_list("pk", flat=True))
    # The whole catalog reads the post, so that 口罩 is 口罩 even in a round
    # that sells no 口罩: the captain is told so instead of seeing a stranger.
    parsed = parse(text, products.catalog())
    homes = Homes.of(round_households(round_, scope))
    building = homes.default_building(parsed.title)
    entries = []
    for e in parsed.entries:
        d = e.as_dict()
        home, problem = homes.match(d["address"], building)
        named = problem == Problem.NO_ADDRESS and homes.by_resident(d["name"], building)
        if named:
            home, problem = named, ""
        entries.append({
            "seq": d["seq"], "name": d["name"] or "", "address": _address_label(d["address"]),
            "household": home.pk if home else None, "household_label": home.label if home else "",
            "household_problem": problem, "by_name": bool(named),
            "items": [item_from_parse(i, by_name, offered) for i in d["items"]],
            "note": d["note"], "unparsed": d["unparsed"], "skip": False,
        })  # fmt: skip
    mark_superseded(entries)
    return JielongImport.objects.create(
        round=round_, text=text, title=parsed.title[:200], building_id=building,
        entries=entries, created_by=user,
    )  # fmt: skip


class FixError(ValueError):
    """A fix that cannot be applied (a household out of scope, a bad quantity)."""


def fix_household(staged: JielongImport, n: int, household_id, scope) -> dict:
    """Point entry n at one of the user's households."""
    households = round_households(staged.round, scope)
    home = households.filter(pk=household_id).first() if str(household_id).isdigit() else None
    if home is None:
        raise FixError("household")
    entry = staged.entries[n]
    entry.update(
        household=home.pk, household_label=home.address, household_problem="", by_name=False
    )
    mark_superseded(staged.entries)
    staged.save(update_fields=["entries"])
    return entry


def fix_item(staged: JielongImport, n: int, i: int, product_id, quantity) -> dict:
    """Set item i of entry n to a catalog product and a quantity."""
    products = round_products(staged.round)
    product = products.filter(pk=product_id).first() if str(product_id).isdigit() else None
    value = read_quantity(quantity)
    item = staged.entries[n]["items"][i]
    if product is None:
        raise FixError("product")
    if value is None:
        raise FixError("quantity")
    unit = item["unit"]
    if item["product"] != product.pk and (unit == GENERIC_UNIT or not item["product"]):
        # 份 was the parser's guess for a product it did not know: the catalog knows.
        unit = product.unit if unit == GENERIC_UNIT else unit
    item.update(
        product=product.pk, product_name=product.name, quantity=str(value), unit=unit, problem=""
    )
    staged.save(update_fields=["entries"])
    return staged.entries[n]


def set_skip(staged: JielongImport, n: int, skip: bool) -> dict:
    staged.entries[n]["skip"] = skip
    mark_superseded(staged.entries)
    staged.save(update_fields=["entries"])
    return staged.entries[n]


def existing_orders(staged: JielongImport) -> dict[int, str]:
    """Household id -> channel of the order it already has in this round."""
    ids = {e["household"] for e in staged.entries if e["household"]}
    rows = Order.objects.filter(round=staged.round, household_id__in=ids)
    return dict(rows.values_list("household_id", "channel"))


# --- confirming ----------------------------------------------------------------------

# Refusals that concern the round, not one entry: the whole import waits.
ROUND_REFUSALS = frozenset({"round_closed", "round_not_open"})


def confirm(pk: int, user, scope) -> tuple[JielongImport, bool]:
    """Place the ready entries' orders. Returns (the import, whether this call did it).

    One transaction: a cut-off passing half-way (place_order raises) leaves no
    order written and the import still waiting, and the OrderRefused goes up to
    the caller. The row lock makes a double-tapped confirm wait for the first,
    then see it confirmed and do nothing. Entries that are not ready, or whose
    household left the user's scope since the preview, are skipped and listed.
    """
    with transaction.atomic():
        staged = JielongImport.objects.select_for_update().get(pk=pk)
        if staged.is_confirmed:
            return staged, False
        round_ = Round.objects.get(pk=staged.round_id)
        allowed = set(round_households(round_, scope).values_list("pk", flat=True))
        wanted = {e["household"] for e in staged.entries if e["household"]}
        households = Household.objects.in_bulk(allowed & wanted)
        products = Product.objects.in_bulk(
            {i["product"] for e in staged.entries for i in e["items"] if i["product"]}
        )
        mark_superseded(staged.entries)
        existing = existing_orders(staged)
        placed, skipped = [], []
        for n, entry in enumerate(staged.entries):
            reason, message = _skip_reason(entry, allowed), ""
            if not reason:
                lines = [(products[i["product"]], i["quantity"], i["unit"]) for i in entry["items"]]
                note = "；".join(p for p in (entry["name"], entry["note"]) if p)
                try:
                    with transaction.atomic():  # a refused entry leaves nothing behind
                        place_order(
                            round_, households[entry["household"]], lines,
                            channel=Channel.JIELONG, entered_by=user, note=note,
                        )  # fmt: skip
                except OrderRefused as refusal:
                    if refusal.code in ROUND_REFUSALS:
                        raise
                    reason, message = refusal.code, refusal.message
            if reason:
                skipped.append({"n": n, "seq": entry["seq"], "name": entry["name"],
                                "address": entry["address"], "reason": reason,
                                "message": message})  # fmt: skip
                continue
            action = "updated" if entry["household"] in existing else "created"
            placed.append({"n": n, "seq": entry["seq"], "household": entry["household"],
                           "label": entry["household_label"], "action": action})  # fmt: skip
        staged.status = JielongImport.Status.CONFIRMED
        staged.confirmed_at = timezone.now()
        staged.summary = {"placed": placed, "skipped": skipped}
        staged.save()
        # Orders written for many households by one person: the trail says who and when.
        changes = {"jielong_import": staged.pk, "placed": len(placed), "skipped": len(skipped)}
        record(Action.IMPORT, round_, changes, user=user)
    return staged, True


def _skip_reason(entry: dict, allowed: set[int]) -> str:
    if entry.get("skip"):
        return "skipped"
    if entry.get("superseded_by"):
        return Problem.SUPERSEDED
    problems = entry_problems(entry)
    if problems:
        return problems[0]
    if entry["household"] not in allowed:
        return Problem.UNKNOWN_ROOM
    return ""
