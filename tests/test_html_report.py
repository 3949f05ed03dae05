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
    assert set(re.findall(r'badge (\w+)"', table)) == {"no_quorum"}


def test_inadmissible_card_says_what_decides_it(tmp_path: Path) -> None:
    html = report(tmp_path, "kazakhstan-2022-before-protocol.yaml")
    card = html[html.index('data-outcome="inadmissible"') :]
    card = card[: card.index("</article>")]
    assert "armed_attack" in card and "would change it" in card


def test_report_cites_paraphrases_and_escapes(tmp_path: Path) -> None:
    html = report(tmp_path, "kazakhstan-2022.yaml")
    assert "Collective defence as amended" in html  # cst.4.2010's title
    assert "Content-Security-Policy" in html and "<script" not in html
    assert "http://" not in html.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in html
