"""The 接龙 pages: who reaches them, paste → preview, fixes in place over htmx,
and a confirm that applies once."""

import pytest
import time_machine
from django.urls import reverse

from linli.groupbuy.models import JielongImport, Order
from tests.groupbuy.fixtures_jielong import V1, post
from tests.groupbuy.fixtures_rounds import CLOSES

pytestmark = pytest.mark.usefixtures("during_round")
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def as_user(client, world):
    def sign_in(who):
        client.force_login(world.users[who])
        return client

    return sign_in


def paste(client, round_, text):
    return client.post(reverse("groupbuy:jielong_paste", args=[round_.pk]), {"text": text})


def staged_by(client, round_, text) -> JielongImport:
    response = paste(client, round_, text)
    assert response.status_code == 302, response.content.decode()[:500]
    return JielongImport.objects.latest("id")


# --- who -----------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["resident", "supplier", "volunteer", "other_staff", "nobody"])
def test_users_who_do_not_order_for_others_get_404_on_the_paste_page(as_user, grocery_round, who):
    client = as_user(who)
    assert client.get(reverse("groupbuy:jielong_paste", args=[grocery_round.pk])).status_code == 404
    assert paste(client, grocery_round, post(*V1)).status_code == 404
    assert JielongImport.objects.count() == 0


@pytest.mark.parametrize("who", ["captain3", "area_leader", "staff"])
def test_captains_area_leaders_and_staff_reach_the_paste_page(as_user, grocery_round, who):
    client = as_user(who)
    page = client.get(reverse("groupbuy:jielong_rounds"))
    assert grocery_round.title in page.content.decode()
    assert client.get(reverse("groupbuy:jielong_paste", args=[grocery_round.pk])).status_code == 200


def test_the_resident_gets_404_on_the_list_of_rounds(as_user, grocery_round):
    assert as_user("resident").get(reverse("groupbuy:jielong_rounds")).status_code == 404


def test_captain_5_gets_404_on_every_page_of_captain_3s_paste(as_user, homes, grocery_round):
    staged = staged_by(as_user("captain3"), grocery_round, post(*V1))
    client = as_user("captain5")
    pk = staged.pk
    assert client.get(reverse("groupbuy:jielong_preview", args=[pk])).status_code == 404
    posts = [
        (reverse("groupbuy:jielong_household", args=[pk, 0]), {"household": 1}),
        (reverse("groupbuy:jielong_item", args=[pk, 0, 0]), {"product": 1, "quantity": "1"}),
        (reverse("groupbuy:jielong_skip", args=[pk, 0]), {"skip": "1"}),
        (reverse("groupbuy:jielong_confirm", args=[pk]), {}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 404, url
    assert Order.objects.count() == 0
    assert JielongImport.objects.get(pk=pk).entries == staged.entries


# --- paste and preview ---------------------------------------------------------------------


def test_a_paste_shows_each_entry_matched_and_the_problems_highlighted(
    as_user, homes, world, grocery_round
):
    client = as_user("captain3")
    text = post(V1[0], "2. 3-1-202 赵 土逗2斤 茼蒿1斤", "3. 5-1-101 王秀英 土豆1斤")
    staged = staged_by(client, grocery_round, text)
    page = client.get(reverse("groupbuy:jielong_preview", args=[staged.pk])).content.decode()
    assert "3栋1单元201" in page and "黄彬" in page
    assert "“土逗”是不是“土豆”？" in page
    assert "商品目录里没有“茼蒿”" in page
    assert "找不到“5-1-101”" in page
    assert "可导入 1 户" in page and "待处理 2 条" in page
    assert "王秀英" in page  # the name as written; building 5's data is not offered
    assert ">5栋1单元101</option>" not in page
    assert ">3栋2单元201</option>" in page


def test_an_empty_paste_says_what_to_do_and_a_paste_without_entries_keeps_the_text(
    as_user, grocery_round
):
    client = as_user("captain3")
    assert "请把群里的接龙整段粘贴进来" in paste(client, grocery_round, "").content.decode()
    page = paste(client, grocery_round, "明天几点送菜？").content.decode()
    assert "没有找到接龙条目" in page and "明天几点送菜？" in page
    assert JielongImport.objects.count() == 0


def test_a_household_already_ordering_itself_is_flagged_as_replaced(
    as_user, homes, grocery_round, products
):
    from linli.groupbuy.choices import Channel
    from linli.groupbuy.ordering import place_order

    place_order(grocery_round, homes["1-201"], [(products["大米"], 1, "袋")], channel=Channel.SELF)
    client = as_user("captain3")
    staged = staged_by(client, grocery_round, post(*V1[:2]))
    page = client.get(reverse("groupbuy:jielong_preview", args=[staged.pk])).content.decode()
    assert page.count("将替换已有订单") == 1


# --- fixing in place ---------------------------------------------------------------------


def test_fixing_an_unknown_product_over_htmx_redraws_the_entry_and_the_counts(
    as_user, homes, grocery_round, products
):
    client = as_user("captain3")
    staged = staged_by(client, grocery_round, post("1. 3-1-202 赵 茼蒿1斤"))
    url = reverse("groupbuy:jielong_item", args=[staged.pk, 0, 0])
    response = client.post(url, {"product": products["大白菜"].pk, "quantity": "1.5"}, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="entry-0"' in html and "大白菜" in html and "可导入" in html
    assert 'hx-swap-oob="true"' in html and "可导入 1 户" in html
    item = JielongImport.objects.get(pk=staged.pk).entries[0]["items"][0]
    assert (item["product"], item["quantity"]) == (products["大白菜"].pk, "1.5")


def test_a_bad_quantity_is_answered_in_chinese_and_changes_nothing(
    as_user, homes, grocery_round, products
):
    client = as_user("captain3")
    staged = staged_by(client, grocery_round, post("1. 3-1-202 赵 茼蒿1斤"))
    url = reverse("groupbuy:jielong_item", args=[staged.pk, 0, 0])
    html = client.post(url, {"product": products["土豆"].pk, "quantity": "0"}, **HTMX)
    assert "数量请填大于0的数" in html.content.decode()
    assert JielongImport.objects.get(pk=staged.pk).entries == staged.entries


def test_captain_3_choosing_a_household_of_building_5_is_refused(
    as_user, homes, world, grocery_round
):
    client = as_user("captain3")
    staged = staged_by(client, grocery_round, post("1. 201室 黄 土豆1斤"))
    url = reverse("groupbuy:jielong_household", args=[staged.pk, 0])
    html = client.post(url, {"household": world.household5.pk}, **HTMX).content.decode()
    assert "请选择您负责的一户" in html
    assert JielongImport.objects.get(pk=staged.pk).entries[0]["household"] is None
    client.post(url, {"household": homes["2-201"].pk}, **HTMX)
    assert JielongImport.objects.get(pk=staged.pk).entries[0]["household"] == homes["2-201"].pk


def test_without_htmx_a_fix_returns_to_the_entry_on_the_preview(
    as_user, homes, grocery_round, products
):
    client = as_user("captain3")
    staged = staged_by(client, grocery_round, post("1. 3-1-202 赵 茼蒿1斤"))
    url = reverse("groupbuy:jielong_item", args=[staged.pk, 0, 0])
    response = client.post(url, {"product": products["土豆"].pk, "quantity": "1"})
    assert response.status_code == 302 and response.url.endswith("#entry-0")


def test_an_entry_left_out_is_not_imported(as_user, homes, grocery_round):
    client = as_user("captain3")
    staged = staged_by(client, grocery_round, post(*V1[:2]))
    client.post(reverse("groupbuy:jielong_skip", args=[staged.pk, 1]), {"skip": "1"}, **HTMX)
    client.post(reverse("groupbuy:jielong_confirm", args=[staged.pk]))
    assert list(Order.objects.values_list("household", flat=True)) == [homes["1-201"].pk]


# --- confirming ---------------------------------------------------------------------------


def test_a_double_tapped_confirm_imports_once(as_user, homes, grocery_round):
    client = as_user("captain3")
    staged = staged_by(client, grocery_round, post(*V1))
    url = reverse("groupbuy:jielong_confirm", args=[staged.pk])
    first, second = client.post(url, follow=True), client.post(url, follow=True)
    assert "接龙已导入" in first.content.decode()
    assert "已经导入过，没有再次写入" in second.content.decode()
    assert Order.objects.filter(round=grocery_round).count() == 5


def test_a_confirmed_paste_can_no_longer_be_changed(as_user, homes, grocery_round, products):
    client = as_user("captain3")
    staged = staged_by(client, grocery_round, post(*V1))
    client.post(reverse("groupbuy:jielong_confirm", args=[staged.pk]))
    url = reverse("groupbuy:jielong_item", args=[staged.pk, 0, 0])
    response = client.post(url, {"product": products["大米"].pk, "quantity": "9"}, **HTMX)
    assert response.status_code == 400
    assert "土豆" in [line.product.name for line in Order.objects.get(
        household=homes["1-201"]).lines.all()]  # fmt: skip


def test_confirming_after_the_cut_off_says_so_and_writes_nothing(as_user, homes, grocery_round):
    client = as_user("captain3")
    staged = staged_by(client, grocery_round, post(*V1))
    with time_machine.travel(CLOSES, tick=False):
        page = client.post(reverse("groupbuy:jielong_confirm", args=[staged.pk]), follow=True)
    html = page.content.decode()
    assert "没有导入任何订单" in html and "已截单" in html
    assert Order.objects.count() == 0
    assert "确认导入" in html  # still waiting, so it can go in if staff reopen the round


def test_the_captains_home_links_to_pasting_a_post_and_the_residents_does_not(as_user):
    link = reverse("groupbuy:jielong_rounds")
    assert link in as_user("captain3").get("/").content.decode()
    assert link not in as_user("resident").get("/").content.decode()


def test_a_ready_entry_opens_its_forms_only_when_asked(as_user, homes, grocery_round):
    client = as_user("captain3")
    staged = staged_by(client, grocery_round, post(V1[0]))
    preview = reverse("groupbuy:jielong_preview", args=[staged.pk])
    assert 'name="product"' not in client.get(preview).content.decode()
    opened = client.get(preview + "?edit=0").content.decode()
    assert 'id="p-0-0"' in opened and 'id="p-0-1"' in opened and 'id="h-0"' in opened
    url = reverse("groupbuy:jielong_item", args=[staged.pk, 0, 1])
    assert 'id="p-0-1"' in client.get(url, **HTMX).content.decode()
    assert client.get(url).url.endswith("?edit=0#entry-0")
    url = reverse("groupbuy:jielong_household", args=[staged.pk, 0])
    assert 'id="h-0"' in client.get(url, **HTMX).content.decode()
    assert 'id="h-0"' not in client.get(url + "?close=1", **HTMX).content.decode()


def test_captain_5_cannot_open_a_form_of_captain_3s_paste(as_user, homes, grocery_round):
    staged = staged_by(as_user("captain3"), grocery_round, post(V1[0]))
    client = as_user("captain5")
    for url in (reverse("groupbuy:jielong_item", args=[staged.pk, 0, 0]),
                reverse("groupbuy:jielong_household", args=[staged.pk, 0])):  # fmt: skip
        assert client.get(url, **HTMX).status_code == 404


def test_the_paste_page_lists_the_captains_own_earlier_pastes_only(as_user, homes, grocery_round):
    staged = staged_by(as_user("captain3"), grocery_round, post(*V1))
    url = reverse("groupbuy:jielong_paste", args=[grocery_round.pk])
    preview = reverse("groupbuy:jielong_preview", args=[staged.pk])
    assert preview in as_user("captain3").get(url).content.decode()
    assert preview not in as_user("captain5").get(url).content.decode()
