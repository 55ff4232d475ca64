"""Render screenshots of the review app's main pages into docs/.

    python scripts/screenshots.py --db demo.sqlite [--out docs/screenshots]

Starts the app in this process on a free localhost port, signs in with a
throwaway token, and drives Debian's chromium (never a downloaded browser).
"""

from __future__ import annotations

import argparse
import socket
import tempfile
import threading
import time
from pathlib import Path

import uvicorn
from playwright.sync_api import sync_playwright

from newscoder.serve.app import create_app

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", required=True, type=Path)
    parser.add_argument("--out", default=Path("docs/screenshots"), type=Path)
    parser.add_argument("--article", default="kabul-embassy")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    token = "screenshots-" + "x" * 20
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "copy.sqlite"
        db.write_bytes(args.db.read_bytes())  # never write reviews into the user's store
        app = create_app(db, token=token, reviewer="screenshots")
        port = free_port()
        server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
        )
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        base = f"http://127.0.0.1:{port}"
        try:
            shoot(base, token, args.out, args.article)
        finally:
            server.should_exit = True
            thread.join(10)


def shoot(base: str, token: str, out: Path, article: str) -> None:
    import httpx

    events = httpx.get(f"{base}/api/events", params={"sort": "-sources", "limit": 1}).json()
    linked = events["events"][0]["id"] if events["events"] else None
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1360, "height": 900})
        page.goto(f"{base}/")
        page.screenshot(path=out / "overview.png", full_page=True)
        page.goto(f"{base}/events")
        page.screenshot(path=out / "events.png", full_page=False)
        page.goto(f"{base}/articles/{article}")
        cards = page.locator(".card[data-e]")
        if cards.count():
            cards.first.click()
        page.screenshot(path=out / "article.png", full_page=False)
        page.goto(f"{base}/login?next=/")
        page.fill("input[name=reviewer]", "analyst")
        page.fill("input[name=token]", token)
        page.click("form.login button")
        if linked:
            # One review, so that the page shows the audit history (in the copy).
            page.goto(f"{base}/events/{linked}")
            page.fill("textarea[name=note]", "checked against the reports")
            page.click("button[value=accept]")
            page.wait_for_url("**saved=1**")
            page.screenshot(path=out / "event.png", full_page=True)
        browser.close()
    print(f"screenshots in {out}")


if __name__ == "__main__":
    main()
