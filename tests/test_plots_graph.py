"""Plots (matplotlib) and the bodies' graph in DOT, Mermaid and SVG."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from cstosim.bodies import BODIES
from cstosim.cli import main

ROOT = Path(__file__).resolve().parents[1]
SUMMIT = str(ROOT / "scenarios" / "uncertain-summit-2026.yaml")
PNG = b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("ext", ["png", "svg"])
def test_chairs_plot(tmp_path: Path, ext: str, capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / f"chairs.{ext}"
    assert main(["chairs", "--from", "2011", "--to", "2030", "--plot", str(out)]) == 0
    data = out.read_bytes()
    if ext == "png":
        assert data.startswith(PNG) and len(data) > 5000
    else:
        root = ET.fromstring(data)
        assert root.tag.endswith("svg")
        assert b"projection" in data


def test_sweep_and_explore_plots(tmp_path: Path) -> None:
    s = tmp_path / "sweep.png"
    assert main(["sweep", SUMMIT, "--samples", "50", "--plot", str(s)]) == 0
    assert s.read_bytes().startswith(PNG)
    e = tmp_path / "power.svg"
    assert main(["explore", "--members", "ARM,BLR,KAZ", "--plot", str(e)]) == 0
    assert ET.fromstring(e.read_bytes()).tag.endswith("svg")


def test_odds_plot_shows_who_moves_them(tmp_path: Path) -> None:
    out = tmp_path / "odds.svg"
    assert main(["odds", SUMMIT, "--plot", str(out)]) == 0
    data = out.read_bytes()
    assert ET.fromstring(data).tag.endswith("svg")
    # a row for the file's own odds and for Armenia fixed to an objection, per item
    assert b"as in the file" in data and b"ARM object" in data and b"joint-statement" in data
    bad = tmp_path / "odds.gif"
    with pytest.raises(SystemExit) as e:
        main(["odds", SUMMIT, "--plot", str(bad)])
    assert e.value.code == 2 and not bad.exists()


def test_bad_plot_path(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert (
        main(["chairs", "--from", "2011", "--to", "2012", "--plot", str(tmp_path / "x.gif")]) == 1
    )
    assert ".png or .svg" in capsys.readouterr().err
    bad = tmp_path / "missing" / "x.png"
    assert main(["chairs", "--from", "2011", "--to", "2012", "--plot", str(bad)]) == 1


def test_graph_formats(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["graph", "--format", "dot"]) == 0
    dot = capsys.readouterr().out
    assert dot.startswith("digraph") and all(f"  {b} [" in dot for b in BODIES)
    assert main(["graph", "--format", "mermaid"]) == 0
    mer = capsys.readouterr().out
    assert mer.startswith("flowchart") and "PC ==>|chair rotates with| CSC" in mer
    out = tmp_path / "g.svg"
    assert main(["graph", "--format", "svg", "--out", str(out)]) == 0
    root = ET.fromstring(out.read_text())
    ns = "{http://www.w3.org/2000/svg}"
    bodies = [g.get("data-body") for g in root.iter(f"{ns}g")]
    assert sorted(bodies) == sorted(BODIES)


def test_the_graph_marks_the_bodies_that_acted() -> None:
    from cstosim.report.graph import to_svg

    svg = to_svg({"CMFA"})
    acting = [b for b in BODIES if f'class="body acting" data-body="{b}"' in svg]
    assert acting == ["CMFA"]
    assert 'class="body acting" data-body="CSC"' in to_svg()  # none given: the Council
    assert 'font-size="13"' in svg and 'font-size="10"' not in svg  # legible from the back


def test_the_explore_plot_shows_who_blocks_per_reading(tmp_path: Path) -> None:
    out = tmp_path / "blocks.svg"
    assert main(["explore", "--members", "ARM,BLR,KAZ", "--plot", str(out)]) == 0
    svg = out.read_bytes()
    assert b"dissent, limited format off" in svg and b"blocks" in svg
    assert b"Banzhaf index" not in svg  # equal power under consensus: no bars that teach nothing
    out = tmp_path / "weighted.svg"
    argv = ["explore", "--set", "decision=qualified_majority", "--set", "weights=RUS:50,KAZ:15"]
    assert main([*argv, "--plot", str(out)]) == 0
    assert b"Banzhaf index" in out.read_bytes() and b"Shapley-Shubik index" in out.read_bytes()


def test_the_chairs_plot_is_by_day_with_the_2011_switch_and_inferred_terms(
    tmp_path: Path,
) -> None:
    out = tmp_path / "chairs.svg"
    assert main(["chairs", "--from", "2006", "--to", "2030", "--plot", str(out)]) == 0
    svg = out.read_bytes()
    assert b"yearly rotation from 1 Jan 2011" in svg and b"by day" in svg
    assert b"inferred" in svg and b"projection" in svg
    sg = tmp_path / "sg.svg"
    argv = ["chairs", "--from", "2020", "--to", "2030", "--office", "sg", "--plot", str(sg)]
    assert main(argv) == 0 and b"By year" in sg.read_bytes()


def test_plots_of_nothing_say_so_without_a_traceback(cli, tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[1] / "scenarios"
    p = cli("chairs", str(root / "kyrgyzstan-2010.yaml"), "--plot", str(tmp_path / "k.png"))
    assert p.returncode == 1 and "holds no 1 July" in p.stderr and "Traceback" not in p.stderr
    out = tmp_path / "o.png"
    p = cli("odds", str(root / "chairs-2011-2026.yaml"), "--plot", str(out))
    assert p.returncode == 0 and "no plot to draw" in p.stderr and not out.exists()


@pytest.mark.parametrize(
    "lang,title,word",
    [
        ("ru", "Председатель СКБ по дням: факт, затем прогноз", "блокирует"),
        ("ar", "رئاسة مجلس الأمن الجماعي يومًا بيوم: السجل ثم الإسقاط", "يعطّل"),
    ],
)
def test_plots_speak_the_language_of_the_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, title: str, word: str
) -> None:
    import matplotlib.text

    from cstosim.report import plots

    shown: list[str] = []
    save = plots._save

    def keep_text(fig, path):  # the words on the figure, as matplotlib is given them
        shown.extend(t.get_text() for t in fig.findobj(matplotlib.text.Text))
        save(fig, path)

    monkeypatch.setattr(plots, "_save", keep_text)
    assert (
        main(
            [
                "chairs",
                "--from",
                "2005",
                "--to",
                "2030",
                "--plot",
                str(tmp_path / "c.png"),
                "--lang",
                lang,
            ]
        )
        == 0
    )
    assert main(["explore", "--plot", str(tmp_path / "e.png"), "--lang", lang]) == 0
    assert title in shown and word in shown
    english = {"CSC chair by day: record, then projection", "blocks", "date", "record"}
    assert not english & set(shown)
