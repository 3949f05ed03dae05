"""A class in real Chromium (Debian's, driven by Playwright): one teacher and six students in
their own browser contexts play the June 2009 session. Belarus's student never votes and blocks
the decision under Belarus's reading; the teacher switches to the Russian foreign ministry's
reading and the chair item passes; the export re-runs to the same outcomes. Also: names that
carry markup run nothing, the pages meet WCAG 2.1 AA (axe-core), nothing loads from the
network, and the three views are screenshot at phone and projector sizes."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from tests.browser.test_report import ARGS, ARTIFACTS, CHROMIUM
from tests.classroom.server import MOSCOW, Server

FIVE = ["ARM", "KAZ", "KGZ", "RUS", "TJK"]
NAMES = {
    "ARM": "Armenia",
    "BLR": "Belarus",
    "KAZ": "Kazakhstan",
    "KGZ": "Kyrgyzstan",
    "RUS": "Russia",
    "TJK": "Tajikistan",
}
PHONE = {"width": 390, "height": 844}
PROJECTOR = {"width": 1920, "height": 1080}


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}; .ci/run installs Debian's chromium")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    s = Server(MOSCOW, tmp_path / "room.sqlite")
    yield s
    s.stop()


class Watch:
    """Console errors, page errors, dialogs and requests outside the server, per page."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.problems: list[str] = []

    def attach(self, page) -> None:
        page.on("console", lambda m: self.problems.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.problems.append(str(e)))
        page.on("dialog", lambda d: (self.problems.append(f"dialog: {d.message}"), d.dismiss()))
        page.on(
            "request",
            lambda r: None if r.url.startswith(self.base) else self.problems.append(r.url),
        )


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"classroom-{name}.png"), full_page=True)


def axe_violations(browser, url: str, viewport: dict[str, int]) -> list[str]:
    """WCAG 2.1 A and AA violations axe-core finds on ``url``."""
    ctx = browser.new_context(viewport=viewport, bypass_csp=True)  # axe is injected
    page = ctx.new_page()
    page.goto(url)
    found = axe(page)
    ctx.close()
    return found


def axe(page) -> list[str]:
    """WCAG 2.1 A and AA violations axe-core finds on an open page."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]})
    return [f"{v['id']}: {v['help']}" for v in results.response["violations"]]


def test_a_class_plays_june_2009_to_the_end(browser, server: Server, tmp_path: Path) -> None:
    watch = Watch(server.base)
    teacher_ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    teacher = teacher_ctx.new_page()
    watch.attach(teacher)
    teacher.goto(server.teacher_url)
    assert teacher.url == f"{server.base}/teacher"  # the token left the address bar
    board_ctx = browser.new_context(viewport=PROJECTOR)
    board = board_ctx.new_page()
    watch.attach(board)
    board.goto(f"{server.base}/board")
    assert server.code in board.inner_text("header")

    students = {}
    for code in ["BLR", *FIVE]:
        ctx = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
        page = ctx.new_page()
        watch.attach(page)
        page.goto(server.join_url)
        page.get_by_role("button", name=NAMES[code], exact=True).click()
        page.wait_for_url(f"{server.base}/seat")
        assert NAMES[code] in page.inner_text("h1")
        students[code] = page
    # the teacher's list of seats fills in live
    teacher.wait_for_function(
        "document.querySelectorAll('.seats li.taken').length === 6", timeout=5000
    )
    shot(teacher, "teacher-1280")
    shot(students["ARM"], "seat-waiting-phone")

    def open_next() -> None:
        teacher.click("#next")
        for page in students.values():
            page.wait_for_selector("form.choices", timeout=5000)
        board.wait_for_selector("section.item .count", timeout=5000)

    def vote_five(position: str = "Support") -> None:
        for code in FIVE:
            page = students[code]
            page.get_by_role("button", name=position).first.click()
            page.wait_for_selector("button.chosen", timeout=5000)
        board.wait_for_function(
            "document.querySelector('[data-live=cast]').textContent === '5'", timeout=5000
        )

    # item 1: the CRRF decision under Belarus's reading; Belarus's student never votes
    open_next()
    vote_five()
    assert "5 / 7" in board.inner_text(".count")
    assert "Support" not in board.inner_text("main")  # who voted, never how, before the close
    shot(board, "board-voting-projector")
    shot(students["KAZ"], "seat-voted-phone")
    teacher.click("#close")
    board.wait_for_selector("section.decision", timeout=5000)
    assert "Rejected" in board.inner_text("section.decision .badge")
    assert "Belarus" in board.inner_text(".positions")
    current = board.locator("table.readings td[aria-current=true]")
    assert current.count() >= 1 and "Rejected" in current.first.inner_text()
    assert "Rule 14" in board.inner_text("table.readings")
    assert "rop.14.1" in board.inner_text(".cites")
    shot(board, "board-revealed-projector")
    students["BLR"].wait_for_selector("section.decision", timeout=5000)
    shot(students["BLR"], "seat-revealed-phone")

    # the teacher switches to the Russian foreign ministry's reading
    teacher.wait_for_selector("#rule-rule14")
    teacher.select_option("#rule-rule14", "no_objection")
    teacher.click("#apply-rules")
    teacher.wait_for_selector("#next")
    assert teacher.locator("#rule-rule14").input_value() == "no_objection"

    # item 2 (the agreement) and item 3 (the temporary chair): Belarus still stays away
    open_next()
    vote_five()
    teacher.click("#close")
    board.wait_for_selector("section.decision", timeout=5000)
    assert "Signed" in board.inner_text("section.decision .badge")
    open_next()
    vote_five()
    teacher.click("#close")
    board.wait_for_function(
        "document.querySelector('section.decision h1').textContent.includes('temporary')",
        timeout=5000,
    )
    assert "Adopted" in board.inner_text("section.decision .badge")
    teacher.click("#next")
    board.wait_for_selector(".finished", timeout=5000)

    # export from the teacher's page, then `cstosim run` of it agrees outcome for outcome
    with teacher.expect_download() as dl:
        teacher.click("text=The session as a scenario file (YAML)")
    path = tmp_path / "class.yaml"
    dl.value.save_as(path)
    run = subprocess.run(
        [sys.executable, "-m", "cstosim", "run", str(path), "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
    )
    rerun = {
        r["item"]: r["outcome"] for r in json.loads(run.stdout)["trace"] if r["kind"] == "decision"
    }
    room = {d["item"]: d["outcome"] for d in server.get("/api/state").body["decisions"]}
    assert (
        rerun
        == room
        == {
            "crrf-decision": "rejected",
            "crrf-agreement": "signed",
            "temporary-chair": "adopted",
        }
    )
    data = yaml.safe_load(path.read_text())
    chair = data["events"][0]["items"][2]
    assert chair["rules"] == {"rule14": "no_objection"} and chair["positions"]["BLR"] == "absent"
    with teacher.expect_download() as dl:
        teacher.click("text=The report of the session (HTML)")
    report = tmp_path / "class.html"
    dl.value.save_as(report)
    assert "temporary-chair" in report.read_text()
    shot(board, "board-finished-projector")
    assert watch.problems == []


def test_the_views_at_phone_and_projector_sizes_meet_wcag_aa(browser, server: Server) -> None:
    seat = server.join("ARM")
    server.teacher("next")
    server.post("/api/vote", {"position": "object"}, token=seat)
    for size_name, size in (("phone", PHONE), ("projector", PROJECTOR)):
        ctx = browser.new_context(viewport=size)
        page = ctx.new_page()
        page.goto(f"{server.base}/board")
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        shot(page, f"board-{size_name}")
        ctx.close()
        assert axe_violations(browser, f"{server.base}/board", size) == []
        assert axe_violations(browser, server.join_url, size) == []
    ctx = browser.new_context(viewport=PHONE)
    page = ctx.new_page()
    page.goto(server.teacher_url)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    shot(page, "teacher-phone")
    ctx.close()
    # the console and a seat, each at both sizes (the cookies their links set)
    for size in (PHONE, PROJECTOR):
        assert axe_violations(browser, server.teacher_url, size) == []
        ctx = browser.new_context(viewport=size, bypass_csp=True)
        ctx.add_cookies([{"name": "cstosim_seat", "value": seat, "url": server.base}])
        page = ctx.new_page()
        page.goto(f"{server.base}/seat")
        assert "Armenia" in page.inner_text("h1")
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        assert axe(page) == []
        ctx.close()
    server.teacher("close")
    ctx = browser.new_context(viewport=PHONE)
    page = ctx.new_page()
    page.goto(f"{server.base}/board")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    shot(page, "board-revealed-phone")
    ctx.close()
    assert axe_violations(browser, f"{server.base}/board", PHONE) == []


def test_names_that_carry_markup_are_shown_as_text(browser, tmp_path: Path) -> None:
    evil = "<img src=x onerror=alert(1)><script>alert(2)</script>\"'&"
    data = yaml.safe_load(MOSCOW.read_text())
    data["name"] = f"June 2009 {evil}"
    data["events"][0]["items"][0]["title"] = f"CRRF {evil}"
    data["events"][0]["note"] = evil
    scenario = tmp_path / "evil.yaml"
    scenario.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    server = Server(scenario, tmp_path / "room.sqlite")
    try:
        watch = Watch(server.base)
        seat = server.join("ARM")
        server.teacher("next")
        ctx = browser.new_context()
        ctx.add_cookies([{"name": "cstosim_seat", "value": seat, "url": server.base}])
        for path in ("/board", "/seat", f"/join?room={server.code}"):
            page = ctx.new_page()
            watch.attach(page)
            page.goto(server.base + path)
            assert evil in page.inner_text("body")
            assert page.locator("img").count() == 0
            assert page.locator("script:not([src])").count() == 0
        page = ctx.new_page()
        watch.attach(page)
        page.goto(server.teacher_url)
        assert evil in page.inner_text("body")
        page.close()
        server.teacher("close")
        page = ctx.new_page()
        watch.attach(page)
        page.goto(server.base + "/board")
        page.wait_for_selector("section.decision")
        assert evil in page.inner_text("body")
        page.wait_for_timeout(300)  # time for any injected script to run
        assert watch.problems == []
        ctx.close()
    finally:
        server.stop()


@pytest.mark.parametrize(
    "lang,direction,words",
    [
        ("ru", "ltr", ["Совет коллективной безопасности", "Армения"]),
        ("ar", "rtl", ["مجلس الأمن الجماعي", "أرمينيا"]),
    ],
)
def test_the_pages_speak_russian_and_arabic(
    browser, tmp_path: Path, lang: str, direction: str, words: list[str]
) -> None:
    server = Server(MOSCOW, tmp_path / "room.sqlite", "--lang", lang)
    try:
        seat = server.join("ARM")
        server.teacher("next")
        # the JSON API and its errors stay in English whatever the pages' language
        assert server.get("/api/state").body["item"]["body"] == "CSC"
        late = server.post("/api/vote", {"position": "maybe"}, token=seat)
        assert "is not a position; allowed" in late.body["error"]
        server.post("/api/vote", {"position": "object"}, token=seat)
        views = [("board-voting", "/board", None), ("seat", "/seat", seat)]
        for name, path, cookie in views:
            for size_name, size in (("phone", PHONE), ("projector", PROJECTOR)):
                ctx = browser.new_context(viewport=size)
                if cookie:
                    ctx.add_cookies([{"name": "cstosim_seat", "value": cookie, "url": server.base}])
                page = ctx.new_page()
                page.goto(server.base + path)
                root = page.locator("html")
                assert root.get_attribute("lang") == lang
                assert root.get_attribute("dir") == direction
                text = page.inner_text("body")
                assert all(w in text for w in words), (name, text[:300])
                assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
                shot(page, f"{lang}-{name}-{size_name}")
                ctx.close()
        server.teacher("close")
        ctx = browser.new_context(viewport=PROJECTOR)
        page = ctx.new_page()
        page.goto(server.base + "/board")
        assert page.locator("table.readings td[aria-current=true]").count() >= 1
        assert "rop.14.1" in page.inner_text(".cites")  # ids stay as they are
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        shot(page, f"{lang}-board-revealed-projector")
        ctx.close()
        assert axe_violations(browser, server.base + "/board", PHONE) == []
    finally:
        server.stop()
