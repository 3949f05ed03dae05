"""The HTML report's content, without a browser (the browser tests are in tests/browser/)."""

from __future__ import annotations

import re
from pathlib import Path

from cstosim.cli import main

ROOT = Path(__file__).resolve().parents[1]


def report(tmp_path: Path, scenario: str, *args: str, status: int = 0) -> str:
    out = tmp_path / "r.html"
    argv = ["run", str(ROOT / "scenarios" / scenario), "--format", "html", "--out", str(out)]
    assert main([*argv, *args]) == status
    return out.read_text()


def test_other_readings_table_uses_the_run_s_quorum(tmp_path: Path) -> None:
    # the file's expectations are written for no quorum, so the run reports them failed (1)
    html = report(tmp_path, "moscow-2009.yaml", "--set", "quorum=1", status=1)
    table = html[html.index('class="alternatives"') :]
    table = table[: table.index("</table>")]
    rule14 = table[table.index("Rule 14") : table.index("</tr>", table.index("Rule 14"))]
    assert set(re.findall(r'badge (\w+)"', rule14)) == {"no_quorum"}  # every reading, quorum 1
    current = re.findall(r'<td class="current" aria-current="true">(.*?)</td>', table)
    assert any('class="value">1<' in c for c in current)  # the run's own quorum, marked


def test_inadmissible_card_says_what_decides_it(tmp_path: Path) -> None:
    html = report(tmp_path, "kazakhstan-2022-before-protocol.yaml")
    card = html[html.index('data-outcome="inadmissible"') :]
    card = card[: card.index("</article>")]
    # the protocol was not in force in 2010: the card says why, and claims no contested reading
    assert "Until the 2010 protocol entered into force" in card
    assert "A contested reading decides this outcome" not in card


def test_report_cites_paraphrases_and_escapes(tmp_path: Path) -> None:
    html = report(tmp_path, "kazakhstan-2022.yaml")
    assert "Collective defence as amended" in html  # cst.4.2010's title
    assert "Content-Security-Policy" in html and "<script" not in html
    assert "http://" not in html.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in html


def test_the_table_of_readings_shows_a_cascade_and_says_so() -> None:
    """Session 1 suspends Uzbekistan with Belarus absent; at session 2 Uzbekistan objects to
    item a. Under 'dissent' the suspension fails and the objection blocks a; under the other
    readings Uzbekistan is suspended first, so a passes. Whole runs show it."""
    from cstosim import api

    text = """
name: cascade
start: 2023-03-01
end: 2023-03-31
members: [ARM, BLR, KAZ, KGZ, RUS, TJK, UZB]
events:
  - {date: 2023-03-10, type: session, items: [{id: s, kind: suspension, member: UZB,
      positions: {BLR: absent, UZB: support}}]}
  - {date: 2023-03-20, type: session, items: [{id: a, positions: {UZB: object}}]}
"""
    run = api.simulate_scenario(api.parse(text, "cascade.yaml"))
    assert run.decisions["a"].outcome == "rejected"
    html = api.render(run, "html")
    card = html[html.index('data-item="a"') :]
    card = card[: card.index("</article>")]
    # whole runs see the cascade: rule14 decides a, through the suspension before it
    assert run.decisions["a"].record.sensitive_to == ("rule14",)
    assert "A contested reading decides this outcome" in card and "rule14" in card
    assert "No other reading" not in card
    assert card.count("badge adopted") >= 2  # no_objection and consent, in the table


def test_steps_need_the_html_format(tmp_path: Path) -> None:
    import pytest

    with pytest.raises(SystemExit) as e:
        main(["run", str(ROOT / "scenarios" / "moscow-2009.yaml"), "--steps"])
    assert e.value.code == 2
    html = report(tmp_path, "kazakhstan-2022.yaml", "--steps")
    assert html.count('<section class="step"') == 4 and "<details" in html


def test_the_report_for_students_keeps_authors_matter_folded_at_the_end(tmp_path: Path) -> None:
    html = report(tmp_path, "kazakhstan-2022.yaml")
    authors = html.index('id="authors"')
    assert html.index("<details>", authors) < html.index("expectations", authors)
    assert html.index('id="decisions"') < html.index('id="glossary"') < authors
    assert "stand aside" in html[html.index('id="glossary"') :]
    # the deployment row names its contributors and troops
    row = html[html.index('class="ev deployment"') :]
    row = row[: row.index("</tr>")]
    assert "From ARM, BLR, KGZ, RUS, TJK (2,030 troops), for 30 days." in row
    assert "@media print" in html and "break-inside:avoid" in html


def test_the_report_speaks_in_names_and_plain_words(tmp_path: Path) -> None:
    html = report(tmp_path, "moscow-2009.yaml")
    header = html[html.index("<header>") : html.index("</header>")]
    assert "rule14=" not in header and "limited_format=" not in header
    assert "silent absence counts as withheld consent" in header
    assert "the host of each regular session chairs" in header
    card = html[html.index('data-item="crrf-decision"') :]
    card = card[: card.index("</article>")]
    assert "Belarus: absent" in card and 'title="BLR"' in card
    assert 'title="item id: crrf-decision"' in card  # the id in the hover, the title shown
