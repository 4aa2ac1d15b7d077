"""The resident's own request for help: big buttons, plain words, one need per tap."""

import pytest
from django.urls import reverse

from linli.cases.choices import Category, Channel, Priority
from linli.cases.models import CaseEvent, Need
from tests.cases.need_helpers import page, token_of

NEW = reverse("cases:need_new")


@pytest.fixture
def resident(world, client):
    client.force_login(world.users["resident"])
    return world.users["resident"]


def _form(client, category="medicine"):
    return client.get(NEW, {"category": category})


def _post(client, token, **fields):
    data = {"token": token, "category": "medicine", "text": "", "contact_phone": "13900000003"}
    return client.post(NEW, data | fields)


def test_the_first_screen_shows_the_seven_categories_as_big_buttons(resident, client):
    html = page(client.get(NEW))
    for label in ("买药", "就医咨询", "心理疏导", "照顾老人", "照顾孩子", "生活物资", "其他"):
        assert f">{label}</a>" in html
    assert html.count('class="button" href="?category=') == len(Category.values) == 7


def test_the_form_prefills_the_phone_and_leaves_consent_unticked(resident, client):
    html = page(_form(client))
    assert 'value="13900000003"' in html
    assert "同意社工、心理咨询师和医生查看我的求助" in html
    assert 'name="consent"' in html and "checked" not in html


def test_a_resident_submits_a_need_for_their_household(resident, world, client):
    response = _post(client, token_of(_form(client)), text="降压药还剩两天的量了")
    need = Need.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("cases:need_done", args=[need.pk])
    assert need.household == world.household3 and need.resident == world.huangbin
    assert need.channel == Channel.RESIDENT and need.entered_by == resident
    assert need.category == Category.MEDICINE and need.contact_phone == "13900000003"
    assert need.consent is False and need.contact_name == "黄彬"
    assert CaseEvent.objects.filter(need=need, kind="opened").count() == 1


def test_consent_is_kept_when_the_resident_ticks_it(resident, client):
    _post(client, token_of(_form(client)), consent="on", text="想找人聊聊")
    assert Need.objects.get().consent is True


def test_a_crisis_lands_as_p1_and_the_confirmation_shows_the_emergency_numbers(resident, client):
    form = _form(client, "psych")
    response = _post(client, token_of(form), category="psych", text="活着没意思，不想活了")
    need = Need.objects.get()
    assert need.priority == Priority.P1 and need.crisis and need.reasons
    html = page(client.get(response.url))
    assert 'href="tel:120"' in html and "027-85844666" in html
    assert 'role="alert"' in html and "我们收到了您的求助" in html


def test_an_ordinary_need_says_by_when_someone_calls_without_the_alarm(resident, client):
    response = _post(client, token_of(_form(client, "supplies")), category="supplies",
                     text="家里米快吃完了")  # fmt: skip
    html = page(client.get(response.url))
    assert "之前会有人联系您" in html and "13900000003" in html
    assert 'role="alert"' not in html
    assert "120" in html  # the calm reminder stays


def test_form_errors_keep_what_was_typed(resident, client):
    token = token_of(_form(client))
    response = _post(client, token, text="老伴的胰岛素快用完了", contact_phone="12")
    html = page(response)
    assert response.status_code == 400
    assert "老伴的胰岛素快用完了" in html and 'value="12"' in html and token in html
    assert not Need.objects.exists()


def test_an_empty_phone_is_refused_in_plain_words(resident, client):
    response = _post(client, token_of(_form(client)), contact_phone="")
    assert response.status_code == 400 and "请留一个电话" in page(response)


def test_a_double_tapped_submit_creates_one_need(resident, client):
    token = token_of(_form(client))
    first = _post(client, token, text="需要买药")
    second = _post(client, token, text="需要买药")
    assert Need.objects.count() == 1
    assert first.url == second.url


def test_two_forms_opened_one_after_the_other_make_two_needs(resident, client):
    _post(client, token_of(_form(client)), text="买药")
    _post(client, token_of(_form(client)), text="还要买菜")
    assert Need.objects.count() == 2


def test_a_forged_token_is_refused_and_nothing_is_written(resident, client):
    response = _post(client, "not-a-token", text="买药")
    assert response.status_code == 400 and "页面已过期" in page(response)
    assert not Need.objects.exists()


def test_another_accounts_token_does_not_show_their_need(resident, world, client):
    token = token_of(_form(client))
    _post(client, token, text="买药")
    client.force_login(world.users["resident5"])
    response = client.post(NEW, {"token": token, "category": "medicine",
                                 "contact_phone": "13900000005"})  # fmt: skip
    assert response.status_code == 404
    assert Need.objects.count() == 1


def test_someone_without_a_home_is_told_to_call_their_captain(world, client):
    client.force_login(world.users["volunteer"])
    html = page(client.get(NEW))
    assert "还没有登记您的住址" in html and not Need.objects.exists()


def test_staff_opening_the_resident_form_are_sent_to_phone_intake(world, client):
    client.force_login(world.users["staff"])
    assert client.get(NEW).url == reverse("cases:need_phone")


def test_the_resident_home_has_a_big_help_button(resident, client):
    html = page(client.get(reverse("front:home")))
    assert reverse("cases:need_new") in html and "我需要帮助" in html


def test_the_resident_sees_their_own_need_in_plain_words(resident, client):
    response = _post(client, token_of(_form(client)), text="买药")
    need = Need.objects.get()
    html = page(client.get(reverse("cases:need", args=[need.pk])))
    assert "社区已收到，正在安排" in html and response.status_code == 302
