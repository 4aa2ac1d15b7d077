"""Round and supplier pages: staff and the property office run them, staff alone
reopen, and everyone else gets 404 for the management pages."""

import pytest
from django.urls import reverse

from linli.groupbuy.choices import RoundState
from linli.groupbuy.models import Round, Supplier


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
