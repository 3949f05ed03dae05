"""The dated provisions catalogue: every rule cstosim applies, with its source and variants.

Each provision has an id (``cst.4``, ``rop.14.1``...), the instrument and article it comes from,
a paraphrase in our own words, the dates it is in force, and, where the sources disagree or a
what-if is worth exploring, its named variants with the default. Facts and their sources are
collected in ``shared/research/csto-rules.md``; this module is the single place the code reads
them from.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from datetime import date

from cstosim.errors import UnknownProvisionError
from cstosim.vocabulary import Rotation, Rule14, RuleKey

__all__ = [
    "CATALOGUE",
    "Provision",
    "UnknownProvisionError",
    "Variant",
    "closest_ids",
    "get",
    "in_force",
]


@dataclass(frozen=True, slots=True)
class Variant:
    """A named reading or what-if value of a rule key, with what it means."""

    value: str  # a value of the rule key: an enum member where the key has a closed set
    meaning: str
    default: bool = False


@dataclass(frozen=True, slots=True)
class Provision:
    """One dated provision: where it comes from, what it says, when it holds."""

    id: str
    title: str
    instrument: str
    article: str
    paraphrase: str
    in_force_from: date | None
    in_force_to: date | None = None
    rule_key: RuleKey | None = None
    variants: tuple[Variant, ...] = ()
    episode: str = ""
    sources: tuple[str, ...] = ()
    status: str = "confirmed"
    notes: str = ""
    related: tuple[str, ...] = field(default=())

    def in_force_on(self, day: date) -> bool:
        """Whether the provision is in force on ``day``."""
        if self.in_force_from is not None and day < self.in_force_from:
            return False
        return not (self.in_force_to is not None and day > self.in_force_to)

    def default_variant(self) -> Variant | None:
        """The variant used when a scenario does not override the rule key."""
        return next((v for v in self.variants if v.default), None)


_CST = "Collective Security Treaty (Tashkent, 15 May 1992; in force 20 Apr 1994)"
_CST_2010 = "Protocol amending the Collective Security Treaty (Moscow, 10 Dec 2010)"
_CHARTER = "CSTO Charter (Chisinau, 7 Oct 2002; in force 18 Sep 2003)"
_ROP = "Rules of Procedure of CSTO bodies (CSC decision, Astana, 18 Jun 2004)"
_RESEARCH = "shared/research/csto-rules.md"

_PROVISIONS: tuple[Provision, ...] = (
    Provision(
        id="cst.2",
        title="Joint consultations on a threat",
        instrument=_CST,
        article="Article 2 (paragraph 2 as amended in 2010)",
        paraphrase=(
            "When the security, stability, territorial integrity or sovereignty of one or more "
            "members is threatened, the members start joint consultations at once to coordinate "
            "their positions and agree measures to help; since 2010 the text also speaks of "
            "measures of assistance."
        ),
        in_force_from=date(1994, 4, 20),
        episode=(
            "Armenia, May 2021: Azerbaijani troops crossed into Syunik and Yerevan asked for "
            "consultations under Article 2, not Article 4, the first time it was used; the "
            "ministers voiced concern but issued no joint statement."
        ),
        sources=(f"{_RESEARCH} sections 1.2, 1.4, 6.3",),
    ),
    Provision(
        id="cst.4",
        title="Collective defence: aggression against one is aggression against all",
        instrument=_CST,
        article="Article 4",
        paraphrase=(
            "Aggression by a state or group of states against one member is treated as "
            "aggression against all members, and the others give it the help it needs, military "
            "help included, under Article 51 of the UN Charter. The 1992 text speaks of "
            "aggression only."
        ),
        in_force_from=date(1994, 4, 20),
        in_force_to=date(2010, 12, 9),
        rule_key=RuleKey.ARMED_ATTACK,
        variants=(
            Variant("false", "only aggression by a state or group of states is covered", True),
            Variant("true", "what-if: apply the 2010 wording (armed attack) before 2010"),
        ),
        episode=(
            "Kyrgyzstan, June 2010: the interim government asked for troops for Osh; Moscow and "
            "the Secretary General called the violence an internal matter and no force was sent."
        ),
        sources=(f"{_RESEARCH} sections 1.1, 6.2",),
        related=("cst.4.2010", "un.51"),
    ),
    Provision(
        id="cst.4.2010",
        title="Collective defence as amended: armed attack, at the request of the member",
        instrument=_CST_2010,
        article="Article 4 as amended",
        paraphrase=(
            "The amended article adds other forms of armed attack that threaten a member's "
            "security, stability, territorial integrity or sovereignty, and makes the other "
            "members' help follow a request of the member attacked."
        ),
        in_force_from=date(2010, 12, 10),
        rule_key=RuleKey.ARMED_ATTACK,
        variants=(
            Variant("true", "aggression and other armed attack are covered", True),
            Variant("false", "what-if: only aggression by a state, as in 1992"),
        ),
        episode=(
            "Kazakhstan, January 2022: Tokayev's appeal of 5 January became a CSC decision to "
            "send the Collective Peacekeeping Forces within hours, citing Article 4; 2,030 troops "
            "from Armenia, Belarus, Kyrgyzstan, Russia and Tajikistan, withdrawn 13-19 January."
        ),
        sources=(f"{_RESEARCH} sections 1.4, 1.5, 6.6",),
        notes=(
            "The date in force of the amending protocol is not in our sources; cstosim dates "
            "the amended wording from its signature (10 Dec 2010), as the design brief does."
        ),
        related=("cst.4", "un.51"),
    ),
    Provision(
        id="charter.12",
        title="Consensus: one member, one voice",
        instrument=_CHARTER,
        article="Article 12",
        paraphrase=(
            "The CSC, the councils of foreign and defence ministers and the committee of "
            "security council secretaries decide by consensus, each member having one voice; "
            "a single formal objection is enough to stop a decision."
        ),
        in_force_from=date(2003, 9, 18),
        episode=(
            "Yerevan, 23 Nov 2022: Armenia, in the chair, refused to sign the declaration and "
            "the decision on assistance to Armenia, and both drafts were sent back for revision."
        ),
        sources=(f"{_RESEARCH} section 2.3",),
        status="partly confirmed",
        notes="Consensus is confirmed by many statements; the article's exact words are not.",
        related=("rop.14.1",),
    ),
    Provision(
        id="charter.13",
        title="The chair of the Collective Security Council",
        instrument=_CHARTER,
        article="Article 13",
        paraphrase=(
            "The head of the state where the regular CSC session is held chairs the Council until "
            "the next regular session, unless the Council decides otherwise."
        ),
        in_force_from=date(2003, 9, 18),
        rule_key=RuleKey.ROTATION,
        variants=(
            Variant(
                Rotation.HOST,
                "the host of the regular session takes the chair (default before 2011)",
                True,
            ),
            Variant(Rotation.RUSSIAN_ALPHABET, "yearly rotation in the order of the Russian names"),
            Variant(
                Rotation.ENGLISH_ALPHABET, "what-if: yearly rotation in the order of English names"
            ),
            Variant(
                Rotation.ORDER,
                "what-if: yearly rotation in an explicit order given by the scenario",
            ),
        ),
        episode=(
            "Moscow, 14 Jun 2009: Belarus was due to take the chair but boycotted the session; "
            "the Council gave Russia, the host, a temporary chairmanship."
        ),
        sources=(f"{_RESEARCH} sections 2.4, 4",),
        related=("practice.rotation_2011",),
    ),
    Provision(
        id="charter.19",
        title="Admission and withdrawal",
        instrument=_CHARTER,
        article="Article 19",
        paraphrase=(
            "Any state sharing the Organisation's aims may join; a member may leave after "
            "notifying the others at least six months before the date it leaves, having settled "
            "its obligations."
        ),
        in_force_from=date(2003, 9, 18),
        episode=(
            "Armenia, 2024-2025: it froze its participation but sent no notice of withdrawal, "
            "so it stayed a member."
        ),
        sources=(f"{_RESEARCH} sections 2.7, 5.4, 7.1",),
    ),
    Provision(
        id="charter.suspension",
        title="Suspension of a member's participation",
        instrument=_CHARTER + " and the 2004 regulation on suspension and expulsion",
        article="suspension (article number unconfirmed)",
        paraphrase=(
            "The Council may suspend a member's participation; a suspended member neither "
            "votes nor takes a turn in the chair."
        ),
        in_force_from=date(2004, 6, 18),
        episode=(
            "Moscow, 19 Dec 2012: the CSC granted Uzbekistan's request of June 2012 and "
            "suspended its participation; it never reached its turn in the chair."
        ),
        sources=(f"{_RESEARCH} sections 2.7, 5.3",),
        status="partly confirmed",
    ),
    Provision(
        id="rop.14.1",
        title="What silent non-participation means for consensus",
        instrument=_ROP,
        article="Rule 14, paragraph 1",
        paraphrase=(
            "The rule sets out how the bodies establish consensus. As quoted in the 2009 "
            "dispute it speaks of formal objections and says nothing of a member that simply "
            "does not take part, so the members have read silent absence in different ways."
        ),
        in_force_from=date(2004, 6, 18),
        rule_key=RuleKey.RULE14,
        variants=(
            Variant(
                Rule14.DISSENT,
                "an absent member is deemed not to consent, so it blocks (Belarus, 2009; the "
                "source document)",
                True,
            ),
            Variant(
                Rule14.NO_OBJECTION,
                "only a formal objection blocks; absent members may accede later (Russian "
                "foreign ministry, 2009)",
            ),
            Variant(Rule14.CONSENT, "what-if: silence counts as support, like a silence procedure"),
        ),
        episode=(
            "Moscow, 14 Jun 2009: five states adopted the rapid reaction force decisions while "
            "Belarus stayed away; Minsk said its absence meant no consensus, Moscow that only a "
            "formal objection counts. Belarus signed on 20 Oct 2009."
        ),
        sources=(f"{_RESEARCH} sections 3.2, 6.1",),
        status="contested",
        related=("charter.12", "csc.2010.limited_format"),
    ),
    Provision(
        id="rop.quorum",
        title="Quorum of a session (what-if)",
        instrument=_ROP,
        article="quorum (figure unconfirmed)",
        paraphrase=(
            "A body may be required to have a share of its voting members taking part before it "
            "can decide. cstosim applies no quorum unless a scenario sets one."
        ),
        in_force_from=None,
        rule_key=RuleKey.QUORUM,
        variants=(
            Variant("none", "no quorum: any participation suffices", True),
            Variant("2/3", "what-if: two thirds must take part (as the ICMEC's own rules)"),
        ),
        episode=(
            "Minsk, 23 Nov 2023: the Belarusian foreign minister admitted that Armenia's absence "
            "meant there was no quorum, yet called every decision adopted legitimate."
        ),
        sources=(f"{_RESEARCH} section 3.4",),
        status="unconfirmed",
    ),
    Provision(
        id="csc.2010.limited_format",
        title="Decisions in limited format",
        instrument="CSC decision of December 2010 (instrument unconfirmed)",
        article="limited format",
        paraphrase=(
            "A member not interested in a decision may stand aside without objecting; the others "
            "then adopt it among themselves and it does not bind the member that stood aside."
        ),
        in_force_from=date(2010, 12, 10),
        rule_key=RuleKey.LIMITED_FORMAT,
        variants=(
            Variant(
                "true", "standing aside lets the others adopt (default from 10 Dec 2010)", True
            ),
            Variant("false", "standing aside counts as silent absence (default before)"),
        ),
        episode=(
            "Armenia, 8 May 2024: it would not join the 2024 budget decision nor pay, while not "
            "objecting to its adoption in limited format; Astana 2024 and Bishkek 2025 followed."
        ),
        sources=(f"{_RESEARCH} sections 3.3, 6.7",),
        status="partly confirmed",
        related=("rop.14.1",),
    ),
    Provision(
        id="practice.rotation_2011",
        title="Yearly chair rotation in Russian alphabetical order",
        instrument="Practice of the CSC since 2011",
        article="chair rotation",
        paraphrase=(
            "Since 2011 the chair passes each year, on 1 January, to the next member in the order "
            "of the members' Russian names, skipping suspended and departed members; a frozen "
            "member keeps its place."
        ),
        in_force_from=date(2011, 1, 1),
        rule_key=RuleKey.ROTATION,
        variants=(
            Variant(
                Rotation.RUSSIAN_ALPHABET,
                "yearly rotation in Russian order (default from 2011)",
                True,
            ),
            Variant(Rotation.HOST, "the host of the regular session, as Article 13 is written"),
            Variant(Rotation.ENGLISH_ALPHABET, "what-if: yearly rotation in English order"),
            Variant(Rotation.ORDER, "what-if: an explicit order"),
        ),
        episode=(
            "2011-2026: Belarus, Kazakhstan, Kyrgyzstan, Russia, Tajikistan, Armenia, and round "
            "again; Uzbekistan was suspended before its turn came."
        ),
        sources=(f"{_RESEARCH} sections 2.4, 4, 7.3",),
        status="partly confirmed",
        notes="Confirmed as practice; no written instrument for the chair has been found.",
        related=("charter.13", "csc.2015.sg_rotation"),
    ),
    Provision(
        id="csc.2015.sg_rotation",
        title="The Secretary General rotates in Russian alphabetical order",
        instrument="CSC decision of 2015",
        article="appointment of the Secretary General",
        paraphrase=(
            "The Secretary General serves three years and the post passes among the members in "
            "the order of their Russian names."
        ),
        in_force_from=date(2015, 9, 15),
        episode=(
            "Zas of Belarus 2020-2022, Tasmagambetov of Kazakhstan 2023-2025, Masadykov of "
            "Kyrgyzstan from 2026, appointed at Bishkek without Armenia present."
        ),
        sources=(f"{_RESEARCH} section 2.6",),
        related=("practice.rotation_2011",),
    ),
    Provision(
        id="un.51",
        title="Report to the UN Security Council",
        instrument="Charter of the United Nations",
        article="Article 51",
        paraphrase=(
            "Measures taken in collective self-defence are reported at once to the UN Security "
            "Council."
        ),
        in_force_from=date(1945, 10, 24),
        episode="Every Article 4 deployment, such as Kazakhstan in January 2022, is reported.",
        sources=(f"{_RESEARCH} section 1.1",),
    ),
)

CATALOGUE: dict[str, Provision] = {p.id: p for p in _PROVISIONS}


def closest_ids(pid: str, n: int = 3) -> list[str]:
    """The catalogue ids closest in spelling to ``pid``."""
    ids = list(CATALOGUE)
    close = difflib.get_close_matches(pid, ids, n=n, cutoff=0.4)
    if not close:
        close = [i for i in ids if pid and (pid in i or i.split(".")[0] == pid.split(".")[0])][:n]
    return close


def get(pid: str) -> Provision:
    """The provision with id ``pid``; raises UnknownProvisionError with suggestions."""
    try:
        return CATALOGUE[pid]
    except KeyError:
        raise UnknownProvisionError(pid, closest_ids(pid)) from None


def in_force(pid: str, day: date) -> bool:
    """Whether provision ``pid`` is in force on ``day``."""
    return get(pid).in_force_on(day)
