"""The engine composes the rules faithfully, in a documented order, deterministically."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from cstosim.members import members_on
from cstosim.report.trace import to_jsonl
from cstosim.rules.article4 import Request, admissibility
from cstosim.rules.consensus import Position, decide, sensitive_to
from tests.engine.helpers import records, run_data, trace

ROOT = Path(__file__).resolve().parents[2]
SIX = ["ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"]
POSITIONS = [p.value for p in Position]


def base(**kw) -> dict:
    d = {"name": "t", "start": "2022-01-01", "end": "2022-12-31", "members": SIX}
    d.update(kw)
    return d


@settings(max_examples=60, deadline=None)
@given(
    st.dictionaries(st.sampled_from(SIX), st.sampled_from(POSITIONS)),
    st.sampled_from(["dissent", "no_objection", "consent"]),
    st.booleans(),
    st.sampled_from([None, 0.5, 0.67, 1.0]),
)
def test_engine_agrees_with_the_rule_function(pos, rule14, lf, quorum) -> None:
    rules = {"rule14": rule14, "limited_format": lf}
    if quorum is not None:
        rules["quorum"] = quorum
    run = run_data(
        base(
            rules=rules,
            events=[
                {"date": "2022-03-01", "type": "session", "items": [{"id": "x", "positions": pos}]}
            ],
        )
    )
    (rec,) = records(run, "decision")
    full = {m: pos.get(m, "support") for m in SIX}
    expected = decide(full, rule14=rule14, limited_format=lf, quorum=quorum)
    assert rec["outcome"] == expected.outcome.value
    assert rec["bound"] == list(expected.bound)
    assert rec["blockers"] == list(expected.blockers)
    assert rec["may_accede"] == list(expected.may_accede)
    assert rec["cites"] == list(expected.cites)
    assert rec["why"] == expected.why
    kw = {"rule14": rule14, "limited_format": lf, "quorum": quorum}
    assert rec["sensitive_to"] == list(sensitive_to(full, **kw))


def test_kazakhstan_timeline() -> None:
    from cstosim.engine import compile_scenario, simulate
    from cstosim.scenario import load_scenario

    sc, _ = load_scenario(ROOT / "scenarios" / "kazakhstan-2022.yaml")
    run = simulate(compile_scenario(sc))
    kinds = [r["kind"] for r in trace(run)]
    order = ["request", "consultation", "decision", "deployment", "report", "withdrawal"]
    positions = [kinds.index(k) for k in order]
    assert positions == sorted(positions)
    dep = records(run, "deployment")[0]
    assert dep["contributors"] == ["ARM", "BLR", "KGZ", "RUS", "TJK"] and dep["total"] == 2030
    assert records(run, "report")[0]["cites"] == ["cst.4.2010", "un.51"]


def test_every_request_ends_in_exactly_one_decision() -> None:
    events = [
        {"date": "2022-01-05", "type": "request_assistance", "by": "KAZ", "threat": "armed_attack"},
        {
            "date": "2022-02-05",
            "type": "request_assistance",
            "by": "KGZ",
            "threat": "internal_unrest",
        },
        {
            "date": "2022-03-05",
            "type": "request_assistance",
            "by": "ARM",
            "threat": "threat",
            "from": "AZE",
            "positions": {"BLR": "object"},
        },
        {
            "date": "2022-04-05",
            "type": "request_assistance",
            "by": "RUS",
            "against": "ARM",
            "threat": "aggression",
        },
    ]
    run = run_data(base(events=events))
    decisions = records(run, "decision")
    assert len(decisions) == 4
    assert [d["outcome"] for d in decisions] == [
        "adopted",
        "inadmissible",
        "rejected",
        "inadmissible",
    ]
    assert {d["item"] for d in decisions} == {r["item"] for r in records(run, "request")}
    assert [d["item_kind"] for d in decisions] == [
        "assistance",
        "assistance",
        "article2_measures",
        "assistance",
    ]
    assert not [
        r for r in trace(run) if r["kind"] == "deployment" and r["item"] != decisions[0]["item"]
    ]


@settings(max_examples=30, deadline=None)
@given(
    st.sampled_from(["aggression", "armed_attack", "threat", "internal_unrest"]),
    st.dictionaries(st.sampled_from(SIX), st.sampled_from(POSITIONS)),
    st.dates(min_value=dt.date(2005, 1, 1), max_value=dt.date(2030, 1, 1)),
)
def test_admissibility_never_depends_on_positions(threat, pos, day) -> None:
    d = {
        "name": "t",
        "start": day.isoformat(),
        "end": (day + dt.timedelta(days=5)).isoformat(),
        "events": [
            {
                "date": day.isoformat(),
                "type": "request_assistance",
                "by": "KAZ",
                "threat": threat,
                "positions": pos,
            }
        ],
    }
    run = run_data(d)
    (req,) = records(run, "request")
    expected = admissibility(Request(day, "KAZ", threat), members_on(day))
    assert req["admissible"] == expected.admissible
    assert (records(run, "decision")[0]["outcome"] == "inadmissible") == (not expected.admissible)


def test_before_the_protocol_armed_attack_is_inadmissible_and_not_a_reading() -> None:
    d = {
        "name": "t",
        "start": "2010-01-01",
        "end": "2010-01-31",
        "events": [
            {
                "date": "2010-01-05",
                "type": "request_assistance",
                "by": "KAZ",
                "threat": "armed_attack",
            }
        ],
    }
    # In 2010 the amended wording is no reading in force, so nothing contested decides this
    (dec,) = records(run_data(d), "decision")
    assert dec["outcome"] == "inadmissible" and dec["sensitive_to"] == []
    (dec,) = records(run_data(d, overrides={"armed_attack": True}), "decision")
    assert dec["outcome"] == "adopted" and dec["sensitive_to"] == ["armed_attack"]
    # where the scenario sets the key itself, the other value is tried on every day
    (dec,) = records(run_data(d, overrides={"armed_attack": False}), "decision")
    assert dec["outcome"] == "inadmissible" and dec["sensitive_to"] == ["armed_attack"]


def test_probabilistic_positions_follow_the_seed() -> None:
    pos = {m: {"support": 0.5, "object": 0.25, "absent": 0.25} for m in SIX}
    d = base(
        events=[
            {
                "date": "2022-03-01",
                "type": "session",
                "items": [{"id": f"i{k}", "positions": pos} for k in range(20)],
            }
        ]
    )
    a, b, c = run_data(d, seed=1), run_data(d, seed=1), run_data(d, seed=2)
    assert to_jsonl(a) == to_jsonl(b)
    assert to_jsonl(a) != to_jsonl(c)
    drawn = [p for r in records(a, "decision") for p in r["positions"].values()]
    assert set(drawn) == {"support", "object", "absent"}


def test_same_day_order_is_documented() -> None:
    # membership, then requests, then sessions, then follow-ups, then accessions; file order
    # does not matter.
    d = {
        "name": "t",
        "start": "2022-01-01",
        "end": "2022-01-31",
        "members": SIX,
        "events": [
            {"date": "2022-01-10", "type": "accede", "member": "UZB", "item": "a"},
            {"date": "2022-01-10", "type": "session", "items": [{"id": "a"}]},
            {
                "date": "2022-01-10",
                "type": "request_assistance",
                "by": "KAZ",
                "threat": "aggression",
                "positions": {},
            },
            {"date": "2022-01-10", "type": "join", "member": "UZB"},
        ],
    }
    run = run_data(d, overrides={"response_days": 0})
    kinds = [r["kind"] for r in trace(run) if r["date"] == "2022-01-10"]
    assert kinds[0] == "membership"
    assert kinds.index("request") < kinds.index("session")
    # the accession comes last: UZB joined in the morning, took part in 'a', so is bound already
    last = [r for r in trace(run) if r["date"] == "2022-01-10"][-1]
    assert last["kind"] == "note" and "UZB is already bound by a" in last["text"]
    sess = [r for r in trace(run) if r["kind"] == "session"]
    assert sess[0]["items"] == ["a"]  # the file's session comes before the extraordinary one


def test_same_seed_gives_byte_identical_jsonl_across_hash_seeds(tmp_path: Path) -> None:
    outs = []
    for hs in ("1", "12345"):
        out = tmp_path / f"t{hs}.jsonl"
        env = {**os.environ, "PYTHONHASHSEED": hs}
        p = subprocess.run(
            [
                sys.executable,
                "-m",
                "cstosim",
                "run",
                str(ROOT / "scenarios" / "moscow-2009.yaml"),
                "--format",
                "jsonl",
                "--out",
                str(out),
                "--seed",
                "7",
            ],
            capture_output=True,
            env=env,
            timeout=120,
        )
        assert p.returncode == 0, p.stderr
        outs.append(out.read_bytes())
    assert outs[0] == outs[1] and outs[0]
    assert all(json.loads(line)["date"] for line in outs[0].decode().splitlines())


def test_withdrawal_takes_six_months_and_the_chair_moves_on() -> None:
    d = {
        "name": "t",
        "start": "2022-01-01",
        "end": "2023-12-31",
        "members": SIX,
        "chair": "ARM",
        "events": [{"date": "2022-02-01", "type": "withdraw", "member": "ARM"}],
    }
    run = run_data(d)
    mem = records(run, "membership")
    assert [(r["date"], r["change"]) for r in mem] == [
        ("2022-02-01", "withdraw_notice"),
        ("2022-08-01", "withdraw"),
    ]
    chairs = records(run, "chair")
    assert chairs[0]["date"] == "2022-08-01" and chairs[0]["member"] == "BLR"
    assert chairs[1]["date"] == "2023-01-01" and chairs[1]["member"] == "KAZ"


def test_suspended_member_loses_its_vote_and_its_turn() -> None:
    d = {
        "name": "t",
        "start": "2012-06-01",
        "end": "2016-12-31",
        "chair": "KAZ",
        "events": [
            {
                "date": "2012-12-19",
                "type": "session",
                "items": [{"id": "suspend-uzb", "kind": "suspension", "member": "UZB"}],
            },
            {"date": "2013-05-01", "type": "session", "items": [{"id": "later"}]},
        ],
    }
    run = run_data(d)
    later = next(r for r in records(run, "decision") if r["item"] == "later")
    assert "UZB" not in later["positions"]
    assert [r["member"] for r in records(run, "chair")] == ["KGZ", "RUS", "TJK", "ARM"]


def test_host_rotation_hands_over_at_regular_sessions_only() -> None:
    d = {
        "name": "t",
        "start": "2006-01-01",
        "end": "2008-12-31",
        "chair": "RUS",
        "events": [
            {"date": "2006-06-23", "type": "session", "host": "BLR"},
            {"date": "2007-01-10", "type": "session", "host": "KAZ", "extraordinary": True},
            {
                "date": "2007-10-06",
                "type": "session",
                "host": "TJK",
                "items": [{"id": "keep-kgz", "kind": "chair", "member": "KGZ"}],
            },
        ],
    }
    run = run_data(d)
    assert [(r["date"], r["member"]) for r in records(run, "chair")] == [
        ("2006-06-23", "BLR"),
        ("2007-10-06", "KGZ"),
    ]


def test_yearly_rotation_starts_from_the_chair_in_office_in_2011() -> None:
    d = {
        "name": "t",
        "start": "2010-12-01",
        "end": "2012-06-30",
        "chair": "RUS",
        "events": [
            {
                "date": "2010-12-10",
                "type": "session",
                "host": "RUS",
                "items": [{"id": "blr-chairs", "kind": "chair", "member": "BLR"}],
            }
        ],
    }
    run = run_data(d)
    assert [(r["date"], r["member"]) for r in records(run, "chair")] == [
        ("2010-12-10", "BLR"),
        ("2012-01-01", "KAZ"),
    ]


def test_council_choice_with_a_from_date() -> None:
    d = base(
        chair="ARM",
        events=[
            {
                "date": "2022-03-01",
                "type": "session",
                "items": [{"id": "c", "kind": "chair", "member": "TJK", "from": "2022-04-01"}],
            }
        ],
    )
    run = run_data(d)
    assert [(r["date"], r["member"]) for r in records(run, "chair")] == [("2022-04-01", "TJK")]
    assert run.chair_on(dt.date(2022, 3, 31)) == "ARM"


def test_accession_adds_a_bound_member() -> None:
    d = {
        "name": "t",
        "start": "2009-06-01",
        "end": "2009-12-31",
        "chair": "ARM",
        "events": [
            {
                "date": "2009-06-14",
                "type": "session",
                "items": [{"id": "crrf", "positions": {"BLR": "absent"}}],
            },
            {"date": "2009-10-20", "type": "accede", "member": "BLR", "item": "crrf"},
        ],
    }
    run = run_data(d, overrides={"rule14": "no_objection"})
    (acc,) = records(run, "accession")
    assert "BLR" in acc["bound"] and list(run.decisions["crrf"].bound) == acc["bound"]
    run = run_data(d)
    assert not records(run, "accession") and records(run, "note")


def test_frozen_member_stands_aside_by_default() -> None:
    d = {
        "name": "t",
        "start": "2025-01-01",
        "end": "2025-12-31",
        "events": [{"date": "2025-11-27", "type": "session", "items": [{"id": "budget"}]}],
    }
    (dec,) = records(run_data(d), "decision")
    assert dec["positions"]["ARM"] == "stand_aside" and dec["outcome"] == "adopted_limited"
    assert "UZB" not in dec["positions"]


def test_a_dated_council_choice_replaces_the_next_handover() -> None:
    # 19 Dec 2012: Kyrgyzstan takes over from Kazakhstan for 2013 (research file section 4).
    d = {
        "name": "t",
        "start": "2012-06-01",
        "end": "2014-06-30",
        "chair": "KAZ",
        "events": [
            {
                "date": "2012-12-19",
                "type": "session",
                "items": [
                    {
                        "id": "kgz",
                        "kind": "chair",
                        "member": "KGZ",
                        "from": "2012-12-19",
                        "replaces_next_handover": True,
                    }
                ],
            }
        ],
    }
    run = run_data(d)
    assert [(r["date"], r["member"]) for r in records(run, "chair")] == [
        ("2012-12-19", "KGZ"),
        ("2014-01-01", "RUS"),
    ]


def test_a_council_choice_without_a_vote_is_ignored() -> None:
    d = {
        "name": "t",
        "start": "2000-01-01",
        "end": "2001-06-30",
        "chair": "ARM",
        "rules": {"rotation": "russian_alphabet"},
        "events": [
            {
                "date": "2000-01-01",
                "type": "session",
                "items": [{"id": "c", "kind": "chair", "member": "AZE"}],
            }
        ],
    }
    run = run_data(d)
    assert [r["member"] for r in records(run, "chair")] == ["BLR"]
    assert any("AZE" in r["text"] for r in records(run, "note"))


def test_a_member_aggressor_keeps_its_voice_and_never_contributes() -> None:
    ev = {
        "date": "2022-09-14",
        "type": "request_assistance",
        "by": "KGZ",
        "from": "TJK",
        "threat": "aggression",
        "positions": {"TJK": "object"},
    }
    d = {"name": "t", "start": "2022-09-01", "end": "2022-12-31", "events": [ev]}
    dec = records(run_data(d), "decision")[0]
    assert dec["blockers"] == ["TJK"] and dec["outcome"] == "rejected"
    del ev["positions"]  # like any member, by default it supports (design 5.1)
    run = run_data(d)
    assert records(run, "decision")[0]["outcome"] == "adopted"
    assert "TJK" not in records(run, "deployment")[0]["contributors"]


def test_no_force_deploys_when_only_the_requester_is_bound() -> None:
    others = {m: "absent" for m in SIX if m != "KAZ"}
    d = base(
        events=[
            {
                "date": "2022-01-05",
                "type": "request_assistance",
                "by": "KAZ",
                "threat": "aggression",
                "positions": others,
            }
        ]
    )
    run = run_data(d, overrides={"rule14": "no_objection"})
    assert records(run, "decision")[0]["outcome"] == "adopted"
    assert not records(run, "deployment") and not records(run, "report")


def test_admitted_armed_attack_is_flagged_as_turning_on_the_protocol() -> None:
    d = base(
        events=[
            {
                "date": "2022-01-05",
                "type": "request_assistance",
                "by": "KAZ",
                "threat": "armed_attack",
            }
        ]
    )
    assert records(run_data(d), "decision")[0]["sensitive_to"] == ["armed_attack"]


def test_a_dated_choice_without_replacing_lets_the_rotation_go_on() -> None:
    d = base(
        chair="ARM",
        end="2024-12-31",
        events=[
            {
                "date": "2022-06-01",
                "type": "session",
                "items": [{"id": "c", "kind": "chair", "member": "KGZ", "from": "2022-06-01"}],
            }
        ],
    )
    run = run_data(d)
    assert [(r["date"], r["member"]) for r in records(run, "chair")] == [
        ("2022-06-01", "KGZ"),
        ("2023-01-01", "RUS"),
        ("2024-01-01", "TJK"),
    ]


def test_a_choice_dated_1_january_is_that_day_s_only_handover() -> None:
    d = base(
        chair="ARM",
        start="2022-06-01",
        end="2024-12-31",
        events=[
            {
                "date": "2022-12-01",
                "type": "session",
                "items": [{"id": "c", "kind": "chair", "member": "KAZ", "from": "2023-01-01"}],
            }
        ],
    )
    run = run_data(d)
    assert [(r["date"], r["member"]) for r in records(run, "chair")] == [
        ("2023-01-01", "KAZ"),
        ("2024-01-01", "KGZ"),
    ]


def test_under_host_rule_the_host_chairs_its_session() -> None:
    d = {
        "name": "t",
        "start": "2009-06-01",
        "end": "2009-07-01",
        "chair": "ARM",
        "events": [
            {"date": "2009-06-14", "type": "session", "host": "RUS", "items": [{"id": "a"}]}
        ],
    }
    run = run_data(d)
    kinds = [r["kind"] for r in trace(run)]
    # a scenario that sets its own chair is a what-if from its start, and says so
    assert kinds == ["note", "chair", "session", "decision"]
    assert "does not follow the record" in records(run, "note")[0]["text"]
    assert records(run, "session")[0]["chair"] == "RUS"


def test_history_applies_after_the_start() -> None:
    d = {
        "name": "t",
        "start": "2012-06-01",
        "end": "2013-03-01",
        "events": [{"date": "2013-02-01", "type": "session", "items": [{"id": "a"}]}],
    }
    run = run_data(d)
    mems = [(m["date"], m["member"], m["change"]) for m in records(run, "membership")]
    # Uzbekistan's note of 28 Jun 2012 (it stays away: absent, citing Rule 14, not the limited
    # format), then the Council's suspension
    assert mems == [("2012-06-28", "UZB", "freeze"), ("2012-12-19", "UZB", "suspend")]
    assert records(run, "membership")[0]["cites"] == ["rop.14.1"]
    assert "UZB" not in records(run, "decision")[0]["positions"]
    d["members"] = SIX
    assert not records(run_data(d), "membership")
