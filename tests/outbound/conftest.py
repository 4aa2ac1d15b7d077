"""A real WeCom-style robot on 127.0.0.1 for the outbound tests.

`robot` is an HTTP server in a thread that records every JSON body posted to
it and answers from `robot.answers` (status, body) in turn, then with
`{"errcode": 0, "errmsg": "ok"}`: a test makes it fail a few times, then succeed.
Nothing of the sending is mocked; the channel speaks HTTP to this server.
"""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from linli.outbound.models import WebhookTarget
from tests.cases.conftest import people  # noqa: F401  (supervisors for escalations)

OK = (200, {"errcode": 0, "errmsg": "ok"})


class Robot:
    def __init__(self):
        self.received = []  # (path, payload)
        self.answers = []
        self.delay = 0.0  # seconds before answering
        self.lock = threading.Lock()
        robot = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                raw = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                with robot.lock:
                    robot.received.append((self.path, json.loads(raw)))
                    status, body = robot.answers.pop(0) if robot.answers else OK
                time.sleep(robot.delay)
                data = json.dumps(body).encode() if isinstance(body, dict) else body
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):  # keep the test output quiet
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, key="k1"):
        return f"http://127.0.0.1:{self.server.server_port}/cgi-bin/webhook/send?key={key}"

    def contents(self):
        return [payload["text"]["content"] for _path, payload in self.received]

    def fail(self, *answers):
        self.answers.extend(answers)


@pytest.fixture
def robot():
    robot = Robot()
    robot.thread.start()
    yield robot
    robot.server.shutdown()
    robot.server.server_close()


@pytest.fixture
def channels_on(settings):
    settings.LINLI_OUTBOUND_CHANNELS = ["email", "sms", "wecom"]
    settings.LINLI_WECOM_WEBHOOKS = {}
    settings.LINLI_BASE_URL = "https://linli.example.cn"
    settings.LINLI_SMS_BACKEND = "linli.accounts.sms.MemoryBackend"
    return settings


@pytest.fixture
def community_robot(world, robot):
    return WebhookTarget.objects.create(
        community=world.community, name="武南村社区工作群", url=robot.url("community")
    )


@pytest.fixture
def building3_robot(world, robot):
    return WebhookTarget.objects.create(
        community=world.community, building=world.building3, name="3栋居民群",
        url=robot.url("b3"),
    )  # fmt: skip


@pytest.fixture
def building5_robot(world, robot):
    return WebhookTarget.objects.create(
        community=world.community, building=world.building5, name="5栋居民群",
        url=robot.url("b5"),
    )  # fmt: skip


@pytest.fixture
def one_community(world):
    """An install of one community: the settings' default robots apply only there."""
    world.other_community.delete()
    return world.community
