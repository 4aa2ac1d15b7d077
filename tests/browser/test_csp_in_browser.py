"""The Content-Security-Policy in a real browser: every role walks its pages of
the demo community (its start page and the links on it, one level down) and
Chromium reports no refused script, style or image, and no script error.

CSP breaks silently (a print button that does nothing, a bar with no length),
so this listens for `securitypolicyviolation` events and console messages.
"""

from io import StringIO
from urllib.parse import urljoin, urlparse

import pytest
from django.core.management import call_command

from linli.accounts.models import User
from tests.browser.conftest import DESKTOP, _page

# Demo logins (docs/demo.md), one per role.
ROLES = [
    "futingting",  # staff
    "pianzhang1",  # area leader
    "captain1",  # building captain
    "huangbin",  # resident
    "chenlanlan",  # social worker
    "xinli1",  # psychologist
    "dudao1",  # supervisor
    "zhiyuan1",  # volunteer
    "wuye",  # property office
    "menwei",  # gatekeeper
    "chaoshi",  # supplier
    "jiedao",  # street viewer
]
# Start pages with nothing to follow: the page itself is the whole walk.
START_ONLY = {"chaoshi"}
# Pages reached by link from the start page, at most, per role: enough to see
# every kind of page a role has without a long crawl.
MAX_PAGES = 14
SKIP = ("/admin/", "/i18n/", "/accounts/logout", "/media/", ".xlsx", ".csv", "export")

LISTEN = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(e.violatedDirective + " " + e.blockedURI + " at " + e.sourceFile
                    + ":" + e.lineNumber);
});
"""


@pytest.fixture
def demo(transactional_db):
    call_command("demo", "--residents", "300", stdout=StringIO())


def watch(page):
    """Start recording the page's policy violations, console complaints and errors."""
    seen = []
    page.add_init_script(LISTEN)
    page.on(
        "console",
        lambda m: (
            seen.append(f"console: {m.text}")
            if "Content Security Policy" in m.text or "Refused to" in m.text
            else None
        ),
    )
    page.on("pageerror", lambda e: seen.append(f"script error: {e}"))
    return seen


# No page loads more after its load event (no hx-trigger="load"), so "load" is
# enough; violation events are queued as tasks, so read them a moment later.
COLLECT = "new Promise((done) => setTimeout(() => done(window.__csp || []), 50))"


def visit(page, url, seen):
    response = page.goto(url, wait_until="load")
    seen.extend(f"{url}: {v}" for v in page.evaluate(COLLECT))
    return response


def links(page, base):
    hrefs = page.eval_on_selector_all("main a[href]", "els => els.map(e => e.getAttribute('href'))")
    found = []
    for href in hrefs:
        url = urljoin(page.url, href).split("#")[0]
        if urlparse(url).netloc == urlparse(base).netloc and not any(s in url for s in SKIP):
            found.append(url)
    return list(dict.fromkeys(found))


def walk(page, base, username) -> tuple[int, list[str]]:
    """The role's start page and the pages it links to: (pages seen, complaints)."""
    seen = watch(page)
    home = f"{base}/"
    if visit(page, home, seen).status != 200:
        return 0, [f"{home}: not 200"]
    visited = 1
    for url in links(page, home)[:MAX_PAGES]:
        response = visit(page, url, seen)
        if response.status >= 500:
            seen.append(f"{url}: {response.status}")
        visited += 1
    return visited, seen


def test_each_roles_pages_raise_no_policy_violation(live_server, browser, sign_in, demo):
    # One demo for every role (it takes seconds to build), a fresh browser context each.
    complaints, walks = {}, {}
    for username in ROLES:
        context, page = _page(browser, DESKTOP)
        sign_in(page, User.objects.get(username=username))
        walks[username], complaints[username] = walk(page, live_server.url, username)
        context.close()
    assert {u: c for u, c in complaints.items() if c} == {}
    # A start page that links to nothing would make the walk test one page.
    assert [u for u, n in walks.items() if n < 2 and u not in START_ONLY] == []


def test_htmx_swaps_print_buttons_and_bars_work_under_the_policy(
    live_server, desktop_page, sign_in, demo
):
    """The behaviours moved out of inline attributes into linli.js still run."""
    page = desktop_page
    seen = watch(page)
    sign_in(page, User.objects.get(username="dudao1"))
    visit(page, f"{live_server.url}/cases/dashboard/", seen)
    widths = page.eval_on_selector_all("[data-width]", "els => els.map(e => e.style.width)")
    assert widths and all(w.endswith("%") for w in widths)
    # htmx must not have added an inline <style> of its own (it would be refused).
    assert page.evaluate("document.querySelectorAll('style').length") == 0
    page.evaluate("window.print = () => { window.__printed = true; }")
    sign_in(page, User.objects.get(username="futingting"))
    visit(page, f"{live_server.url}/groupbuy/", seen)
    assert seen == []


def test_the_api_docs_page_draws_swagger_ui_offline(live_server, desktop_page, sign_in, demo):
    page = desktop_page
    seen = watch(page)
    outside = []
    page.on(
        "request",
        lambda r: outside.append(r.url) if not r.url.startswith(live_server.url) else None,
    )
    sign_in(page, User.objects.get(username="futingting"))
    visit(page, f"{live_server.url}/api/docs", seen)
    page.wait_for_selector(".swagger-ui .opblock", timeout=15_000)
    assert seen == []
    assert [u for u in outside if not u.startswith("data:")] == []
