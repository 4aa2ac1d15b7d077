"""Password login for staff, logout, and the per-user language switch."""

from django.urls import reverse

from tests.conftest import PASSWORD

LOGIN = "/accounts/login/"


def log_in(client, username, password=PASSWORD, **data):
    return client.post(
        reverse("accounts:login"), {"username": username, "password": password} | data
    )


def test_staff_log_in_with_username_and_password(client, world):
    response = log_in(client, "futingting")
    assert response.status_code == 302
    assert response["Location"] == reverse("front:home")
    assert client.session["_auth_user_id"] == str(world.users["staff"].pk)


def test_a_wrong_password_shows_an_error_and_keeps_the_username(client, world):
    response = log_in(client, "futingting", "not-the-password")
    page = response.content.decode()
    assert response.status_code == 200
    assert "用户名或密码不对，请重新输入（注意区分大小写）。" in page
    assert 'value="futingting"' in page
    assert "not-the-password" not in page
    assert "_auth_user_id" not in client.session


def test_an_empty_form_names_what_is_missing(client, db):
    page = client.post(reverse("accounts:login"), {}).content.decode()
    assert "请填写用户名。" in page and "请填写密码。" in page


def test_login_goes_on_to_a_page_of_this_site_that_was_asked_for(client, world):
    assert log_in(client, "futingting", next="/community/")["Location"] == "/community/"


def test_login_ignores_a_next_address_on_another_site(client, world):
    response = log_in(client, "futingting", next="https://evil.example/")
    assert response["Location"] == reverse("front:home")


def test_the_login_page_is_in_chinese_and_links_to_phone_login(client, db):
    response = client.get(reverse("accounts:login") + "?next=/community/")
    page = response.content.decode()
    assert response["Content-Language"] == "zh-hans"
    assert '<html lang="zh-hans">' in page
    assert reverse("accounts:phone_login") + "?next=/community/" in page
    assert 'autocomplete="current-password"' in page


def test_logout_is_a_post_and_ends_the_session(client, world):
    client.force_login(world.users["staff"])
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert "_auth_user_id" in client.session

    response = client.post(reverse("accounts:logout"))

    assert response["Location"] == reverse("accounts:login")
    assert "_auth_user_id" not in client.session


def switch(client, language, next="/accounts/phone/"):
    return client.post(reverse("accounts:language"), {"language": language, "next": next})


def test_a_signed_in_user_switches_to_english_and_it_is_kept_for_their_next_visit(client, world):
    staff = world.users["staff"]
    client.force_login(staff)

    response = switch(client, "en")

    assert response["Location"] == "/accounts/phone/"
    staff.refresh_from_db()
    assert staff.language == "en"
    page = client.get("/accounts/phone/")
    assert page["Content-Language"] == "en"
    assert '<html lang="en">' in page.content.decode()
    # Another phone, a new session: still English for this user.
    elsewhere = type(client)()
    log_in(elsewhere, "futingting")
    assert elsewhere.get("/accounts/phone/")["Content-Language"] == "en"


def test_one_users_language_does_not_change_anothers(client, world):
    client.force_login(world.users["staff"])
    switch(client, "en")
    other = type(client)()
    other.force_login(world.users["captain3"])
    assert other.get("/accounts/phone/")["Content-Language"] == "zh-hans"


def test_an_anonymous_visitor_switches_language_for_their_session(client, db):
    switch(client, "en")
    assert client.session["linli_language"] == "en"
    assert client.get(LOGIN)["Content-Language"] == "en"
    assert type(client)().get(LOGIN)["Content-Language"] == "zh-hans"


def test_switching_back_to_chinese_works(client, world):
    client.force_login(world.users["staff"])
    switch(client, "en")
    switch(client, "zh-hans")
    assert client.get(LOGIN + "?x=1")["Content-Language"] == "zh-hans"


def test_an_unknown_language_changes_nothing(client, world):
    client.force_login(world.users["staff"])
    switch(client, "fr")
    world.users["staff"].refresh_from_db()
    assert world.users["staff"].language == "zh-hans"


def test_the_language_switch_only_goes_back_into_this_site(client, db):
    assert switch(client, "en", next="https://evil.example/")["Location"] == "/"
    referer = {"HTTP_REFERER": "http://testserver/accounts/phone/"}
    response = client.post(reverse("accounts:language"), {"language": "en"}, **referer)
    assert response["Location"] == "http://testserver/accounts/phone/"


def test_the_language_switch_is_post_only(client, db):
    assert client.get(reverse("accounts:language")).status_code == 405


def test_the_language_switch_snippet_offers_both_languages_and_marks_the_current_one(client, db):
    page = client.get(LOGIN).content.decode()
    assert f'action="{reverse("accounts:language")}"' in page
    assert 'value="zh-hans" lang="zh-hans" aria-current="true">中文</button>' in page
    assert 'value="en" lang="en">English</button>' in page
    assert '<input type="hidden" name="next" value="/accounts/login/">' in page


# A language picked on the sign-in page, before anyone is signed in.


def test_a_language_picked_on_the_sign_in_page_is_kept_after_signing_in(client, world):
    switch(client, "en", next=LOGIN)

    log_in(client, "futingting")

    assert client.get(LOGIN)["Content-Language"] == "en"
    staff = world.users["staff"]
    staff.refresh_from_db()
    assert (staff.language, staff.language_chosen) == ("en", True)
    # Kept with the account, so another phone shows English as well.
    elsewhere = type(client)()
    log_in(elsewhere, "futingting")
    assert elsewhere.get(LOGIN)["Content-Language"] == "en"


def test_a_language_picked_before_phone_login_is_kept_after_it(client, world, sms_outbox):
    switch(client, "en")
    client.post(reverse("accounts:phone_login"), {"phone": "13900000003"})

    client.post(reverse("accounts:phone_verify"), {"code": sms_outbox[0].code})

    assert client.session["_auth_user_id"] == str(world.users["resident"].pk)
    assert client.get(LOGIN)["Content-Language"] == "en"


def test_a_language_the_user_chose_themselves_wins_over_the_sign_in_page(client, world):
    client.force_login(world.users["staff"])
    switch(client, "zh-hans")
    client.post(reverse("accounts:logout"))
    # Someone else on this phone switched the sign-in page to English.
    switch(client, "en", next=LOGIN)
    assert client.get(LOGIN)["Content-Language"] == "en"

    log_in(client, "futingting")

    assert client.get(LOGIN)["Content-Language"] == "zh-hans"
    world.users["staff"].refresh_from_db()
    assert world.users["staff"].language == "zh-hans"


def test_signing_in_without_picking_a_language_leaves_the_choice_open(client, world):
    log_in(client, "futingting")
    staff = world.users["staff"]
    staff.refresh_from_db()
    assert (staff.language, staff.language_chosen) == ("zh-hans", False)
