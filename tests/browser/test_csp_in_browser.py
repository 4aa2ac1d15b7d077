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


def visit(page, url, seen):
    response = page.goto(url)
    page.wait_for_load_state("networkidle")
    seen.extend(f"{url}: {v}" for v in page.evaluate("window.__csp || []"))
    return response


def links(page, base):
    hrefs = page.eval_on_selector_all("main a[href]", "els => els.map(e => e.getAttribute('href'))")
    found = []
    for href in hrefs:
        url = urljoin(page.url, href).split("#")[0]
        if urlparse(url).netloc == urlparse(base).netloc and not any(s in url for s in SKIP):
            found.append(url)
    return list(dict.fromkeys(found))


@pytest.mark.parametrize("username", ROLES)
def test_each_roles_pages_raise_no_policy_violation(
    live_server, desktop_page, sign_in, demo, username
):
    page = desktop_page
    seen = watch(page)
    sign_in(page, User.objects.get(username=username))
    home = f"{live_server.url}/"
    assert visit(page, home, seen).status == 200
    visited = 1
    for url in links(page, home)[:MAX_PAGES]:
        response = visit(page, url, seen)
        assert response.status < 500, url
        visited += 1
    if username not in START_ONLY:
        assert visited >= 2, "the start page links to nothing: the walk tested one page"
    assert seen == []


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
