"""The record of CSC chairs and Secretaries General, and their projection under the rules.

The chair's record is a list of dated handovers (design 2.2, "Runs follow the record"): exact
dates where the sources give them (the session at which the chair passed), 1 January and marked
approximate where they give only a year. Runs apply these handovers on their dates, like the
membership history; the ``chairs`` command reads the same list. After the last recorded
handover the rule projects the next ones: yearly on 1 January, in the order of the members'
Russian names (practice.rotation_2011), over the members on that date. The Secretary General's
record runs from 2003, and after it the three-year terms rotate the same way
(csc.2015.sg_rotation). Every entry names its sources (``cstosim.sources``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from cstosim.errors import HistoryError
from cstosim.i18n import N_
from cstosim.members import Status, members_on
from cstosim.rules.rotation import next_in_turn

__all__ = [
    "CHAIR_HANDOVERS",
    "CHAIR_RECORD",
    "SG_TERMS",
    "ChairYear",
    "HistoryError",
    "RecordedChair",
    "SgTerm",
    "chair_on",
    "chair_table",
    "eligible_for_turn",
    "recorded_handovers",
    "sg_table",
]

MAX_SPAN_YEARS = 1000
LAST_YEAR = 9999


@dataclass(frozen=True, slots=True)
class RecordedChair:
    """A recorded handover of the CSC chair: from ``day``, ``member`` chairs.

    ``exact`` is False where the record gives only the year (or month) and ``day`` is assumed;
    ``confirmed`` is False where the chair itself is inferred (the host of the session).
    ``note`` is a catalogue message (marked with ``N_``): shown translated, kept in English in
    JSON and in a run's trace.
    """

    day: date
    member: str
    exact: bool
    confirmed: bool
    note: str
    sources: tuple[str, ...] = ()


CHAIR_HANDOVERS: tuple[RecordedChair, ...] = (
    RecordedChair(
        date(2002, 5, 14),
        "RUS",
        True,
        True,
        N_("Moscow session of 14 May 2002"),
        ("kremlin-2002-05-14-moscow-session", "vesti-2002-05-moscow-session"),
    ),
    RecordedChair(
        date(2003, 4, 28),
        "TJK",
        True,
        False,
        N_("host of the Dushanbe session of 28 Apr 2003; the chair is unconfirmed"),
        ("csc-2003-04-28-body-regulations",),
    ),
    RecordedChair(
        date(2004, 6, 18),
        "KAZ",
        True,
        True,
        N_("Astana session of 18 Jun 2004"),
        ("kremlin-2005-06-23-nazarbayev",),
    ),
    RecordedChair(
        date(2005, 6, 23),
        "RUS",
        True,
        False,
        N_("host of the Moscow session; the chair is inferred"),
        ("inforos-2005-06-moscow-session",),
    ),
    RecordedChair(
        date(2006, 6, 23),
        "BLR",
        True,
        False,
        N_("host of the Minsk session; the chair is inferred"),
        ("afn-2006-06-minsk-session", "upi-2006-06-25-uzbekistan-returns"),
    ),
    RecordedChair(
        date(2007, 6, 1),
        "KGZ",
        False,
        True,
        N_("took the chair in June 2007 (the day is assumed); Tajikistan hosted in October"),
        ("liquisearch-csto-2007", "ria-2007-10-06-bakiyev", "jamestown-2007-csto-central-asia"),
    ),
    RecordedChair(
        date(2008, 9, 5),
        "ARM",
        True,
        True,
        N_("Moscow session of 5 Sep 2008"),
        ("sputnik-2008-09-05-armenia-chair", "newsarmenia-2009-06-14-chair"),
    ),
    RecordedChair(
        date(2009, 6, 14),
        "RUS",
        True,
        True,
        N_("temporary chair from the Moscow session: Belarus, due, boycotted"),
        ("armenianclub-2009-06-15-crrf", "survincity-2013-02-russia-chair"),
    ),
    RecordedChair(
        date(2010, 12, 10),
        "BLR",
        True,
        True,
        N_("Moscow session of 10 Dec 2010"),
        ("rbc-2010-12-10-csc-moscow", "minsk-2010-12-belarus-chair"),
    ),
    RecordedChair(
        date(2011, 12, 20),
        "KAZ",
        True,
        True,
        N_("Moscow session of 20 Dec 2011"),
        ("sb-2011-csto-security-umbrella", "24kg-2011-chair-2012-kazakhstan"),
    ),
    RecordedChair(
        date(2012, 12, 19),
        "KGZ",
        True,
        True,
        N_("Moscow session of 19 Dec 2012"),
        ("tass-2012-12-kyrgyzstan-chair",),
    ),
    RecordedChair(
        date(2013, 9, 23),
        "RUS",
        True,
        True,
        N_("Sochi session of 23 Sep 2013"),
        ("kremlin-2013-09-23-sochi-session", "livekuban-2013-09-sochi"),
    ),
    RecordedChair(
        date(2014, 12, 23),
        "TJK",
        True,
        True,
        N_("Moscow session of 23 Dec 2014"),
        ("khovar-2014-12-23-csc-moscow",),
    ),
    *(
        RecordedChair(
            date(year, 1, 1), member, False, True, N_("the record gives the year only"), ids
        )
        for year, member, ids in (
            (2016, "ARM", ("sputnik-tj-2016-10-14-yerevan", "president-by-2016-10-14-csc")),
            (2017, "BLR", ("tass-2017-11-30-minsk",)),
            (2018, "KAZ", ("astanatimes-2018-11-astana",)),
            (2019, "KGZ", ("inform-2019-11-kyrgyzstan-to-russia",)),
            (2020, "RUS", ("mid-2020-12-csc-video", "tass-2020-12-pa-observers")),
            (2021, "TJK", ("armenpress-2021-09-dushanbe", "khovar-2021-09-18-armenia-chair")),
            (2022, "ARM", ("pacsto-2022-11-yerevan",)),
            (2023, "BLR", ("mfa-by-csto-2023", "sputnik-2023-11-23-minsk")),
            (2024, "KAZ", ("timesca-2024-11-astana",)),
            (2025, "KGZ", ("sputnik-kg-2025-02-10-chair", "24kg-2025-11-27-bishkek")),
        )
    ),
    RecordedChair(
        date(2026, 1, 1),
        "RUS",
        True,
        True,
        N_("from 1 Jan 2026"),
        ("tass-2026-pc-chair-rotation", "ria-2025-11-25-russia-2026"),
    ),
)
FIRST_RECORDED = CHAIR_HANDOVERS[0].day
LAST_RECORDED = CHAIR_HANDOVERS[-1].day


@dataclass(frozen=True, slots=True)
class ChairYear:
    """Who held an office in a year, and whether that comes from the record or a projection."""

    year: int
    member: str
    source: str  # "record" | "projection" | "what-if" (a scenario's run, api.run_chairs)
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


def _recorded_on(day: date) -> RecordedChair | None:
    """The recorded handover in force on ``day`` (None before the first)."""
    current = None
    for h in CHAIR_HANDOVERS:
        if h.day > day:
            break
        current = h
    return current


def recorded_handovers(after: date, until: date) -> list[RecordedChair]:
    """The recorded handovers dated after ``after`` and on or before ``until``."""
    return [h for h in CHAIR_HANDOVERS if after < h.day <= until]


def eligible_for_turn(day: date) -> list[str]:
    """The members who take turns on ``day``: voting or frozen, not suspended."""
    return [m for m, s in members_on(day).items() if s is not Status.SUSPENDED]


def chair_on(day: date) -> str | None:
    """The CSC chair on ``day`` by the record, projected after it; None before 2002."""
    rec = _recorded_on(day)
    if rec is None:
        return None
    chair = rec.member
    for year in range(LAST_RECORDED.year + 1, day.year + 1):
        # 1 January handover: the next member after the current chair (practice.rotation_2011)
        chair = next_in_turn(chair, eligible_for_turn(date(year, 1, 1)))
    return chair


# year -> (member, confirmed, note): the chair on 1 July of each recorded year.
CHAIR_RECORD: dict[int, tuple[str, bool, str]] = {
    y: (r.member, r.confirmed, r.note)
    for y in range(FIRST_RECORDED.year, LAST_RECORDED.year + 1)
    if (r := _recorded_on(date(y, 7, 1))) is not None
}


def _check_span(start: int, end: int, first: int) -> None:
    """Raise HistoryError unless ``start``..``end`` is a span we can answer."""
    if end < start:
        raise HistoryError(
            f"the last year {end} is before the first year {start}",
            first=start,
            last=end,
            bound="order",
        )
    if start < first:
        raise HistoryError(
            f"the record starts in {first}; allowed: years from {first} on",
            first=start,
            last=end,
            bound="record",
        )
    if end > LAST_YEAR:
        raise HistoryError(
            f"years run up to {LAST_YEAR}; asked for {end}", first=start, last=end, bound="end"
        )
    if end - start >= MAX_SPAN_YEARS:
        raise HistoryError(
            f"at most {MAX_SPAN_YEARS} years at a time; asked for {end - start + 1}",
            first=start,
            last=end,
            bound="span",
        )


def chair_table(start: int, end: int) -> list[ChairYear]:
    """The CSC chair on 1 July of each year from ``start`` to ``end``: record, then projection."""
    _check_span(start, end, FIRST_RECORDED.year)
    rows = [
        ChairYear(y, *CHAIR_RECORD[y][:1], "record", CHAIR_RECORD[y][1], CHAIR_RECORD[y][2])
        for y in range(start, min(end, LAST_RECORDED.year) + 1)
    ]
    chair = CHAIR_RECORD[LAST_RECORDED.year][0]
    for year in range(LAST_RECORDED.year + 1, end + 1):
        chair = next_in_turn(chair, eligible_for_turn(date(year, 1, 1)))
        if year >= start:
            rows.append(ChairYear(year, chair, "projection"))
    return rows


@dataclass(frozen=True, slots=True)
class SgTerm:
    """A Secretary General in office from ``start`` to ``end`` (inclusive), of ``member``.

    ``note`` is what the record says of the term as a table shows it, the name first (just the
    name where the record says nothing more); like ``name`` it is a catalogue message, shown
    translated and kept in English in JSON.
    """

    start: date
    end: date
    member: str
    name: str
    note: str = ""
    sources: tuple[str, ...] = ()


SG_TERMS: tuple[SgTerm, ...] = (
    SgTerm(
        date(2003, 4, 28),
        date(2016, 12, 31),
        "RUS",
        N_("Nikolai Bordyuzha"),
        N_(
            "Nikolai Bordyuzha; from 2003 (the day is assumed: the Dushanbe session of "
            "28 Apr 2003) to 2016"
        ),
        ("armenpress-2018-11-sg",),
    ),
    SgTerm(
        date(2017, 5, 2),
        date(2018, 11, 2),
        "ARM",
        N_("Yuri Khachaturov"),
        N_(
            "Yuri Khachaturov; from 2 May 2017 (other reports say April), the first under the "
            "2015 rotation; recalled by Yerevan and dismissed on 2 Nov 2018"
        ),
        (
            "armenpress-2018-11-08-semerikov-acting",
            "armenpress-2018-11-02-khachaturov-dismissed",
            "belta-2019-sg-rotation",
        ),
    ),
    SgTerm(
        date(2018, 11, 3),
        date(2019, 12, 31),
        "RUS",
        N_("Valery Semerikov"),
        N_("Valery Semerikov; acting Secretary General until the end of 2019"),
        ("armenpress-2018-11-08-semerikov-acting", "armenpress-2018-11-07-three-options"),
    ),
    SgTerm(
        date(2020, 1, 1),
        date(2022, 12, 31),
        "BLR",
        N_("Stanislav Zas"),
        sources=("belsat-2019-11-zas", "belta-2019-sg-rotation"),
    ),
    SgTerm(
        date(2023, 1, 1),
        date(2025, 12, 31),
        "KAZ",
        N_("Imangali Tasmagambetov"),
        sources=("armenpress-2018-11-sg",),
    ),
    SgTerm(
        date(2026, 1, 1),
        date(2028, 12, 31),
        "KGZ",
        N_("Taalatbek Masadykov"),
        sources=("report-2025-11-ushakov-new-sg", "24kg-2025-11-sg-masadykov"),
    ),
)
SG_TERM_YEARS = 3
# year -> (member, confirmed, note): the Secretary General's state on 1 July of each year.
SG_RECORD: dict[int, tuple[str, bool, str]] = {
    y: (t.member, True, t.note or t.name)
    for t in SG_TERMS
    for y in range(t.start.year, t.end.year + 1)
    if t.start <= date(y, 7, 1) <= t.end
}


def sg_table(start: int, end: int) -> list[ChairYear]:
    """The Secretary General's member state on 1 July of each year from ``start`` to ``end``:
    the record, then three-year terms in the rotation's order."""
    first, last = min(SG_RECORD), max(SG_RECORD)
    _check_span(start, end, first)
    rows: list[ChairYear] = []
    term_start, holder = SG_TERMS[-1].start.year, SG_TERMS[-1].member
    for year in range(start, end + 1):
        if year <= last:
            member, confirmed, note = SG_RECORD[year]
            rows.append(ChairYear(year, member, "record", confirmed, note))
            continue
        while year >= term_start + SG_TERM_YEARS:
            term_start += SG_TERM_YEARS
            holder = next_in_turn(holder, eligible_for_turn(date(term_start, 1, 1)))
        rows.append(ChairYear(year, holder, "projection"))
    return rows
