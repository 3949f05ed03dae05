"""The pages in Russian and Arabic in a real headless Chromium (Debian's /usr/bin/chromium, driven
by Playwright, no network): the report, the step view and the compare pages say their language,
Arabic pages run right to left, and no page scrolls sideways on a laptop (1280 px) or a phone
(390 px). Screenshots of each go to test-artifacts/ (look at them: the Arabic must read right to
left, with dates and codes in their own order)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cstosim.cli import main
from tests.browser.test_report import ARTIFACTS, ROOT, browser  # noqa: F401 - the fixture

MOSCOW = str(ROOT / "scenarios" / "moscow-2009.yaml")
FROZEN = str(ROOT / "scenarios" / "frozen-armenia-2028.yaml")

# name -> the command that writes the page (its --out and --lang are added)
PAGES = {
    "report": ["run", MOSCOW, "--format", "html"],
    "steps": ["run", MOSCOW, "--format", "html", "--steps"],
    "compare": [
        "compare",
        MOSCOW,
        "--variant",
        "rule14=dissent",
        "--variant",
        "rule14=no_objection",
        "--variant",
        "rule14=consent",
        "--format",
        "html",
    ],
    "readings": ["compare", FROZEN, "--all-readings", "--format", "html"],
}
# Text each page must show in each language (the terms of locale/TERMS.md where they appear).
SHOWN = {
    ("report", "ru"): "Совет коллективной безопасности",
    ("report", "ar"): "مجلس الأمن الجماعي",
    ("steps", "ru"): "Что решает правило?",
    ("steps", "ar"): "بماذا تقضي القاعدة؟",
    ("compare", "ru"): "отклонено",
    ("compare", "ar"): "رُفض",
    ("readings", "ru"): "принято в ограниченном формате",
    ("readings", "ar"): "اعتُمد بالصيغة المحدودة",
}
WIDTHS = (1280, 390)


def _write(page: str, lang: str, out: Path) -> None:
    assert main([*PAGES[page], "--lang", lang, "--out", str(out)]) == 0


@pytest.mark.parametrize("lang", ["ru", "ar"])
@pytest.mark.parametrize("name", list(PAGES))
def test_pages_speak_their_language_and_fit_the_screen(
    browser,  # noqa: F811 - the fixture of test_report
    tmp_path: Path,
    name: str,
    lang: str,
) -> None:
    out = tmp_path / f"{name}-{lang}.html"
    _write(name, lang, out)
    ARTIFACTS.mkdir(exist_ok=True)
    for width in WIDTHS:
        page = browser.new_page(viewport={"width": width, "height": 900})
        errors: list[str] = []
        requests: list[str] = []
        page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
        page.on("request", lambda r, requests=requests: requests.append(r.url))
        target = out.as_uri() + ("#step-1" if name == "steps" else "")
        page.goto(target, wait_until="load")
        assert errors == [] and requests == [out.as_uri()], (errors, requests)
        assert page.evaluate("document.documentElement.lang") == lang
        want_dir = "rtl" if lang == "ar" else ""
        assert page.evaluate("document.documentElement.dir") == want_dir
        if lang == "ar":
            direction = page.evaluate("getComputedStyle(document.body).direction")
            assert direction == "rtl"
        scroll = page.evaluate("document.documentElement.scrollWidth")
        inner = page.evaluate("window.innerWidth")
        assert scroll <= inner, f"{name} {lang} at {width}px: scrolls sideways ({scroll} > {inner})"
        if name == "steps":  # the outcome is hidden until revealed
            page.locator("#step-1 details.reveal summary").click()
        text = page.evaluate("document.body.textContent")
        assert SHOWN[(name, lang)] in text, f"{name} {lang}: {SHOWN[(name, lang)]!r} not shown"
        page.screenshot(path=str(ARTIFACTS / f"lang-{name}-{lang}-{width}.png"), full_page=False)
        page.close()


def test_arabic_report_lays_out_right_to_left(browser, tmp_path: Path) -> None:  # noqa: F811
    """In the Arabic report the heading sits at the right, a date in a table cell keeps its
    digits in order, indents are on the right, and the scenario's own (English) text runs left
    to right inside the right-to-left page."""
    out = tmp_path / "report-ar.html"
    _write("report", "ar", out)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(out.as_uri(), wait_until="load")
    text = page.evaluate(
        "(() => { const r = document.createRange();"
        " r.selectNodeContents(document.querySelector('header h1'));"
        " const b = r.getBoundingClientRect(); return [b.left, b.right]; })()"
    )
    # the heading's text sits against the right edge (the start edge in RTL), far from the left
    assert 1280 - text[1] < 80 and text[0] > 100, text
    first_date = page.locator("table.timeline td bdi").first.inner_text()
    assert first_date == "2009-06-14"
    margin = page.evaluate("getComputedStyle(document.querySelector('.cites dd')).marginRight")
    assert margin == "16px"  # margin-inline-start is on the right in RTL
    # text the scenario gives (English here) keeps its own direction: its full stop stays last
    assert page.evaluate("getComputedStyle(document.querySelector('.description')).direction") == (
        "ltr"
    )
    page.close()
