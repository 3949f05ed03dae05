"""The HTML report in a real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright):
it loads with no console error and no network request, shows every decision card and the SVG
graph, and runs nothing that scenario text smuggles in. Screenshots go to test-artifacts/."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from cstosim.cli import main

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("CSTOSIM_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}; .ci/run installs Debian's chromium")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        b.close()


def render(scenario: Path, out: Path) -> list[dict]:
    """Write the HTML report and return the run's decision records."""
    assert main(["run", str(scenario), "--format", "html", "--out", str(out)]) == 0
    jl = out.with_suffix(".jsonl")
    assert main(["run", str(scenario), "--format", "jsonl", "--out", str(jl)]) == 0
    return [r for r in map(json.loads, jl.read_text().splitlines()) if r["kind"] == "decision"]


def open_page(browser, path: Path):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.as_uri(), wait_until="load")
    return page, errors, requests


@pytest.mark.parametrize("name", ["kazakhstan-2022", "moscow-2009", "limited-format-2023-2025"])
def test_report_loads_clean_and_shows_every_decision(browser, tmp_path: Path, name: str) -> None:
    out = tmp_path / f"{name}.html"
    decisions = render(ROOT / "scenarios" / f"{name}.yaml", out)
    page, errors, requests = open_page(browser, out)
    assert errors == []
    assert requests == [out.as_uri()], requests  # the page itself and nothing else
    cards = page.locator("article.card.decision")
    assert cards.count() == len(decisions) > 0
    for i, rec in enumerate(decisions):
        card = cards.nth(i)
        assert card.get_attribute("data-item") == rec["item"]
        assert card.get_attribute("data-outcome") == rec["outcome"]
        assert card.is_visible()
    graph = page.locator(".graph svg.org-graph")
    graph.scroll_into_view_if_needed()
    assert graph.is_visible()
    box = graph.bounding_box()
    assert box and box["width"] > 300 and box["height"] > 150
    assert page.locator(".graph svg g.body").count() >= 10
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    assert (ARTIFACTS / f"{name}.png").stat().st_size > 10_000
    page.close()


def test_scenario_text_cannot_run_script(browser, tmp_path: Path) -> None:
    evil = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'
    f = tmp_path / "evil.yaml"
    f.write_text(
        f"name: '{evil}'\n"
        f"description: '{evil}'\n"
        "start: 2022-01-01\nend: 2022-01-31\n"
        "events:\n  - date: 2022-01-10\n    type: session\n    items:\n"
        f"      - id: x\n        title: '{evil}'\n",
        encoding="utf-8",
    )
    out = tmp_path / "evil.html"
    render(f, out)
    page, errors, requests = open_page(browser, out)
    assert page.evaluate("() => window.__pwned") is None
    assert errors == [] and requests == [out.as_uri()]
    assert evil in page.locator("header h1").inner_text()
    assert page.locator("script").count() == 0 and page.locator("img").count() == 0
    page.close()


def test_the_table_of_readings_marks_the_run_s_cell_and_greys_what_was_not_in_force(
    browser, tmp_path: Path
) -> None:
    out = tmp_path / "kz.html"
    render(ROOT / "scenarios" / "kazakhstan-2022.yaml", out)
    page, errors, _ = open_page(browser, out)
    card = page.locator('article[data-item="kaz-assistance"]')
    row = card.locator("table.alternatives tr", has_text="Article 4 covers armed attack")
    assert row.count() == 1
    assert row.locator('td[aria-current="true"]').inner_text().startswith("true")
    assert "inadmissible" in row.inner_text()  # under the 1992 wording the request fails
    assert card.locator('td[aria-current="true"]').count() == 4  # one per key in force
    row.scroll_into_view_if_needed()
    ARTIFACTS.mkdir(exist_ok=True)
    card.screenshot(path=str(ARTIFACTS / "readings-kazakhstan.png"))
    page.close()
    out = tmp_path / "moscow.html"
    render(ROOT / "scenarios" / "moscow-2009.yaml", out)
    page, errors, _ = open_page(browser, out)
    card = page.locator('article[data-item="crrf-decision"]')
    grey = card.locator("table.alternatives tr.not-in-force")
    assert grey.count() == 1 and "Limited format" in grey.inner_text()
    assert "not in force" in grey.inner_text() and "19 Dec 2012" in grey.inner_text()
    assert errors == []
    page.close()


def test_the_step_view_reveals_one_decision_at_a_time_without_scripts(
    browser, tmp_path: Path
) -> None:
    out = tmp_path / "steps.html"
    argv = ["run", str(ROOT / "scenarios" / "moscow-2009.yaml"), "--format", "html", "--steps"]
    assert main([*argv, "--out", str(out)]) == 0
    html = out.read_text()
    assert "<script" not in html and "Content-Security-Policy" in html
    page, errors, requests = open_page(browser, out)
    assert page.locator("#intro").is_visible() and not page.locator("#step-1").is_visible()
    page.get_by_role("link", name="begin").click()
    step = page.locator("#step-1")
    assert step.is_visible() and not page.locator("#step-2").is_visible()
    badge = step.locator("details.reveal .badge").first
    assert not badge.is_visible()  # decide first
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "steps-hidden.png"))
    step.locator("summary").click()
    assert badge.is_visible() and badge.inner_text() == "rejected"
    page.screenshot(path=str(ARTIFACTS / "steps-revealed.png"), full_page=True)
    step.get_by_role("link", name="next").click()
    assert page.locator("#step-2").is_visible() and not step.is_visible()
    page.keyboard.press("Alt+p")  # the access key back
    assert errors == [] and requests == [out.as_uri()]
    page.close()


def test_authors_matter_is_folded_and_the_page_prints(browser, tmp_path: Path) -> None:
    out = tmp_path / "kz.html"
    render(ROOT / "scenarios" / "kazakhstan-2022.yaml", out)
    page, errors, _ = open_page(browser, out)
    assert not page.get_by_text("holds", exact=True).first.is_visible()  # folded away
    summary = page.locator("#authors summary")
    summary.scroll_into_view_if_needed()
    summary.click()
    assert page.get_by_text("holds", exact=True).first.is_visible()
    page.emulate_media(media="print")
    pdf_free_height = page.evaluate("document.body.scrollHeight")
    assert pdf_free_height > 0 and not page.locator(".graph").is_visible()  # print hides it
    assert errors == []
    page.close()


def test_the_step_view_prints_its_outcomes(browser, tmp_path: Path) -> None:
    """Found by review: on paper the hidden outcomes must show (Chromium hides a closed
    details element's content through ::details-content)."""
    out = tmp_path / "steps.html"
    argv = ["run", str(ROOT / "scenarios" / "moscow-2009.yaml"), "--format", "html", "--steps"]
    assert main([*argv, "--out", str(out)]) == 0
    page, errors, _ = open_page(browser, out)
    page.emulate_media(media="print")
    assert page.locator("#step-1 details.reveal .why").is_visible()
    assert page.locator("#step-3").is_visible() and errors == []
    page.close()
