"""The record of CSC chairs and Secretaries General, and their projection under the rules.

The record is the chair on 1 July of each year (research file section 4). Years after the last
recorded one are projected with the rotation in force (practice.rotation_2011, and
csc.2015.sg_rotation for the Secretary General) over the membership on 1 January of each year.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from cstosim.errors import HistoryError
from cstosim.members import Status, members_on
from cstosim.rules.rotation import next_in_turn

__all__ = [
    "CHAIR_RECORD",
    "SG_RECORD",
    "ChairYear",
    "HistoryError",
    "chair_on",
    "chair_table",
    "eligible_for_turn",
    "sg_table",
]

MAX_SPAN_YEARS = 1000
LAST_YEAR = 9999


@dataclass(frozen=True, slots=True)
class ChairYear:
    """Who held an office in a year, and whether that comes from the record or a projection."""

    year: int
    member: str
    source: str  # "record" | "projection"
    confirmed: bool = True
    note: str = ""

    def as_dict(self) -> dict[str, object]:
        """The row as JSON-ready data (design 5.3 fields first)."""
        d: dict[str, object] = {"year": self.year, "member": self.member, "source": self.source}
        if self.source == "record":
            d["confirmed"] = self.confirmed
        if self.note:
            d["note"] = self.note
        return d


# year -> (member, confirmed, note): the chair on 1 July of that year.
CHAIR_RECORD: dict[int, tuple[str, bool, str]] = {
    2002: ("RUS", True, "Moscow session of 14 May 2002"),
    2003: ("TJK", False, "host of the Dushanbe session of 28 Apr 2003; chair unconfirmed"),
    2004: ("KAZ", True, "Astana session of 18 Jun 2004"),
    2005: ("RUS", False, "host of the Moscow session of 23 Jun 2005; chair inferred"),
    2006: ("BLR", False, "host of the Minsk session of 23 Jun 2006; chair inferred"),
    2007: ("KGZ", True, "took the chair in June 2007; Tajikistan hosted in October"),
    2008: ("KGZ", True, "chair until the Moscow session of 5 Sep 2008"),
    2009: ("RUS", True, "temporary chair from 14 Jun 2009: Belarus, due, boycotted"),
    2010: ("RUS", True, "chair until 10 Dec 2010"),
    2011: ("BLR", True, ""),
    2012: ("KAZ", True, ""),
    2013: ("KGZ", True, "chair until the Sochi session of 23 Sep 2013"),
    2014: ("RUS", True, ""),
    2015: ("TJK", True, ""),
    2016: ("ARM", True, ""),
    2017: ("BLR", True, ""),
    2018: ("KAZ", True, ""),
    2019: ("KGZ", True, ""),
    2020: ("RUS", True, ""),
    2021: ("TJK", True, ""),
    2022: ("ARM", True, ""),
    2023: ("BLR", True, ""),
    2024: ("KAZ", True, ""),
    2025: ("KGZ", True, ""),
    2026: ("RUS", True, "from 1 Jan 2026"),
}

# first year of a three-year term -> member (csc.2015.sg_rotation; research 2.6)
SG_RECORD: dict[int, tuple[str, bool, str]] = {
    2020: ("BLR", True, "Zas"),
    2023: ("KAZ", True, "Tasmagambetov"),
    2026: ("KGZ", True, "Masadykov"),
}
SG_TERM_YEARS = 3


def eligible_for_turn(day: date) -> list[str]:
    """The members who take turns on ``day``: voting or frozen, not suspended."""
    return [m for m, s in members_on(day).items() if s is not Status.SUSPENDED]


def _check_span(start: int, end: int, first: int) -> None:
    """Raise HistoryError unless ``start``..``end`` is a span we can answer."""
    if end < start:
        raise HistoryError(f"the last year {end} is before the first year {start}")
    if start < first:
        raise HistoryError(f"the record starts in {first}; allowed: years from {first} on")
    if end > LAST_YEAR:
        raise HistoryError(f"years run up to {LAST_YEAR}; asked for {end}")
    if end - start >= MAX_SPAN_YEARS:
        raise HistoryError(f"at most {MAX_SPAN_YEARS} years at a time; asked for {end - start + 1}")


def chair_table(start: int, end: int) -> list[ChairYear]:
    """The CSC chair on 1 July of each year from ``start`` to ``end``: record, then projection."""
    first, last = min(CHAIR_RECORD), max(CHAIR_RECORD)
    _check_span(start, end, first)
    rows = [
        ChairYear(y, CHAIR_RECORD[y][0], "record", CHAIR_RECORD[y][1], CHAIR_RECORD[y][2])
        for y in range(start, min(end, last) + 1)
    ]
    chair = CHAIR_RECORD[last][0]
    for year in range(last + 1, end + 1):
        # 1 January handover: the next member after the current chair (practice.rotation_2011)
        chair = next_in_turn(chair, eligible_for_turn(date(year, 1, 1)))
        if year >= start:
            rows.append(ChairYear(year, chair, "projection"))
    return rows


def sg_table(start: int, end: int) -> list[ChairYear]:
    """The Secretary General's member state in each year from ``start`` to ``end``."""
    first, last = min(SG_RECORD), max(SG_RECORD)
    _check_span(start, end, first)
    rows: list[ChairYear] = []
    term_start, holder = last, SG_RECORD[last][0]
    for year in range(start, end + 1):
        recorded = [y for y in SG_RECORD if y <= year < y + SG_TERM_YEARS]
        if recorded:
            member, confirmed, note = SG_RECORD[recorded[0]]
            rows.append(ChairYear(year, member, "record", confirmed, note))
            continue
        while year >= term_start + SG_TERM_YEARS:
            term_start += SG_TERM_YEARS
            holder = next_in_turn(holder, eligible_for_turn(date(term_start, 1, 1)))
        rows.append(ChairYear(year, holder, "projection"))
    return rows


# Changes of chair before the yearly rotation (research file section 4): date -> member.
CHAIR_CHANGES_BEFORE_2012: tuple[tuple[date, str], ...] = (
    (date(2002, 5, 14), "RUS"),
    (date(2003, 4, 28), "TJK"),  # unconfirmed: host of the Dushanbe session
    (date(2004, 6, 18), "KAZ"),
    (date(2005, 6, 23), "RUS"),
    (date(2006, 6, 23), "BLR"),
    (date(2007, 6, 1), "KGZ"),  # "in June 2007"; the day is assumed
    (date(2008, 9, 5), "ARM"),
    (date(2009, 6, 14), "RUS"),
    (date(2010, 12, 10), "BLR"),
)


def chair_on(day: date) -> str | None:
    """The CSC chair on ``day`` by the record (projected after it), or None before 2002."""
    if day.year >= 2012:
        return chair_table(day.year, day.year)[0].member
    current = None
    for since, member in CHAIR_CHANGES_BEFORE_2012:
        if since <= day:
            current = member
    return current
