"""Runs true to the instruments (issue 10): dates of entry into force, who decides what, and
the other ways of deciding, as whole runs."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.engine.helpers import records, run_data

SIX = ["ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"]


def request(day: str, threat: str, body: str = "CSC") -> dict[str, Any]:
    return {"date": day, "type": "request_assistance", "by": "KAZ", "threat": threat, "body": body}


@pytest.mark.parametrize(
    ("day", "outcome", "cite"),
    [
        ("2011-06-01", "inadmissible", "cst.4"),  # signed 10 Dec 2010, not yet in force
        ("2012-12-18", "inadmissible", "cst.4"),
        ("2013-01-10", "adopted", "cst.4.2010"),  # in force from 19 Dec 2012
    ],
)
def test_armed_attack_counts_from_the_protocols_entry_into_force(
    day: str, outcome: str, cite: str
) -> None:
    end = day[:8] + "28"
    run = run_data(
        {"name": "t", "start": day, "end": end, "events": [request(day, "armed_attack")]}
    )
    (dec,) = records(run, "decision")
    assert dec["outcome"] == outcome and cite in dec["cites"], dec
    # the amended wording is no reading in force before 19 Dec 2012, so nothing contested
    # decides those; from that day, the other reading would turn the request away
    assert dec["sensitive_to"] == ([] if outcome == "inadmissible" else ["armed_attack"])


def test_the_limited_format_counts_from_19_dec_2012() -> None:
    items = [{"id": "x", "positions": {"ARM": "stand_aside"}}]
    for day, outcome in (("2012-12-18", "rejected"), ("2012-12-19", "adopted_limited")):
        run = run_data(
            {
                "name": "t",
                "start": day,
                "end": day,
                "members": SIX,
                "events": [{"date": day, "type": "session", "items": items}],
            }
        )
        assert records(run, "decision")[0]["outcome"] == outcome, day


@pytest.mark.parametrize(
    ("kind", "extra", "cite"),
    [
        ("suspension", {"member": "TJK"}, "charter.suspension"),
        ("admission", {"member": "UZB"}, "charter.19"),
        ("chair", {"member": "RUS"}, "charter.13"),
    ],
)
def test_a_body_without_competence_cannot_decide(
    kind: str, extra: dict[str, str], cite: str
) -> None:
    item = {"id": "x", "kind": kind, **extra}
    for body in ("CMFA", "CMD", "CSSC", "PC"):
        run = run_data(
            {
                "name": "t",
                "start": "2023-03-01",
                "end": "2023-03-31",
                "members": SIX,
                "events": [
                    {"date": "2023-03-10", "type": "session", "body": body, "items": [item]}
                ],
            }
        )
        (dec,) = records(run, "decision")
        assert (dec["outcome"], dec["cites"]) == ("inadmissible", [cite]), (body, dec)
        assert not records(run, "membership") and not records(run, "chair")[1:]


def test_a_deployment_put_to_the_foreign_ministers_is_inadmissible() -> None:
    day = "2023-03-10"
    run = run_data(
        {
            "name": "t",
            "start": "2023-03-01",
            "end": "2023-03-31",
            "events": [request(day, "aggression", body="CMFA")],
        }
    )
    (dec,) = records(run, "decision")
    assert dec["outcome"] == "inadmissible" and dec["cites"] == ["cst.6"]
    assert not records(run, "deployment")
    # Article 2 consultations are within the ministers' competence
    run = run_data(
        {
            "name": "t",
            "start": "2023-03-01",
            "end": "2023-03-31",
            "events": [request(day, "threat", body="CMFA")],
        }
    )
    assert records(run, "decision")[0]["outcome"] == "adopted"


def test_written_procedure_a_missing_signature_blocks_under_every_reading() -> None:
    item = {"id": "end", "procedure": "written", "positions": {"BLR": "absent"}}
    for reading in ("dissent", "no_objection", "consent"):
        run = run_data(
            {
                "name": "t",
                "start": "2023-03-01",
                "end": "2023-03-31",
                "members": SIX,
                "rules": {"rule14": reading},
                "events": [{"date": "2023-03-10", "type": "session", "items": [item]}],
            }
        )
        (dec,) = records(run, "decision")
        assert (dec["outcome"], dec["blockers"]) == ("rejected", ["BLR"]), reading
        assert "practice.written_procedure" in dec["cites"] and "rule14" not in dec["sensitive_to"]


def test_an_agreement_is_signed_and_acceded_to_later() -> None:
    run = run_data(
        {
            "name": "t",
            "start": "2009-06-01",
            "end": "2009-10-31",
            "events": [
                {
                    "date": "2009-06-14",
                    "type": "session",
                    "items": [
                        {
                            "id": "crrf",
                            "kind": "agreement",
                            "positions": {"BLR": "absent", "UZB": "abstain"},
                        }
                    ],
                },
                {"date": "2009-10-20", "type": "accede", "member": "BLR", "item": "crrf"},
            ],
        }
    )
    (dec,) = records(run, "decision")
    assert dec["outcome"] == "signed" and dec["bound"] == ["ARM", "KAZ", "KGZ", "RUS", "TJK"]
    assert dec["may_accede"] == ["BLR", "UZB"] and dec["sensitive_to"] == []
    (acc,) = records(run, "accession")
    assert acc["member"] == "BLR" and "BLR" in acc["bound"]


def test_a_basing_item_is_blocked_only_by_an_objection() -> None:
    def run(positions: dict[str, str], reading: str) -> dict[str, Any]:
        item = {
            "id": "base",
            "kind": "basing",
            "member": "KGZ",
            "third_state": "USA",
            "positions": positions,
        }
        r = run_data(
            {
                "name": "t",
                "start": "2023-03-01",
                "end": "2023-03-31",
                "members": SIX,
                "rules": {"rule14": reading},
                "events": [{"date": "2023-03-10", "type": "session", "items": [item]}],
            }
        )
        return records(r, "decision")[0]

    for reading in ("dissent", "no_objection", "consent"):
        assert run({"ARM": "absent"}, reading)["outcome"] == "adopted"
        assert run({"RUS": "object"}, reading)["outcome"] == "rejected"
    assert "csto.2011.bases" in run({}, "dissent")["cites"]


def test_a_procedural_question_says_its_rule_is_assumed() -> None:
    item = {"id": "p", "procedural": True, "positions": {"ARM": "object", "BLR": "object"}}
    run = run_data(
        {
            "name": "t",
            "start": "2023-03-01",
            "end": "2023-03-31",
            "members": SIX,
            "events": [{"date": "2023-03-10", "type": "session", "items": [item]}],
        }
    )
    (dec,) = records(run, "decision")
    assert dec["outcome"] == "adopted" and "assumption" in dec["why"]
    assert dec["cites"] == ["charter.12.procedural"]


def test_consultations_may_end_without_a_decision() -> None:
    ev = {**request("2021-05-13", "threat"), "by": "ARM", "no_decision": True}
    run = run_data({"name": "t", "start": "2021-05-01", "end": "2021-05-31", "events": [ev]})
    (dec,) = records(run, "decision")
    assert dec["outcome"] == "no_decision" and dec["positions"] == {}
    assert "cst.2.2010" in dec["cites"]  # Article 2 as amended, in force since 2012


def test_before_the_bases_protocol_a_basing_item_is_decided_by_consensus() -> None:
    item = {
        "id": "base",
        "kind": "basing",
        "member": "KGZ",
        "third_state": "USA",
        "positions": {"ARM": "absent"},
    }
    run = run_data(
        {
            "name": "t",
            "start": "2012-03-01",
            "end": "2012-03-31",
            "members": SIX,
            "events": [{"date": "2012-03-10", "type": "session", "items": [item]}],
        }
    )
    (dec,) = records(run, "decision")
    # silence blocks under the default reading: the no-objection formula is not yet in force
    assert dec["outcome"] == "rejected" and "not yet in force" in dec["why"]
    assert "csto.2011.bases" not in dec["cites"] and "rule14" in dec["sensitive_to"]


def test_accession_to_an_agreement_cites_the_agreement_rule() -> None:
    run = run_data(
        {
            "name": "t",
            "start": "2009-06-01",
            "end": "2009-10-31",
            "events": [
                {
                    "date": "2009-06-14",
                    "type": "session",
                    "items": [{"id": "a", "kind": "agreement", "positions": {"BLR": "absent"}}],
                },
                {"date": "2009-10-20", "type": "accede", "member": "BLR", "item": "a"},
            ],
        }
    )
    assert records(run, "accession")[0]["cites"] == ["practice.agreements"]


def test_a_reinstated_uzbekistan_takes_its_turn_in_2028() -> None:
    """Suspended since 2012 in the built-in history; the Council lifts the suspension in
    2027 (a what-if, design 2.4): it votes again and follows Tajikistan in the rotation."""
    run = run_data(
        {
            "name": "t",
            "start": "2027-01-01",
            "end": "2028-12-31",
            "events": [
                {"date": "2027-06-01", "type": "reinstate", "member": "UZB"},
                {"date": "2027-11-20", "type": "session", "items": [{"id": "x"}]},
            ],
        }
    )
    (m,) = [r for r in records(run, "membership") if r["member"] == "UZB"]
    assert m["change"] == "reinstate" and m["status"] == "voting"
    assert "charter.suspension" in m["cites"]
    assert "UZB" in records(run, "decision")[0]["positions"]
    assert run.chair_on(date(2028, 7, 1)) == "UZB"


def test_joining_while_suspended_is_refused_with_the_hint_to_reinstate() -> None:
    from cstosim.errors import PlanError

    for kind, member, words in (
        ("join", "UZB", "use a reinstate event"),
        ("reinstate", "KAZ", "is not suspended"),
        ("reinstate", "ARM", "unfreeze"),
    ):
        with pytest.raises(PlanError, match=words):
            run_data(
                {
                    "name": "t",
                    "start": "2027-01-01",
                    "end": "2027-12-31",
                    "events": [{"date": "2027-06-01", "type": kind, "member": member}],
                }
            )


def test_a_turn_the_council_passes_over_is_in_the_trace() -> None:
    """Frozen-Armenia 2028: the Council keeps Tajikistan in the chair for 2028; the handover
    day then records whose turn is passed over (a key event a class should see)."""
    from pathlib import Path

    from cstosim import api

    path = Path(__file__).resolve().parents[2] / "scenarios" / "frozen-armenia-2028.yaml"
    run = api.run(path)
    notes = [r for r in run["trace"] if r["kind"] == "note" and r["date"] == "2028-01-01"]
    assert len(notes) == 1 and "the turn of ARM" in notes[0]["text"]
