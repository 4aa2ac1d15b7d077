"""A pasted 接龙 becomes orders: matching to the captain's households and the
catalog, fixes kept on the staging record, reposts that update, one confirm."""

import pytest
import time_machine

from linli.accounts.scope import Scope
from linli.audit.models import Action, AuditEntry
from linli.groupbuy import jielong_import as service
from linli.groupbuy.choices import Channel
from linli.groupbuy.models import JielongImport, Order
from linli.groupbuy.ordering import OrderRefused, place_order
from tests.groupbuy.fixtures_jielong import V1, post
from tests.groupbuy.fixtures_rounds import CLOSES

pytestmark = pytest.mark.usefixtures("during_round")


def stage(world, who, text, round_):
    user = world.users[who]
    return service.stage(round_, text, user, Scope(user))


def confirm(world, who, staged):
    user = world.users[who]
    return service.confirm(staged.pk, user, Scope(user))


def lines_of(order):
    return {line.product.name: line.quantity for line in order.lines.all()}


# --- matching households --------------------------------------------------------------


def test_each_entry_with_a_full_address_finds_its_household_and_products(
    world, homes, grocery_round
):
    staged = stage(world, "captain3", post(*V1), grocery_round)
    first = staged.entries[0]
    assert first["household"] == world.household3.pk
    assert first["household_label"] == "3栋1单元201"
    assert first["name"] == "黄彬"
    assert [(i["product_name"], i["quantity"], i["unit"]) for i in first["items"]] == [
        ("土豆", "3", "斤"), ("鸡蛋", "2", "斤"),
    ]  # fmt: skip
    assert all(service.is_ready(e) for e in staged.entries)
    assert staged.building_id == world.building3.pk


def test_entries_giving_only_unit_and_room_use_the_building_in_the_title(
    world, homes, grocery_round
):
    staged = stage(
        world, "staff", post("1. 1单元102 王 大米1袋", "2. 102室 赵 土豆1斤"), grocery_round
    )
    assert [e["household"] for e in staged.entries] == [homes["1-102"].pk] * 2


def test_in_a_building_3_post_1_dash_101_is_unit_1_room_101(world, homes, grocery_round):
    staged = stage(world, "captain3", post("1. 1-101 李 大白菜2斤"), grocery_round)
    assert staged.entries[0]["household"] == homes["1-101"].pk


def test_a_captain_with_one_building_needs_no_building_in_the_title(world, homes, grocery_round):
    text = post("1. 1单元301 钱 鸡蛋1斤", title="#接龙\n今日蔬菜团购\n\n")
    staged = stage(world, "captain3", text, grocery_round)
    assert staged.entries[0]["household"] == homes["1-301"].pk


def test_a_room_in_two_units_without_its_unit_is_ambiguous(world, homes, grocery_round):
    staged = stage(world, "captain3", post("1. 201室 黄 土豆1斤"), grocery_round)
    entry = staged.entries[0]
    assert (entry["household"], entry["household_problem"]) == (None, service.Problem.AMBIGUOUS)
    assert not service.is_ready(entry)


def test_captain_of_building_3_does_not_match_a_room_of_building_5(world, homes, grocery_round):
    staged = stage(world, "captain3", post("1. 5-1-101 王秀英 土豆1斤"), grocery_round)
    assert staged.entries[0]["household"] is None
    assert staged.entries[0]["household_problem"] == service.Problem.UNKNOWN_ROOM


def test_captain_of_building_5_matches_that_room_of_building_5(world, homes, grocery_round):
    staged = stage(world, "captain5", post("1. 5-1-101 王秀英 土豆1斤"), grocery_round)
    assert staged.entries[0]["household"] == world.household5.pk


def test_an_entry_without_an_address_asks_which_household(world, homes, grocery_round):
    staged = stage(world, "captain3", post("1. 刘洋 土豆1斤"), grocery_round)
    assert staged.entries[0]["household_problem"] == service.Problem.NO_ADDRESS


def test_an_entry_with_only_a_residents_full_name_finds_that_household(world, homes, grocery_round):
    staged = stage(world, "captain3", post("1. 黄彬 土豆1斤"), grocery_round)
    entry = staged.entries[0]
    assert (entry["household"], entry["by_name"]) == (world.household3.pk, True)
    assert service.is_ready(entry)


def test_captain_3_does_not_find_a_resident_of_building_5_by_name(world, homes, grocery_round):
    staged = stage(world, "captain3", post("1. 王秀英 土豆1斤"), grocery_round)
    assert staged.entries[0]["household"] is None
    assert (
        stage(world, "captain5", post("1. 王秀英 土豆1斤"), grocery_round).entries[0]["household"]
        == world.household5.pk
    )


# --- matching products ------------------------------------------------------------------


def test_unknown_and_fuzzy_products_are_marked_and_hold_the_entry_back(world, homes, grocery_round):
    staged = stage(world, "captain3", post("1. 3-1-202 赵 土逗2斤 茼蒿1斤"), grocery_round)
    fuzzy, unknown = staged.entries[0]["items"]
    assert (fuzzy["product_name"], fuzzy["written"], fuzzy["problem"]) == ("土豆", "土逗", "fuzzy")
    assert (unknown["product"], unknown["written"], unknown["problem"]) == (None, "茼蒿", "unknown")
    assert service.entry_problems(staged.entries[0]) == ["fuzzy", "unknown"]


def test_a_fixed_item_is_kept_on_the_staging_record(world, homes, grocery_round, products):
    staged = stage(world, "captain3", post("1. 3-1-202 赵 土逗2斤 茼蒿1斤"), grocery_round)
    service.fix_item(staged, 0, 0, products["土豆"].pk, "2")
    service.fix_item(staged, 0, 1, products["大白菜"].pk, "1.5")
    entry = JielongImport.objects.get(pk=staged.pk).entries[0]
    assert [(i["product_name"], i["quantity"], i["problem"]) for i in entry["items"]] == [
        ("土豆", "2", ""), ("大白菜", "1.5", ""),
    ]  # fmt: skip
    assert service.is_ready(entry)


@pytest.mark.parametrize("quantity", ["0", "-1", "abc", "1.234", "1000", ""])
def test_a_bad_quantity_is_refused_and_changes_nothing(
    world, homes, grocery_round, products, quantity
):
    staged = stage(world, "captain3", post("1. 3-1-202 赵 茼蒿1斤"), grocery_round)
    with pytest.raises(service.FixError):
        service.fix_item(staged, 0, 0, products["土豆"].pk, quantity)
    assert JielongImport.objects.get(pk=staged.pk).entries[0]["items"][0]["problem"] == "unknown"


def test_an_unknown_product_in_portions_takes_the_catalog_unit_when_fixed(
    world, homes, grocery_round, products
):
    staged = stage(world, "captain3", post("1. 3-1-202 赵 茼蒿x2"), grocery_round)
    assert staged.entries[0]["items"][0]["unit"] == "份"
    service.fix_item(staged, 0, 0, products["大米"].pk, "2")
    assert staged.entries[0]["items"][0]["unit"] == "袋"


# --- fixing households --------------------------------------------------------------


def test_captain_3_can_pick_a_household_of_building_3(world, homes, grocery_round):
    staged = stage(world, "captain3", post("1. 201室 黄 土豆1斤"), grocery_round)
    service.fix_household(staged, 0, homes["2-201"].pk, Scope(world.users["captain3"]))
    entry = JielongImport.objects.get(pk=staged.pk).entries[0]
    assert (entry["household"], entry["household_label"]) == (homes["2-201"].pk, "3栋2单元201")
    assert service.is_ready(entry)


def test_captain_3_cannot_pick_a_household_of_building_5(world, homes, grocery_round):
    staged = stage(world, "captain3", post("1. 201室 黄 土豆1斤"), grocery_round)
    with pytest.raises(service.FixError):
        service.fix_household(staged, 0, world.household5.pk, Scope(world.users["captain3"]))
    assert JielongImport.objects.get(pk=staged.pk).entries[0]["household"] is None


# --- confirming ---------------------------------------------------------------------


def test_confirm_places_the_ready_entries_and_lists_the_rest(world, homes, grocery_round):
    text = post(*V1[:2], "3. 3-1-102 王 茼蒿1斤", "4. 5-1-101 王秀英 土豆1斤")
    staged = stage(world, "captain3", text, grocery_round)
    staged, applied = confirm(world, "captain3", staged)
    assert applied and staged.is_confirmed
    orders = Order.objects.filter(round=grocery_round)
    assert set(orders.values_list("household", flat=True)) == {
        world.household3.pk, homes["1-101"].pk,
    }  # fmt: skip
    order = orders.get(household=world.household3)
    assert lines_of(order) == {"土豆": 3, "鸡蛋": 2}
    assert (order.channel, order.entered_by, order.note) == (
        Channel.JIELONG, world.users["captain3"], "黄彬",
    )  # fmt: skip
    assert [(s["seq"], s["reason"]) for s in staged.summary["skipped"]] == [
        (3, "unknown"), (4, "unknown_room"),
    ]  # fmt: skip


def test_a_confirmed_paste_keeps_its_entries_but_not_the_groups_raw_text(
    world, homes, grocery_round
):
    staged = stage(world, "captain3", post(*V1), grocery_round)
    assert staged.text  # kept while it waits: the preview shows what was pasted
    staged, _ = confirm(world, "captain3", staged)
    staged.refresh_from_db()
    assert staged.text == "" and staged.entries and staged.summary["placed"]


def test_confirming_leaves_an_audit_entry_naming_who_imported_how_many(world, homes, grocery_round):
    staged, _ = confirm(world, "captain3", stage(world, "captain3", post(*V1), grocery_round))
    entry = AuditEntry.objects.get(action=Action.IMPORT, model="groupbuy.round")
    assert (entry.user, entry.object_id) == (world.users["captain3"], str(grocery_round.pk))
    assert entry.changes == {"jielong_import": staged.pk, "placed": 5, "skipped": 0}


def test_a_repost_with_more_entries_updates_and_never_duplicates(world, homes, grocery_round):
    confirm(world, "captain3", stage(world, "captain3", post(*V1), grocery_round))
    assert Order.objects.filter(round=grocery_round).count() == 5

    v2 = [*V1[:3], "4. 3-1-202 赵 土豆5斤 大米1袋", V1[4], "6. 3-1-302 孙 大白菜1斤",
          "7. 3-1-401 周 土豆1斤"]  # fmt: skip
    staged, _ = confirm(world, "captain3", stage(world, "captain3", post(*v2), grocery_round))

    orders = Order.objects.filter(round=grocery_round)
    assert orders.count() == 7
    assert lines_of(orders.get(household=homes["1-202"])) == {"土豆": 5, "大米": 1}
    assert lines_of(orders.get(household=world.household3)) == {"土豆": 3, "鸡蛋": 2}
    actions = [p["action"] for p in staged.summary["placed"]]
    assert actions == ["updated"] * 5 + ["created"] * 2


def test_two_reposted_copies_in_one_paste_give_the_latest(world, homes, grocery_round):
    text = post(*V1[:2]) + "\n" + post(V1[0], "2. 3-1-101 李 大白菜4斤", V1[2])
    confirm(world, "captain3", stage(world, "captain3", text, grocery_round))
    orders = Order.objects.filter(round=grocery_round)
    assert orders.count() == 3
    assert lines_of(orders.get(household=homes["1-101"])) == {"大白菜": 4}


def test_a_household_entered_twice_orders_what_its_last_entry_says(world, homes, grocery_round):
    text = post(V1[0], "2. 3-1-201 黄彬 更正 土豆1斤")
    staged = stage(world, "captain3", text, grocery_round)
    assert staged.entries[0]["superseded_by"] == 2
    staged, _ = confirm(world, "captain3", staged)
    assert lines_of(Order.objects.get(household=world.household3)) == {"土豆": 1}
    assert staged.summary["skipped"][0]["reason"] == "superseded"


def test_a_second_confirm_of_the_same_paste_writes_nothing(world, homes, grocery_round):
    staged = stage(world, "captain3", post(*V1), grocery_round)
    confirm(world, "captain3", staged)
    Order.objects.filter(household=world.household3).delete()  # a later change by someone
    staged, applied = confirm(world, "captain3", staged)
    assert not applied
    assert Order.objects.filter(round=grocery_round).count() == 4


def test_after_the_cut_off_confirm_writes_nothing_and_the_paste_waits(world, homes, grocery_round):
    staged = stage(world, "captain3", post(*V1), grocery_round)
    with time_machine.travel(CLOSES, tick=False), pytest.raises(OrderRefused) as refused:
        confirm(world, "captain3", staged)
    assert refused.value.code == "round_closed"
    assert Order.objects.count() == 0
    assert JielongImport.objects.get(pk=staged.pk).status == JielongImport.Status.PREVIEW


def test_a_product_the_round_does_not_sell_is_marked_and_cannot_be_chosen(
    world, homes, grocery_round, products
):
    staged = stage(world, "captain3", post(V1[0], "2. 3-1-101 李 口罩10个"), grocery_round)
    assert staged.entries[1]["items"][0]["problem"] == "not_offered"
    with pytest.raises(service.FixError):
        service.fix_item(staged, 1, 0, products["口罩"].pk, "10")
    staged, _ = confirm(world, "captain3", staged)
    assert Order.objects.filter(round=grocery_round).count() == 1
    assert [(s["seq"], s["reason"]) for s in staged.summary["skipped"]] == [(2, "not_offered")]


def test_an_entry_refused_at_confirm_is_skipped_and_the_others_are_written(
    world, homes, grocery_round, products, supermarket
):
    staged = stage(world, "captain3", post(*V1[:3]), grocery_round)
    supermarket.offers.filter(product=products["大米"]).delete()  # after the preview
    staged, _ = confirm(world, "captain3", staged)
    assert Order.objects.filter(round=grocery_round).count() == 2
    assert not Order.objects.filter(household=homes["1-102"]).exists()
    skipped = staged.summary["skipped"][0]
    assert (skipped["seq"], skipped["reason"]) == (3, "not_offered")
    assert "大米" in skipped["message"]


def test_a_household_that_ordered_itself_is_flagged_and_then_replaced(
    world, homes, grocery_round, products
):
    place_order(grocery_round, world.household3, [(products["大米"], 1, "袋")],
                channel=Channel.SELF, entered_by=world.users["resident"])  # fmt: skip
    staged = stage(world, "captain3", post(V1[0]), grocery_round)
    assert service.existing_orders(staged) == {world.household3.pk: Channel.SELF}
    confirm(world, "captain3", staged)
    order = Order.objects.get(household=world.household3)
    assert (order.channel, lines_of(order)) == (Channel.JIELONG, {"土豆": 3, "鸡蛋": 2})


def test_a_household_that_left_the_captains_scope_is_skipped_at_confirm(
    world, homes, grocery_round
):
    staged = stage(world, "captain3", post(*V1[:2]), grocery_round)
    world.users["captain3"].memberships.get().buildings.clear()
    staged, _ = confirm(world, "captain3", staged)
    assert Order.objects.count() == 0
    assert len(staged.summary["skipped"]) == 2
