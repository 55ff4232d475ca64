"""The review app in a real browser: Playwright driving Debian's chromium against a
server this module starts on a free localhost port. Skipped (with the reason)
when /usr/bin/chromium is missing; `make test` installs it."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from newscoder.serve import create_app
from serve_store import build_store

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TOKEN = "browser-token-0123456789abcdef"

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs Debian's chromium: apt-get install chromium"
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = build_store(tmp_path_factory.mktemp("browser") / "news.sqlite")
    app = create_app(db, token=TOKEN, reviewer="browser")
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


class Watched:
    """A page that records console errors, uncaught exceptions and dialogs."""

    def __init__(self, browser) -> None:  # type: ignore[no-untyped-def]
        self.context = browser.new_context()
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

        def dialog(d) -> None:  # type: ignore[no-untyped-def]
            self.dialogs.append(d.message)
            d.dismiss()

        self.page.on("dialog", dialog)

    def close(self) -> None:
        self.context.close()


@pytest.fixture()
def watched(browser) -> Iterator[Watched]:  # type: ignore[no-untyped-def]
    w = Watched(browser)
    yield w
    w.close()


def test_overview_draws_map_and_timeline_without_errors(base_url: str, watched: Watched) -> None:
    page = watched.page
    page.goto(base_url + "/")
    map_svg = page.locator("#map svg.map")
    assert map_svg.is_visible()
    assert map_svg.bounding_box()["width"] > 500
    assert page.locator("#map path.land").count() > 5
    assert page.locator("#map circle.pt").count() >= 3
    assert page.locator("#timeline svg rect.bar").count() >= 2
    assert watched.errors == []


def test_filtering_by_country(base_url: str, watched: Watched) -> None:
    page = watched.page
    page.goto(base_url + "/")
    before = page.locator("#matching strong").inner_text()
    page.select_option("select[name=country]", "GH")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**country=GH**")
    assert page.locator("#matching strong").inner_text() == "1" != before
    assert page.locator("#map circle.pt").count() == 1
    # The list keeps the filter in its URL.
    page.click("text=list them")
    page.wait_for_url("**/events?**country=GH**")
    rows = page.locator("table.events tbody tr")
    assert rows.count() == 1 and "Accra" in rows.first.inner_text()
    assert watched.errors == []


def test_article_highlights_evidence_and_focuses_an_event(base_url: str, watched: Watched) -> None:
    page = watched.page
    page.goto(base_url + "/articles/raid-a")
    evidence = page.locator("#text span.m-ev")
    assert evidence.count() >= 1 and evidence.first.is_visible()
    figure = page.locator("#text span.m-figure", has_text="five")
    assert figure.count() == 1
    assert "killed 5" in (figure.get_attribute("title") or "")
    assert page.locator("#text span.focus").count() == 0
    page.locator(".card[data-e='raid-a:e1']").click()
    assert page.locator("#text span.focus").count() >= 1
    assert "focus" in (page.locator(".card[data-e='raid-a:e1']").get_attribute("class") or "")
    assert watched.errors == []


def _sign_in(page, base_url: str, next_path: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base_url}/login?next={next_path}")
    page.fill("input[name=reviewer]", "ana")
    page.fill("input[name=token]", TOKEN)
    page.click("form.login button")
    page.wait_for_url(f"**{next_path}")


def test_an_edit_appears_in_the_audit_history(base_url: str, watched: Watched) -> None:
    page = watched.page
    _sign_in(page, base_url, "/events/protest:e1")
    page.fill("input[name=fatalities]", "2")
    page.fill("textarea[name=note]", "two students died in hospital")
    page.click("button[value=edit]")
    page.wait_for_url("**saved=1**")
    assert page.locator("p.ok").inner_text() == "Review saved."
    row = page.locator("#history table tbody tr").first
    text = row.inner_text()
    assert "ana" in text and "edit" in text and "fatalities" in text
    assert "two students died in hospital" in text
    assert page.locator(".status.s-edited").first.is_visible()
    assert watched.errors == []


def test_place_autocompletion(base_url: str, watched: Watched) -> None:
    page = watched.page
    _sign_in(page, base_url, "/events/rally:e1")
    page.fill("#place", "Kuma")
    page.locator("#place-options option").first.wait_for(state="attached")
    label = page.locator("#place-options option").first.get_attribute("value")
    assert label
    page.fill("#place", label)
    assert page.locator("#place_id").input_value().startswith(("city:", "admin1:", "country:"))
    page.click("button[value=edit]")
    page.wait_for_url("**saved=1**")
    assert label.split(",")[0] in page.locator("#history").inner_text()
    assert watched.errors == []


def test_script_payloads_do_not_run(base_url: str, watched: Watched) -> None:
    page = watched.page
    for path in ("/articles/xss", "/events/xss:e1", "/events?view=reports", "/"):
        page.goto(base_url + path)
        page.wait_for_load_state("load")
    assert watched.dialogs == []
    page.goto(base_url + "/articles/xss")
    assert "<script>alert(1)</script>" in page.locator("h1").inner_text()
    assert "<img src=x onerror=alert(1)>" in page.locator("#text").inner_text()
    assert page.locator("img").count() == 0 and page.locator("main script").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0
    assert watched.errors == []


def test_enter_in_a_field_saves_the_edit(base_url: str, watched: Watched) -> None:
    """Enter would press the first button, Accept as shown, and drop the change."""
    page = watched.page
    _sign_in(page, base_url, "/events/rally:e1")
    page.fill("input[name=injuries]", "4")
    page.locator("input[name=injuries]").press("Enter")
    page.wait_for_url("**saved=1**")
    row = page.locator("#history table tbody tr").first.inner_text()
    assert "edit" in row and "injuries" in row and "4" in row
    assert watched.errors == []


def test_keyboard_users_can_skip_the_map_and_timeline(base_url: str, watched: Watched) -> None:
    page = watched.page
    page.goto(base_url + "/")
    skip = page.locator("a.skip").first
    assert not skip.is_visible() or skip.bounding_box()["x"] < 0
    skip.focus()
    assert skip.bounding_box()["x"] >= 0  # shown when focused
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")  # the next stop is past the map: the timeline's skip link
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#by-type"
    assert watched.errors == []
