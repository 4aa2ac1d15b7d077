"""Round and supplier pages: staff and the property office run them, staff alone
reopen, and everyone else gets 404 for the management pages."""

import pytest
from django.urls import reverse

from linli.groupbuy.choices import RoundState
from linli.groupbuy.models import Round, Supplier
from tests.groupbuy.fixtures_rounds import CLOSES, OPENS


@pytest.fixture
def signed_in(client, world):
    def sign_in(who):
        client.force_login(world.users[who])
        return client

    return sign_in


ROUND = {
    "title": "2月22日蔬菜团购", "kind": "grocery", "scope": "community",
    "opens_at": "2020-02-21T08:00", "closes_at": "2020-02-22T18:00", "love_budget": "500",
}  # fmt: skip


def test_staff_create_a_round_with_its_supplier_and_cut_off(signed_in, supermarket):
    client = signed_in("staff")
    done = client.post(reverse("groupbuy:round_new"), {**ROUND, "suppliers": [supermarket.pk]})
    round = Round.objects.get()
    assert done.url == reverse("groupbuy:round", args=[round.pk])
    assert round.closes_at.isoformat() == "2020-02-22T10:00:00+00:00"  # 18:00 in Wuhan
    assert list(round.suppliers.all()) == [supermarket]


def test_a_cut_off_before_the_opening_is_refused_and_the_form_keeps_the_title(
    signed_in, supermarket
):
    data = {**ROUND, "closes_at": "2020-02-20T18:00", "suppliers": [supermarket.pk]}
    page = signed_in("staff").post(reverse("groupbuy:round_new"), data)
    html = page.content.decode()
    assert "截单时间要晚于开始接单时间" in html and "2月22日蔬菜团购" in html
    assert not Round.objects.exists()


def test_a_round_for_some_buildings_needs_at_least_one(signed_in, supermarket):
    data = {**ROUND, "scope": "buildings", "suppliers": [supermarket.pk]}
    page = signed_in("property").post(reverse("groupbuy:round_new"), data)
    assert "请至少选一栋" in page.content.decode()


@pytest.mark.parametrize(
    ("who", "status"),
    [("staff", 200), ("property", 200), ("captain3", 404), ("resident", 404),
     ("supplier", 404), ("volunteer", 404)],
)  # fmt: skip
def test_who_may_open_the_new_round_and_supplier_pages(signed_in, world, who, status):
    client = signed_in(who)
    assert client.get(reverse("groupbuy:round_new")).status_code == status
    assert client.get(reverse("groupbuy:suppliers")).status_code == status


def test_staff_close_the_round_from_its_page(signed_in, grocery_round, during_round):
    client = signed_in("staff")
    page = client.get(reverse("groupbuy:round", args=[grocery_round.pk])).content.decode()
    assert "截单" in page and "接单中" in page
    client.post(reverse("groupbuy:round_advance", args=[grocery_round.pk]), {"to": "closed"})
    grocery_round.refresh_from_db()
    assert grocery_round.state == RoundState.CLOSED


def test_a_captain_cannot_close_a_round(signed_in, grocery_round, during_round):
    url = reverse("groupbuy:round_advance", args=[grocery_round.pk])
    assert signed_in("captain3").post(url, {"to": "closed"}).status_code == 404
    grocery_round.refresh_from_db()
    assert grocery_round.state == RoundState.OPEN


@pytest.mark.parametrize(("who", "reopened"), [("staff", True), ("property", False)])
def test_only_staff_reopen_a_closed_round(signed_in, grocery_round, during_round, who, reopened):
    grocery_round.state = RoundState.CLOSED
    grocery_round.save()
    url = reverse("groupbuy:round_reopen", args=[grocery_round.pk])
    signed_in(who).post(url, {"closes_at": "2020-02-21T12:00"})
    grocery_round.refresh_from_db()
    assert (grocery_round.state == RoundState.OPEN) is reopened


def test_staff_of_another_community_get_404_on_the_round(signed_in, grocery_round):
    assert (
        signed_in("other_staff").get(reverse("groupbuy:round", args=[grocery_round.pk])).status_code
        == 404
    )


def test_staff_add_a_supplier_with_prices_picked_from_the_catalog(signed_in, world, products):
    data = {"name": "益丰大药房", "kind": "pharmacy", f"p{products['口罩'].pk}": "2.5",
            f"p{products['大米'].pk}": ""}  # fmt: skip
    done = signed_in("staff").post(reverse("groupbuy:supplier_new"), data)
    assert done.status_code == 302
    supplier = Supplier.objects.get(name="益丰大药房")
    assert [(o.product.name, str(o.price)) for o in supplier.offers.all()] == [("口罩", "2.50")]


def test_a_bad_price_keeps_everything_typed(signed_in, world, products):
    data = {"name": "益丰大药房", "kind": "pharmacy", f"p{products['口罩'].pk}": "两块"}
    page = signed_in("staff").post(reverse("groupbuy:supplier_new"), data)
    html = page.content.decode()
    assert "益丰大药房" in html and "两块" in html
    assert not Supplier.objects.exists()


def test_the_round_list_shows_every_role_the_rounds_of_their_community(
    signed_in, grocery_round, during_round
):
    html = signed_in("resident").get(reverse("groupbuy:rounds")).content.decode()
    assert "2月20日蔬菜团购" in html and "2月20日 18:00" in html
    assert "新建团购批次" not in html


def round_page(client, round):
    return client.get(reverse("groupbuy:round", args=[round.pk])).content.decode()


def set_state(round, state):
    round.state = state
    round.save()


def test_an_ordered_round_page_links_to_recording_the_delivery_not_a_bare_state_button(
    signed_in, grocery_round
):
    set_state(grocery_round, RoundState.ORDERED)
    html = round_page(signed_in("staff"), grocery_round)
    assert reverse("groupbuy:receive", args=[grocery_round.pk]) in html
    assert "货到了：登记到货" in html
    assert reverse("groupbuy:round_advance", args=[grocery_round.pk]) not in html


@pytest.mark.parametrize(
    ("state", "automatic"),
    [(RoundState.RECEIVED, "最后一户分发完后，批次自动改为“已分发”"),
     (RoundState.HANDED_OUT, "最后一户付款或免单后，批次自动改为“已结清”")],
)  # fmt: skip
def test_handed_out_and_settled_have_no_buttons_and_say_they_follow_the_work(
    signed_in, grocery_round, state, automatic
):
    set_state(grocery_round, state)
    html = round_page(signed_in("staff"), grocery_round)
    assert automatic in html
    assert (
        "已分发完" not in html
        and reverse("groupbuy:round_advance", args=[grocery_round.pk]) not in html
    )


def test_a_closed_round_page_sends_staff_to_the_purchase_orders_step_to_mark_it_ordered(
    signed_in, grocery_round
):
    set_state(grocery_round, RoundState.CLOSED)
    html = round_page(signed_in("staff"), grocery_round)
    assert "已向供应商下单" not in html
    assert reverse("groupbuy:fulfil", args=[grocery_round.pk]) in html
    assert "采购单已发给供应商" in html


@pytest.mark.parametrize(
    ("state", "to"),
    [(RoundState.CLOSED, "ordered"), (RoundState.ORDERED, "received"),
     (RoundState.RECEIVED, "handed_out"), (RoundState.HANDED_OUT, "settled")],
)  # fmt: skip
def test_the_round_page_moves_a_round_only_to_closed(signed_in, grocery_round, state, to):
    set_state(grocery_round, state)
    client = signed_in("staff")
    client.post(reverse("groupbuy:round_advance", args=[grocery_round.pk]), {"to": to})
    grocery_round.refresh_from_db()
    assert grocery_round.state == state
    assert "这一步请在“截单后”页面上做" in round_page(client, grocery_round)


def test_a_round_past_its_cut_off_that_nobody_closed_can_be_marked_ordered(
    signed_in, grocery_round
):
    # Now (the test's real clock) is long after the fixture's cut-off; state still reads open.
    assert grocery_round.state == RoundState.OPEN
    signed_in("property").post(reverse("groupbuy:mark_ordered", args=[grocery_round.pk]))
    grocery_round.refresh_from_db()
    assert grocery_round.state == RoundState.ORDERED


def test_a_round_still_taking_orders_cannot_be_marked_ordered(
    signed_in, grocery_round, during_round
):
    signed_in("property").post(reverse("groupbuy:mark_ordered", args=[grocery_round.pk]))
    grocery_round.refresh_from_db()
    assert grocery_round.state == RoundState.OPEN


@pytest.fixture
def building5_round(world, supermarket):
    """A round for 5栋 alone: 黄彬 lives in 3栋."""
    round = Round.objects.create(community=world.community, title="5栋专场", scope="buildings",
                                 opens_at=OPENS, closes_at=CLOSES)  # fmt: skip
    round.buildings.add(world.building5)
    return round


@pytest.mark.parametrize(
    ("who", "sees"),
    [("resident", False), ("resident5", True), ("staff", True), ("captain3", True),
     ("property", True)],
)  # fmt: skip
def test_residents_see_only_the_rounds_that_cover_their_household(
    signed_in, building5_round, grocery_round, who, sees
):
    client = signed_in(who)
    html = client.get(reverse("groupbuy:rounds")).content.decode()
    assert "2月20日蔬菜团购" in html  # community-wide: everyone's
    assert ("5栋专场" in html) is sees
    detail = client.get(reverse("groupbuy:round", args=[building5_round.pk]))
    assert detail.status_code == (200 if sees else 404)
