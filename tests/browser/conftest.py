"""Playwright against pytest-django's live server, driving Debian's Chromium.

Screenshots go to tests/screenshots/ (git-ignored) for a person to look at.
"""

import os
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
SCREENSHOTS = Path(__file__).resolve().parent.parent / "screenshots"


def pytest_collection_modifyitems(items):
    here = Path(__file__).resolve().parent
    for item in items:
        if here in Path(item.fspath).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    # Playwright's sync API runs an event loop in the test thread; the database
    # calls the tests make next to it are ordinary synchronous ones. Set only
    # while a browser runs, so subprocesses of other tests do not inherit it.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield from _launch()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def _launch():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing; CI must run the browser tests")
        pytest.skip(f"{CHROMIUM} is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _page(browser, viewport, **options):
    context = browser.new_context(viewport=viewport, locale="zh-CN", **options)
    context.set_default_timeout(10_000)
    return context, context.new_page()


@pytest.fixture
def phone_page(browser):
    context, page = _page(browser, PHONE, is_mobile=True, has_touch=True)
    yield page
    context.close()


@pytest.fixture
def desktop_page(browser):
    context, page = _page(browser, DESKTOP)
    yield page
    context.close()


@pytest.fixture
def sign_in(live_server, client):
    """Put `user`'s session cookie into the page: for tests about pages, not login."""

    def sign_in(page, user):
        client.force_login(user)
        session = client.cookies["sessionid"].value
        page.context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])

    return sign_in


def screenshot(page, name) -> Path:
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


# Measurements a person would otherwise make by eye on every screenshot.
# Against the width the page was opened at: on a phone (is_mobile) the browser
# widens window.innerWidth to fit a page that overflows, so comparing with it saw nothing.
OVERFLOW = "(width) => document.documentElement.scrollWidth - width"
SMALL_TARGETS = """() => [...document.querySelectorAll(
    'main button, main a.button, main input:not([type=hidden]):not([type=checkbox]), main select,'
    + ' .chips a, .topbar button, a.tel, a.room, .results a.hit')]
  .filter(e => e.offsetParent !== null)
  .filter(e => e.getBoundingClientRect().height < 44)
  .map(e => e.outerHTML.slice(0, 80))"""
SMALL_TEXT = """() => [...document.querySelectorAll('main *')]
  .filter(e => e.offsetParent !== null && [...e.childNodes].some(
      n => n.nodeType === 3 && n.textContent.trim()))
  .filter(e => parseFloat(getComputedStyle(e).fontSize) < 16)
  .map(e => e.tagName + ': ' + e.textContent.trim().slice(0, 30))"""


def assert_readable(page):
    """No sideways scrolling, every control a thumb can hit, no text under 16 px."""
    assert page.evaluate(OVERFLOW, page.viewport_size["width"]) <= 0
    assert page.evaluate(SMALL_TARGETS) == []
    assert page.evaluate(SMALL_TEXT) == []
