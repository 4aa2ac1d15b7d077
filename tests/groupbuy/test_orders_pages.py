"""The order pages: a resident orders on the phone, a captain orders on behalf
(代办), double taps make one order, the cut-off holds, and scope decides who may."""

import pytest
import time_machine
from django.urls import reverse

from linli.groupbuy.choices import Channel
from linli.groupbuy.models import Order
from tests.groupbuy.fixtures_rounds import CLOSES


@pytest.fixture
def signed_in(client, world):
    def sign_in(who):
        client.force_login(world.users[who])
        return client

    return sign_in


def form_url(round, household):
    return reverse("groupbuy:order_form", args=[round.pk, household.pk])


def cart(products, **quantities):
    return {f"q{products[name].pk}": value for name, value in quantities.items()}


def confirm(client, round, household, data):
    return client.post(form_url(round, household), {**data, "confirm": "1"})


def test_a_resident_sees_the_catalog_by_category_with_steppers(
    signed_in, world, grocery_round, during_round
):
    page = signed_in("resident").get(form_url(grocery_round, world.household3))
    html = page.content.decode()
    assert page.status_code == 200
    assert "蔬菜" in html and "大白菜" in html and "¥1.50/斤" in html
    assert "口罩" not in html  # not sold in this round
    assert html.count('name="step"') == 2 * 4


def test_a_stepper_press_adds_one_and_keeps_the_rest_as_typed(
    signed_in, world, grocery_round, products, during_round
):
    client = signed_in("resident")
    data = {**cart(products, 大白菜="2", 土豆="abc"), "step": f"{products['大白菜'].pk}:+"}
    page = client.post(form_url(grocery_round, world.household3), data, HTTP_HX_REQUEST="true")
    html = page.content.decode()
    assert 'value="3"' in html and 'value="abc"' in html
    assert "<html" not in html  # htmx gets the form alone
    assert not Order.objects.exists()


def test_review_then_confirm_places_the_residents_own_order(
    signed_in, world, grocery_round, products, during_round
):
    client = signed_in("resident")
    review = client.post(form_url(grocery_round, world.household3),
                         {**cart(products, 大白菜="2", 鸡蛋="1.5"), "review": "1"})  # fmt: skip
    assert "请核对订单" in review.content.decode()
    assert not Order.objects.exists()
    done = confirm(client, grocery_round, world.household3, cart(products, 大白菜="2", 鸡蛋="1.5"))
    order = Order.objects.get()
    assert done.status_code == 302 and done.url == reverse("groupbuy:order", args=[order.pk])
    assert (order.channel, order.entered_by) == (Channel.SELF, world.users["resident"])
    shown = client.get(done.url).content.decode()
    assert "大白菜" in shown and "1.5 斤" in shown


def test_a_double_tapped_confirm_makes_one_order(
    signed_in, world, grocery_round, products, during_round
):
    client = signed_in("resident")
    for _tap in range(2):
        confirm(client, grocery_round, world.household3, cart(products, 大白菜="2"))
    assert Order.objects.count() == 1
    assert Order.objects.get().lines.count() == 1


def test_a_bad_quantity_is_shown_beside_the_product_and_nothing_is_lost(
    signed_in, world, grocery_round, products, during_round
):
    page = confirm(signed_in("resident"), grocery_round, world.household3,
                   cart(products, 大白菜="2", 土豆="-1"))  # fmt: skip
    html = page.content.decode()
    assert "请填一个大于0的数" in html and 'value="-1"' in html and 'value="2"' in html
    assert not Order.objects.exists()


def test_a_confirm_after_the_cut_off_is_refused_with_the_time(
    signed_in, world, grocery_round, products
):
    client = signed_in("resident")
    client.get("/")  # sign in before travelling: the session must not expire
    with time_machine.travel(CLOSES, tick=False):
        page = confirm(client, grocery_round, world.household3, cart(products, 大白菜="2"))
    assert "这个批次现在不接单" in page.content.decode()
    assert not Order.objects.exists()


def test_a_captain_orders_on_behalf_of_a_household_and_the_order_says_so(
    signed_in, world, grocery_round, products, during_round
):
    client = signed_in("captain3")
    picked = client.get(reverse("groupbuy:order_pick", args=[grocery_round.pk]), {"q": "201"})
    assert form_url(grocery_round, world.household3) in picked.content.decode()
    done = confirm(client, grocery_round, world.household3, cart(products, 土豆="3"))
    order = Order.objects.get()
    assert (order.channel, order.entered_by) == (Channel.PROXY, world.users["captain3"])
    assert "captain3" in signed_in("resident").get(done.url).content.decode()


def test_the_household_search_finds_nothing_outside_the_captains_buildings(
    signed_in, world, grocery_round, during_round
):
    picked = signed_in("captain3").get(
        reverse("groupbuy:order_pick", args=[grocery_round.pk]), {"q": "101"}
    )
    assert form_url(grocery_round, world.household5) not in picked.content.decode()


@pytest.mark.parametrize(
    ("who", "household", "status"),
    [("captain3", "household3", 200), ("captain3", "household5", 404),
     ("resident", "household3", 200), ("resident", "household5", 404),
     ("staff", "household5", 200), ("supplier", "household3", 404),
     ("volunteer", "household3", 404), ("other_staff", "household3", 404)],
)  # fmt: skip
def test_who_may_open_the_order_page_of_which_household(
    signed_in, world, grocery_round, products, during_round, who, household, status
):
    client = signed_in(who)
    target = getattr(world, household)
    assert client.get(form_url(grocery_round, target)).status_code == status
    confirm(client, grocery_round, target, cart(products, 大白菜="1"))
    assert Order.objects.filter(household=target).exists() is (status == 200)


def test_a_captain_sees_who_has_not_ordered_in_their_building_with_a_call_button(
    signed_in, world, grocery_round, during_round
):
    url = reverse("groupbuy:round_building", args=[grocery_round.pk, world.building3.pk])
    html = signed_in("captain3").get(url).content.decode()
    assert "黄彬" in html and "显示完整电话" in html
    assert "13900000003" not in html  # the full number only after a logged reveal


def test_a_captain_of_building_3_gets_404_on_the_order_list_of_building_5(
    signed_in, world, grocery_round, during_round
):
    url = reverse("groupbuy:round_building", args=[grocery_round.pk, world.building5.pk])
    assert signed_in("captain3").get(url).status_code == 404


def test_a_resident_cannot_read_another_households_order(
    signed_in, world, grocery_round, products, during_round
):
    client = signed_in("resident5")
    confirm(client, grocery_round, world.household5, cart(products, 大白菜="1"))
    order = Order.objects.get()
    assert signed_in("resident").get(reverse("groupbuy:order", args=[order.pk])).status_code == 404


def test_a_stepper_value_that_names_no_product_changes_nothing(
    signed_in, world, grocery_round, products, during_round
):
    data = {**cart(products, 大白菜="2"), "step": "abc:+"}
    page = signed_in("resident").post(form_url(grocery_round, world.household3), data)
    assert page.status_code == 200 and 'value="2"' in page.content.decode()


def test_a_refusal_after_the_cut_off_reaches_an_htmx_form_in_place(
    signed_in, world, grocery_round, products
):
    client = signed_in("resident")
    with time_machine.travel(CLOSES, tick=False):
        page = client.post(
            form_url(grocery_round, world.household3),
            {**cart(products, 大白菜="2"), "confirm": "1"}, HTTP_HX_REQUEST="true",
        )  # fmt: skip
    html = page.content.decode()
    assert page.status_code == 200 and "<html" not in html
    assert "这个批次现在不接单" in html
