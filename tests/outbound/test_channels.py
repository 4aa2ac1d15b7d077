"""Each channel against a real receiver: the WeCom robot is an HTTP server on
127.0.0.1, e-mail goes through Django's mail API (locmem backend), SMS through
the foundation's backend (MemoryBackend)."""

import pytest
from django.core import mail

from linli.accounts.sms import BaseBackend, SmsError
from linli.outbound.channels import (
    ChannelError,
    EmailChannel,
    SmsChannel,
    WeComChannel,
    wecom_payload,
)
from linli.outbound.models import WebhookTarget
from tests.outbound.helpers import make_delivery

pytestmark = pytest.mark.django_db


class DownBackend(BaseBackend):
    def send(self, message):
        raise SmsError("gateway down")


class RefusingBackend(BaseBackend):
    # Real gateways name the number they refuse: "isv.MOBILE_NUMBER_ILLEGAL 137…".
    def send(self, message):
        raise SmsError(f"isv.MOBILE_NUMBER_ILLEGAL: {message.phone} is not a mobile number")


class BrokenBackend(BaseBackend):
    def send(self, message):
        raise ConnectionResetError("reset by peer")


def test_the_robot_receives_a_text_message_in_the_wecom_format(world, robot, community_robot):
    text = "3栋1单元201 需要上门查看"
    delivery = make_delivery(
        world.community, "wecom", community_robot.name, text, mentions=["13700000003"]
    )

    WeComChannel().send(delivery)

    assert robot.received == [(
        "/cgi-bin/webhook/send?key=community",
        {"msgtype": "text", "text": {"content": "3栋1单元201 需要上门查看",
                                     "mentioned_mobile_list": ["13700000003"]}},
    )]  # fmt: skip


def test_a_message_without_mentions_sends_no_mention_list(world):
    delivery = make_delivery(world.community, "wecom", "x", "通知")
    assert wecom_payload(delivery) == {"msgtype": "text", "text": {"content": "通知"}}


@pytest.mark.parametrize(
    "answer, reason",
    [
        ((200, {"errcode": 93000, "errmsg": "invalid webhook url"}), "errcode 93000"),
        ((200, {"errcode": 45009, "errmsg": "api freq out of limit"}), "errcode 45009"),
        ((500, {"errcode": 0, "errmsg": "ok"}), "HTTP 500"),
        ((200, b"<html>busy</html>"), "not a WeCom answer"),
    ],
)
def test_any_answer_but_errcode_0_is_a_failure(world, robot, community_robot, answer, reason):
    robot.fail(answer)
    delivery = make_delivery(world.community, "wecom", community_robot.name)

    with pytest.raises(ChannelError, match=reason) as caught:
        WeComChannel().send(delivery)

    assert "key=" not in str(caught.value)  # the robot's key never reaches a page or a log


def test_an_unreachable_robot_is_a_failure(world, robot):
    url = robot.url()
    robot.server.shutdown()
    robot.server.server_close()
    WebhookTarget.objects.create(community=world.community, name="关掉的群", url=url)

    with pytest.raises(ChannelError):
        WeComChannel().send(make_delivery(world.community, "wecom", "关掉的群"))


def test_an_inactive_or_unknown_robot_is_a_failure_not_a_silent_skip(world, robot, community_robot):
    community_robot.active = False
    community_robot.save()

    with pytest.raises(ChannelError, match="no active robot"):
        WeComChannel().send(make_delivery(world.community, "wecom", community_robot.name))
    assert robot.received == []


def test_the_settings_default_robot_is_used_by_name(world, one_community, robot, settings):
    settings.LINLI_WECOM_WEBHOOKS = {"默认群": robot.url("default")}

    WeComChannel().send(make_delivery(world.community, "wecom", "默认群", "你好"))

    assert robot.received == [("/cgi-bin/webhook/send?key=default", wecom_payload_of("你好"))]


def wecom_payload_of(text):
    return {"msgtype": "text", "text": {"content": text}}


def test_email_goes_through_djangos_mail(world):
    delivery = make_delivery(world.community, "email", "dudao@example.cn", "正文", subject="标题")

    EmailChannel().send(delivery)

    assert [(m.to, m.subject, m.body) for m in mail.outbox] == [
        (["dudao@example.cn"], "标题", "正文")
    ]


def test_a_mail_server_error_is_a_failure(world, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 2

    with pytest.raises(ChannelError):
        EmailChannel().send(make_delivery(world.community, "email", "a@example.cn"))


def test_sms_goes_through_the_configured_backend(world, sms_outbox):
    SmsChannel().send(make_delivery(world.community, "sms", "13700000003", "【邻里】通知"))

    assert [(m.phone, m.text, m.code) for m in sms_outbox] == [("13700000003", "【邻里】通知", "")]


@pytest.mark.parametrize("backend, reason", [("DownBackend", "gateway down"),
                                             ("BrokenBackend", "reset by peer")])  # fmt: skip
def test_a_gateway_error_is_a_failure(world, settings, backend, reason):
    settings.LINLI_SMS_BACKEND = f"tests.outbound.test_channels.{backend}"

    with pytest.raises(ChannelError, match=reason):
        SmsChannel().send(make_delivery(world.community, "sms", "13700000003"))


def test_a_gateway_error_naming_the_number_masks_it(world, settings):
    settings.LINLI_SMS_BACKEND = "tests.outbound.test_channels.RefusingBackend"
    delivery = make_delivery(world.community, "sms", "13700000003")

    with pytest.raises(ChannelError, match="MOBILE_NUMBER_ILLEGAL") as raised:
        SmsChannel().send(delivery)

    assert "13700000003" not in str(raised.value)
    assert "137****0003" in str(raised.value)


def test_a_malformed_robot_url_fails_without_quoting_its_key(world, one_community, robot, settings):
    # A key pasted with a space: http.client refuses the URL and quotes it whole.
    settings.LINLI_WECOM_WEBHOOKS = {"默认群": robot.url("secret key-4471")}

    with pytest.raises(ChannelError) as raised:
        WeComChannel().send(make_delivery(world.community, "wecom", "默认群", "你好"))
    assert "not a usable URL" in str(raised.value)
    assert "4471" not in str(raised.value)
    assert robot.received == []
