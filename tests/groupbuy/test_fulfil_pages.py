"""The after-cut-off pages: each permission line from both sides, and the forms' messages."""

from decimal import Decimal
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from linli.accounts.choices import Role
from linli.groupbuy import fulfil
from linli.groupbuy.choices import Channel, HandoutStatus, PaymentStatus, RoundState
from linli.groupbuy.models import Handout, Order, OrderLine, Payment, Receipt


@pytest.fixture
def shop_user(world, supermarket):
    """The world's supplier user, working for the round's supermarket."""
    user = world.users["supplier"]
    user.memberships.filter(role=Role.SUPPLIER).update(supplier=supermarket)
    return user


@pytest.fixture
def received_round(world, grocery_round, products):
    """Ordered by 3栋201 (黄彬, 4 斤) and 5栋101 (王秀英, elderly alone, 3 斤); 5 斤 arrived."""
    cabbage = products["大白菜"]
    orders = {}
    for key, household, quantity in (("h3", world.household3, 4), ("h5", world.household5, 3)):
        orders[key] = Order.objects.create(round=grocery_round, household=household,
                                           channel=Channel.SELF)  # fmt: skip
        OrderLine.objects.create(order=orders[key], product=cabbage, quantity=quantity, unit="斤")
    grocery_round.state = RoundState.ORDERED
    grocery_round.save()
    fulfil.record_receipt(grocery_round, cabbage, Decimal(5), world.users["staff"])
    fulfil.allocate_round(grocery_round)
    fulfil.create_handouts(grocery_round)
    fulfil.compute_payments(grocery_round)
    return grocery_round, orders


def page(client, user, name, *args, method="get", data=None):
    client.force_login(user)
    return getattr(client, method)(reverse(f"groupbuy:{name}", args=args), data or {})


@pytest.mark.parametrize("who", ["staff", "property"])
def test_staff_and_the_property_office_open_the_receiving_form(client, world, received_round, who):
    round_, _orders = received_round
    response = page(client, world.users[who], "receive", round_.pk)
    assert response.status_code == 200
    assert "大白菜" in response.content.decode()


@pytest.mark.parametrize("who", ["captain3", "supplier", "volunteer", "doctor", "resident"])
def test_nobody_else_can_record_a_delivery(client, world, received_round, who):
    round_, _orders = received_round
    assert page(client, world.users[who], "receive", round_.pk).status_code == 404
    response = page(client, world.users[who], "receive", round_.pk, method="post")
    assert response.status_code == 404


def test_a_bad_quantity_gets_a_chinese_message_and_keeps_what_was_typed(
    client, world, received_round, products
):
    round_, _orders = received_round
    field = f"qty_{products['大白菜'].pk}"
    response = page(client, world.users["staff"], "receive", round_.pk, method="post",
                    data={field: "三十"})  # fmt: skip
    body = response.content.decode()
    assert response.status_code == 200
    assert "请填写数字，例如 30 或 12.5" in body and 'value="三十"' in body
    assert Receipt.objects.get(round=round_).quantity == 5


def test_saving_the_receiving_form_shares_out_and_bills(client, world, received_round, products):
    round_, orders = received_round
    field = f"qty_{products['大白菜'].pk}"
    response = page(client, world.users["property"], "receive", round_.pk, method="post",
                    data={field: "7"})  # fmt: skip
    assert response.status_code == 302
    assert orders["h3"].lines.get().allocated == 4
    assert Payment.objects.get(order=orders["h3"]).amount == Decimal("6.00")


def test_the_supermarket_sees_and_downloads_its_own_purchase_order(
    client, world, received_round, supermarket, shop_user
):
    round_, _orders = received_round
    assert page(client, shop_user, "po", round_.pk, supermarket.pk).status_code == 200
    response = page(client, shop_user, "po_xlsx", round_.pk, supermarket.pk)
    sheet = load_workbook(BytesIO(response.content)).active
    assert sheet["A6"].value == "大白菜" and sheet["C6"].value == 7


def test_a_supplier_user_of_another_shop_and_a_captain_get_404_on_the_purchase_order(
    client, world, received_round, supermarket
):
    round_, _orders = received_round
    for who in ("supplier", "captain3"):  # "supplier" here works for no shop of the round
        assert page(client, world.users[who], "po", round_.pk, supermarket.pk).status_code == 404
        response = page(client, world.users[who], "po_xlsx", round_.pk, supermarket.pk)
        assert response.status_code == 404


def test_the_captain_of_building_3_hands_out_a_bag_of_building_3(client, world, received_round):
    round_, orders = received_round
    handout = Handout.objects.get(order=orders["h3"])
    assert page(client, world.users["captain3"], "handout", round_.pk,
                world.building3.pk).status_code == 200  # fmt: skip
    page(client, world.users["captain3"], "handout_done", handout.pk, method="post",
         data={"status": HandoutStatus.PICKED_UP, "collected_by": "黄彬"})  # fmt: skip
    handout.refresh_from_db()
    assert (handout.status, handout.collected_by) == (HandoutStatus.PICKED_UP, "黄彬")


def test_the_captain_of_building_5_gets_404_on_a_bag_of_building_3(client, world, received_round):
    round_, orders = received_round
    handout = Handout.objects.get(order=orders["h3"])
    response = page(client, world.users["captain5"], "handout_done", handout.pk, method="post",
                    data={"status": HandoutStatus.DELIVERED})  # fmt: skip
    assert response.status_code == 404
    handout.refresh_from_db()
    assert handout.status == HandoutStatus.WAITING
    body = page(client, world.users["captain5"], "handout", round_.pk,
                world.building3.pk).content.decode()  # fmt: skip
    assert "3栋1单元201" not in body


def test_picked_up_without_a_name_is_refused_with_a_message(client, world, received_round):
    round_, orders = received_round
    handout = Handout.objects.get(order=orders["h3"])
    response = page(client, world.users["captain3"], "handout_done", handout.pk, method="post",
                    data={"status": HandoutStatus.PICKED_UP, "collected_by": ""})  # fmt: skip
    follow = client.get(response["Location"])
    assert "请填写是谁领走的" in follow.content.decode()
    handout.refresh_from_db()
    assert handout.status == HandoutStatus.WAITING


def test_the_doorstep_bag_is_listed_first_on_the_hand_out_screen(client, world, received_round):
    round_, _orders = received_round
    body = page(client, world.users["staff"], "handout", round_.pk,
                world.building5.pk).content.decode()  # fmt: skip
    assert "送上门" in body
    # Volunteers carry the bags: the screen must not say why a household cannot come down.
    assert "居家隔离" not in body and "独居" not in body


def test_the_captain_marks_a_payment_of_their_building_and_not_of_another(
    client, world, received_round
):
    round_, orders = received_round
    payment = Payment.objects.get(order=orders["h3"])
    response = page(client, world.users["captain5"], "payment_mark", payment.pk, method="post",
                    data={"status": PaymentStatus.PAID, "method": "wechat"})  # fmt: skip
    assert response.status_code == 404
    page(client, world.users["captain3"], "payment_mark", payment.pk, method="post",
         data={"status": PaymentStatus.PAID, "method": "wechat"})  # fmt: skip
    payment.refresh_from_db()
    assert (payment.status, payment.method) == (PaymentStatus.PAID, "wechat")


def test_the_property_office_sees_payments_but_does_not_mark_them(client, world, received_round):
    round_, orders = received_round
    payment = Payment.objects.get(order=orders["h3"])
    assert page(client, world.users["property"], "payments", round_.pk).status_code == 200
    response = page(client, world.users["property"], "payment_mark", payment.pk, method="post",
                    data={"status": PaymentStatus.WAIVED})  # fmt: skip
    assert response.status_code == 404


def test_only_staff_put_a_household_on_the_love_list(client, world, received_round):
    round_, orders = received_round
    round_.love_budget = Decimal(100)
    round_.save()
    response = page(client, world.users["captain3"], "love", orders["h3"].pk, method="post",
                    data={"on": "1"})  # fmt: skip
    assert response.status_code == 404
    page(client, world.users["staff"], "love", orders["h3"].pk, method="post", data={"on": "1"})
    assert Payment.objects.get(order=orders["h3"]).status == PaymentStatus.WAIVED


def test_over_the_love_budget_the_page_says_so(client, world, received_round):
    round_, orders = received_round
    response = page(client, world.users["staff"], "love", orders["h3"].pk, method="post",
                    data={"on": "1"})  # fmt: skip
    assert "爱心菜预算不够" in client.get(response["Location"]).content.decode()


def test_a_household_sees_why_it_got_what_it_got_and_a_neighbour_gets_404(
    client, world, received_round
):
    round_, orders = received_round
    body = page(client, world.users["resident"], "order_allocation",
                orders["h3"].pk).content.decode()  # fmt: skip
    assert "优先保障独居老人" in body and "您分到 2 斤（订 4 斤）" in body
    response = page(client, world.users["resident5"], "order_allocation", orders["h3"].pk)
    assert response.status_code == 404


def test_the_steps_page_shows_the_round_balanced(client, world, received_round):
    round_, _orders = received_round
    body = page(client, world.users["staff"], "fulfil", round_.pk).content.decode()
    assert 'data-balanced="yes"' in body


def test_the_pick_list_of_a_captain_has_only_their_building(client, world, received_round):
    round_, _orders = received_round
    body = page(client, world.users["captain3"], "picklist", round_.pk).content.decode()
    assert "1-201" in body and "1-101" not in body
    assert page(client, world.users["resident"], "picklist", round_.pk).status_code == 404


def test_the_households_order_page_explains_its_allocation_once_goods_arrived(
    client, world, received_round
):
    _round, orders = received_round
    body = page(client, world.users["resident"], "order", orders["h3"].pk).content.decode()
    assert "到货与分配" in body and "您分到 2 斤（订 4 斤）" in body


def test_the_round_page_leads_staff_and_captains_to_the_work_after_the_cut_off(
    client, world, received_round
):
    round_, _orders = received_round
    link = reverse("groupbuy:fulfil", args=[round_.pk])
    for who in ("staff", "captain3"):
        assert link in page(client, world.users[who], "round", round_.pk).content.decode()
    assert link not in page(client, world.users["resident"], "round", round_.pk).content.decode()


def test_a_volunteer_finds_the_hand_out_from_their_start_page_and_marks_a_bag(
    client, world, received_round
):
    round_, orders = received_round
    client.force_login(world.users["volunteer"])
    home = client.get("/").content.decode()
    assert reverse("groupbuy:fulfil", args=[round_.pk]) in home
    steps = client.get(reverse("groupbuy:fulfil", args=[round_.pk])).content.decode()
    assert reverse("groupbuy:handout", args=[round_.pk, world.building5.pk]) in steps
    handout = Handout.objects.get(order=orders["h5"])
    client.post(reverse("groupbuy:handout_done", args=[handout.pk]),
                {"status": HandoutStatus.DELIVERED})  # fmt: skip
    handout.refresh_from_db()
    assert handout.status == HandoutStatus.DELIVERED


def test_a_volunteer_sees_no_payments_and_a_doctor_no_hand_out(client, world, received_round):
    round_, _orders = received_round
    assert page(client, world.users["volunteer"], "payments", round_.pk).status_code == 404
    assert page(client, world.users["doctor"], "fulfil", round_.pk).status_code == 404
    assert reverse("groupbuy:fulfil", args=[round_.pk]) not in client.get("/").content.decode()


def test_the_supplier_finds_its_purchase_order_from_its_start_page(
    client, world, received_round, supermarket, shop_user
):
    round_, _orders = received_round
    client.force_login(shop_user)
    assert (
        reverse("groupbuy:po", args=[round_.pk, supermarket.pk]) in client.get("/").content.decode()
    )


def test_the_steps_page_warns_of_products_no_supplier_of_the_round_sells(
    client, world, received_round, products
):
    round_, orders = received_round
    OrderLine.objects.create(order=orders["h3"], product=products["口罩"], quantity=5, unit="个")
    body = page(client, world.users["staff"], "fulfil", round_.pk).content.decode()
    assert "没有供应商卖：口罩，请另行采购" in body


def recount(client, world, round_, products, quantity):
    field = f"qty_{products['大白菜'].pk}"
    return page(client, world.users["staff"], "receive", round_.pk, method="post",
                data={field: quantity})  # fmt: skip


def test_once_a_household_has_paid_the_delivery_count_cannot_change_under_it(
    client, world, received_round, products
):
    round_, orders = received_round
    paid = Payment.objects.get(order=orders["h3"])
    paid_amount = paid.amount
    fulfil.mark_payment(paid, PaymentStatus.PAID, world.users["staff"], "wechat")
    response = recount(client, world, round_, products, "7")
    body = response.content.decode()
    assert response.status_code == 200
    assert "已有 1 户付款或免单，到货数量不能再改" in body and "改回未付" in body
    assert 'value="7"' in body  # what was typed stays in the form
    assert Receipt.objects.get(round=round_).quantity == 5
    assert Payment.objects.get(order=orders["h3"]).amount == paid_amount


def test_a_waiver_by_hand_also_holds_the_counts_but_a_love_parcel_does_not(
    client, world, received_round, products
):
    round_, orders = received_round
    round_.love_budget = Decimal("100")
    round_.save()
    fulfil.set_love(orders["h5"], True)
    assert Payment.objects.get(order=orders["h5"]).status == PaymentStatus.WAIVED
    assert recount(client, world, round_, products, "6").status_code == 302
    fulfil.mark_payment(Payment.objects.get(order=orders["h3"]), PaymentStatus.WAIVED,
                        world.users["staff"])  # fmt: skip
    assert recount(client, world, round_, products, "7").status_code == 200
    assert Receipt.objects.get(round=round_).quantity == 6


def test_saving_the_same_counts_after_a_payment_is_harmless_and_allowed(
    client, world, received_round, products
):
    round_, orders = received_round
    fulfil.mark_payment(Payment.objects.get(order=orders["h3"]), PaymentStatus.PAID,
                        world.users["staff"], "cash")  # fmt: skip
    assert recount(client, world, round_, products, "5.00").status_code == 302
    assert Payment.objects.get(order=orders["h3"]).status == PaymentStatus.PAID


def test_after_setting_the_payment_back_to_unpaid_the_count_can_be_corrected(
    client, world, received_round, products
):
    round_, orders = received_round
    payment = Payment.objects.get(order=orders["h3"])
    fulfil.mark_payment(payment, PaymentStatus.PAID, world.users["staff"], "wechat")
    payments_page = page(client, world.users["staff"], "payments", round_.pk).content.decode()
    assert "改回未付" in payments_page
    page(client, world.users["staff"], "payment_mark", payment.pk, method="post",
         data={"status": "unpaid"})  # fmt: skip
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.UNPAID and payment.method == ""
    assert recount(client, world, round_, products, "7").status_code == 302
    payment.refresh_from_db()
    assert payment.amount == Decimal("6.00") and payment.status == PaymentStatus.UNPAID


def test_the_hand_out_screen_reads_who_marked_a_bag_in_the_same_query(
    client, world, received_round
):
    round_, orders = received_round
    args = (round_.pk, world.building3.pk)
    client.force_login(world.users["staff"])
    client.get(reverse("groupbuy:handout", args=args))  # warm the session and caches
    with CaptureQueriesContext(connection) as waiting:
        client.get(reverse("groupbuy:handout", args=args))
    Handout.objects.filter(order=orders["h3"]).update(
        status=HandoutStatus.PICKED_UP, done_by=world.users["captain3"]
    )
    with CaptureQueriesContext(connection) as done:
        body = client.get(reverse("groupbuy:handout", args=args)).content.decode()
    assert str(world.users["captain3"]) in body
    assert len(done) == len(waiting)
