"""Production settings: `linli check --deploy` finds nothing, and the headers
that keep a browser safe (HSTS, CSP, framing, sniffing, referrer, opener) are sent."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "LINLI_DEBUG": "false",
    "LINLI_SECRET_KEY": "a-deployment-secret-key-" + "x9Q2" * 12,
    "LINLI_ALLOWED_HOSTS": "linli.example.cn",
    "LINLI_CSRF_TRUSTED_ORIGINS": "https://linli.example.cn",
}


def run_linli(*args, **extra_env):
    env = {k: v for k, v in os.environ.items() if not k.startswith("LINLI_")}
    env.update(PRODUCTION, **extra_env)
    env["LINLI_DATABASE_URL"] = "sqlite:///:memory:"
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(
        [sys.executable, "-m", "linli.manage", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_under_production_settings():
    result = run_linli("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


def test_check_deploy_warns_when_hsts_is_turned_off():
    # The test above can fail: without HSTS the same check complains.
    result = run_linli("check", "--deploy", "--fail-level", "WARNING", LINLI_HSTS_SECONDS="0")
    assert result.returncode != 0
    assert "security.W004" in result.stdout + result.stderr


def test_production_settings_turn_on_every_browser_protection():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "s.SECURE_HSTS_SECONDS > 0, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD, "
        "s.X_FRAME_OPTIONS, s.SECURE_CONTENT_TYPE_NOSNIFF, s.SECURE_REFERRER_POLICY, "
        "s.SECURE_CROSS_ORIGIN_OPENER_POLICY)"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("LINLI_")}
    env.update(PRODUCTION, DJANGO_SETTINGS_MODULE="linli.settings")
    env["LINLI_DATABASE_URL"] = "sqlite:///:memory:"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "True", "True", "True", "True", "True", "True", "DENY", "True", "same-origin",
        "same-origin",
    ]  # fmt: skip


def test_subdomains_and_preload_can_be_turned_off_for_a_shared_parent_domain():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD)"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("LINLI_")}
    env.update(
        PRODUCTION,
        DJANGO_SETTINGS_MODULE="linli.settings",
        LINLI_HSTS_INCLUDE_SUBDOMAINS="false",
        LINLI_HSTS_PRELOAD="false",
    )
    env["LINLI_DATABASE_URL"] = "sqlite:///:memory:"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True
    )
    assert result.stdout.split() == ["False", "False"], result.stderr


@pytest.mark.django_db
def test_every_page_carries_a_strict_content_security_policy(client, world):
    client.force_login(world.users["staff"])
    response = client.get("/")
    policy = response.headers["Content-Security-Policy"]
    directives = dict(
        (part.split()[0], part.split()[1:]) for part in policy.split(";") if part.strip()
    )
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["img-src"] == ["'self'", "data:"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["form-action"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.django_db
def test_the_api_docs_page_relaxes_only_styles_for_swagger_ui(client, world):
    client.force_login(world.users["staff"])
    policy = client.get("/api/docs").headers["Content-Security-Policy"]
    assert "script-src 'self';" in policy + ";"
    assert "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy


TEMPLATES = REPO / "linli"
INLINE = ("onclick=", "onsubmit=", "onchange=", "oninput=", "onload=", "hx-on", "style=")


def test_no_template_carries_inline_script_style_or_event_handler():
    offenders = []
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        lowered = text.lower()
        for marker in INLINE:
            if marker in lowered:
                offenders.append(f"{path.relative_to(REPO)}: {marker}")
        for start in _all(lowered, "<script"):
            tag = lowered[start : lowered.index(">", start)]
            if "src=" not in tag and 'type="application/json"' not in tag:
                offenders.append(f"{path.relative_to(REPO)}: inline <script>")
        if "<style" in lowered:
            offenders.append(f"{path.relative_to(REPO)}: <style>")
    assert offenders == []


def _all(text, needle):
    start = text.find(needle)
    while start != -1:
        yield start
        start = text.find(needle, start + 1)


def test_production_settings_refuse_a_fault_pause_point():
    # A pause point would hang a round close or an import mid-transaction.
    result = run_linli("check", LINLI_FAULT_PAUSE="round_receive")
    assert result.returncode != 0
    assert "LINLI_FAULT_PAUSE" in result.stderr


def test_a_fault_pause_point_is_allowed_with_debug_on():
    # The other side: the crash tests run with debug on and need it.
    result = run_linli("check", LINLI_DEBUG="true", LINLI_FAULT_PAUSE="round_receive")
    assert result.returncode == 0, result.stdout + result.stderr
