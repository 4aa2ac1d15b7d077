"""A pasted 接龙 post becomes orders: stage, fix in place, confirm.

`stage()` parses the post and matches each entry to a household the user may
order for (a captain: their buildings only) and each item to a catalog product;
the result is kept on a JielongImport so that the captain's fixes survive a
reload. `confirm()` places the ready entries' orders in one transaction.

The matching itself is pure and lives in `jielong_match` (which also describes
the staged entries' JSON).
"""

from django.db import transaction
from django.utils import timezone

from linli.accounts.choices import Role
from linli.audit.log import record
from linli.audit.models import Action
from linli.community.models import Household, Resident
from linli.groupbuy.choices import Channel, RoundScope
from linli.groupbuy.jielong import parse
from linli.groupbuy.jielong.entry import GENERIC_UNIT
from linli.groupbuy.jielong_match import (
    Home,
    Homes,
    Problem,
    address_label,
    entry_problems,
    is_ready,
    item_from_parse,
    mark_superseded,
    norm,
    read_quantity,
)  # fmt: skip
from linli.groupbuy.models import JielongImport, Order, Product, Round
from linli.groupbuy.ordering import OrderRefused, place_order

# Who may paste a 接龙 for the households they look after.
IMPORTER_ROLES = frozenset({Role.STAFF, Role.AREA_LEADER, Role.CAPTAIN})


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


def homes_of(households) -> Homes:
    """The households as the matcher sees them, with their residents' names."""
    homes = [
        Home(
            h.pk,
            h.building.compound.name,
            h.building_id,
            norm(h.building.number),
            norm(h.unit.number) if h.unit_id else None,
            norm(h.room),
            h.address,
        )
        for h in households
    ]
    residents = Resident.objects.filter(household__in=households)
    return Homes(homes, residents.values_list("household_id", "name"))


# --- staging and fixing --------------------------------------------------------------


def stage(round_: Round, text: str, user, scope) -> JielongImport:
    """Parse the post and keep the matched preview on a new staging record."""
    products = Product.objects.all()
    by_name = {p.name: p for p in products}
    offered = set(round_products(round_).values_list("pk", flat=True))
    # The whole catalog reads the post, so that 口罩 is 口罩 even in a round
    # that sells no 口罩: the captain is told so instead of seeing a stranger.
    parsed = parse(text, products.catalog())
    homes = homes_of(round_households(round_, scope))
    building = homes.default_building(parsed.title)
    entries = []
    for e in parsed.entries:
        d = e.as_dict()
        home, problem = homes.match(d["address"], building)
        named = problem == Problem.NO_ADDRESS and homes.by_resident(d["name"], building)
        if named:
            home, problem = named, ""
        entries.append({
            "seq": d["seq"], "name": d["name"] or "", "address": address_label(d["address"]),
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
        # The pasted chat has done its work (its entries and the orders remain):
        # the group's raw text, phone numbers and all, is not kept.
        staged.text = ""
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


# What the views and tests use from the matcher, through this one service module.
__all__ = [
    "IMPORTER_ROLES", "FixError", "Problem", "confirm", "entry_problems", "existing_orders",
    "fix_household", "fix_item", "importable_rounds", "imports_of", "is_ready",
    "mark_superseded", "read_quantity", "round_households", "round_products", "set_skip",
    "stage",
]  # fmt: skip
