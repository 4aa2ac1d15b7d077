"""Take docs/screenshot.png: a building captain's start page on a 390 px phone.

Builds the demo community into a throw-away SQLite database, serves it with
`linli serve`, logs in as captain9 through the real login form and photographs
the page with Debian's Chromium. Run: .venv/bin/python scripts/screenshot.py
"""

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "docs" / "screenshot.png"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit("linli serve stopped")
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.2)
    sys.exit(f"{url} did not answer in 30 s")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        env = {k: v for k, v in os.environ.items() if not k.startswith("LINLI_")}
        env["LINLI_DATABASE_URL"] = f"sqlite:///{tmp}/demo.sqlite3"
        linli = [sys.executable, "-m", "linli.manage"]
        subprocess.run([*linli, "migrate", "-v", "0"], env=env, cwd=REPO, check=True)
        subprocess.run([*linli, "demo"], env=env, cwd=REPO, check=True, capture_output=True)
        port = free_port()
        server = subprocess.Popen(
            [*linli, "serve", "--workers=1", f"--port={port}"],
            env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            base = f"http://127.0.0.1:{port}"
            wait_for(base + "/accounts/login/", server)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
                )
                context = browser.new_context(
                    viewport={"width": 390, "height": 844}, device_scale_factor=1,
                    is_mobile=True, has_touch=True, locale="zh-CN",
                )  # fmt: skip
                page = context.new_page()
                page.goto(base + "/accounts/login/")
                page.fill("input[name=username]", "captain9")
                page.fill("input[name=password]", "linli2020")
                page.click("button[type=submit]")
                page.wait_for_load_state("networkidle")
                page.screenshot(path=OUT)
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(OUT)


if __name__ == "__main__":
    main()
