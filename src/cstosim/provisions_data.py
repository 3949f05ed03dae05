"""The entries of the provisions catalogue; read them through :mod:`cstosim.provisions`.

Each entry paraphrases its provision in cstosim's own words (short quotes only where the exact
wording matters), dates it from its instrument's entry into force, and cites ids of
:data:`cstosim.sources.SOURCES`. The entries are built by a function so that this module and
:mod:`cstosim.provisions`, which holds the classes, can be imported in either order.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from cstosim.vocabulary import Rotation, Rule14, RuleKey

if TYPE_CHECKING:
    from cstosim.provisions import Provision

__all__ = ["provision_entries"]

# The instruments, with the day each was signed (or adopted) and entered into force.
CST = "Collective Security Treaty (Tashkent, 1992)"
CST_SIGNED, CST_IN_FORCE = date(1992, 5, 15), date(1994, 4, 20)
CST_2010 = "Protocol amending the Collective Security Treaty (Moscow, 2010)"
PROTOCOLS_2010_SIGNED, PROTOCOLS_2010_IN_FORCE = date(2010, 12, 10), date(2012, 12, 19)
CHARTER = "CSTO Charter (Chisinau, 2002)"
CHARTER_SIGNED, CHARTER_IN_FORCE = date(2002, 10, 7), date(2003, 9, 18)
ROP = "Rules of Procedure of CSTO bodies (CSC decision, Astana, 2004)"
ROP_ADOPTED = date(2004, 6, 18)
BASES = "Protocol on stationing military infrastructure on the territories of CSTO members (Moscow)"
BASES_SIGNED = date(2011, 12, 20)
BASES_IN_FORCE = date(2014, 1, 30)  # assumed: the latest ratification found (see csto.2011.bases)
UN_CHARTER = "Charter of the United Nations (San Francisco, 1945)"

# Sources of the 2009 dispute over Rule 14, cited by several entries.
_MOSCOW_2009 = (
    "armeniandiaspora-2009-06-belarus-note",
    "euroradio-2009-06-minsk-disagrees",
    "afn-2009-06-14-mfa-rule14",
    "wikinews-2009-06-mfa-rule14",
    "korrespondent-2009-10-20-lukashenko-crrf",
)


def provision_entries() -> tuple[Provision, ...]:
    """Every provision of the catalogue, in the order ``cstosim explain`` lists them."""
    from cstosim.provisions import Provision as P
    from cstosim.provisions import Variant as V

    return (
        P(
            id="cst.2",
            title="Joint consultations on a threat (1992 wording)",
            instrument=CST,
            article="Article 2, second paragraph",
            paraphrase=(
                "When the security, territorial integrity or sovereignty of one or more members "
                "is threatened, or international peace and security is, the members at once set "
                "in motion joint consultations to coordinate their positions and to take "
                "measures that remove the threat."
            ),
            signed=CST_SIGNED,
            in_force_from=CST_IN_FORCE,
            in_force_to=date(2012, 12, 18),
            episode=(
                "Kyrgyzstan, June 2010: after Bishkek asked for help, the security council "
                "secretaries met in Moscow on 14 June and ended without a clear decision; only "
                "advisers were sent."
            ),
            sources=(
                "csto-cst-1992-en",
                "cis-cst-1992-en",
                "zaki-cst-1992-ru",
                "eurasianet-2010-06-csto-indecisive",
                "newsru-2010-06-17-advisers",
            ),
            notes=(
                "The clause on a threat to international peace and security is in the 1992 "
                "text. The paragraph was replaced by the 2010 wording (cst.2.2010) when the "
                "amending protocol entered into force on 19 Dec 2012."
            ),
            related=("cst.2.2010", "cst.4"),
        ),
        P(
            id="cst.2.2010",
            title="Joint consultations and assistance on a threat (as amended in 2010)",
            instrument=CST_2010,
            article="Article 2, second paragraph, as amended",
            paraphrase=(
                "When the security, stability, territorial integrity or sovereignty of one or "
                "more members is threatened, or international peace and security is, the "
                "members at once set in motion joint consultations to coordinate their "
                "positions, and work out and take measures to help the members concerned. The "
                "amendment adds stability and the measures of assistance."
            ),
            signed=PROTOCOLS_2010_SIGNED,
            in_force_from=PROTOCOLS_2010_IN_FORCE,
            episode=(
                "Armenia, May 2021: Azerbaijani troops crossed into Syunik and Yerevan asked for "
                "consultations under Article 2, not Article 4, the first time it was used; the "
                "foreign ministers voiced concern but issued no joint statement."
            ),
            sources=(
                "parus-cst-protocol-2010",
                "iplex-cst-protocol-2010",
                "tj-cst-protocol-2010",
                "kz-bulletin-2013-1",
                "kremlin-2011-08-31-cst-protocol",
                "aysor-2021-05-13-article2",
                "auroranews-2021-05-13-article2",
                "hyetert-2021-05-14-emergency-consultations",
                "azatutyun-2021-05-article2-outcome",
            ),
            related=("cst.2", "cst.4.2010"),
        ),
        P(
            id="cst.4",
            title="Collective defence: aggression against one is aggression against all",
            instrument=CST,
            article="Article 4",
            paraphrase=(
                "Aggression by a state or group of states against one member is treated as "
                "aggression against all members, and the others give it the help it needs, "
                "military help included, under Article 51 of the UN Charter, informing the UN "
                "Security Council at once. The 1992 text speaks of aggression only."
            ),
            signed=CST_SIGNED,
            in_force_from=CST_IN_FORCE,
            in_force_to=date(2012, 12, 18),
            rule_key=RuleKey.ARMED_ATTACK,
            variants=(
                V("false", "only aggression by a state or group of states is covered", True),
                V("true", "what-if: apply the 2010 wording (armed attack) before 19 Dec 2012"),
            ),
            episode=(
                "Kyrgyzstan, June 2010: the interim government asked for troops for Osh; Moscow "
                "and the Secretary General called the violence an internal matter and no force "
                "was sent."
            ),
            sources=(
                "pavlodar-cst-1992-ru",
                "csto-25years",
                "eurasianet-2010-06-russia-turns-down",
                "charter97-2010-05-14-internal-matter",
                "newsru-2010-06-17-advisers",
            ),
            notes=(
                "A request made between the amending protocol's signature (10 Dec 2010) and its "
                "entry into force (19 Dec 2012) falls under this text."
            ),
            related=("cst.4.2010", "un.51"),
        ),
        P(
            id="cst.4.2010",
            title="Collective defence as amended: armed attack, at the request of the member",
            instrument=CST_2010,
            article="Article 4 as amended",
            paraphrase=(
                "The amended article adds other forms of armed attack that threaten a member's "
                "security, stability, territorial integrity or sovereignty, and makes the other "
                "members' help follow a request of the member attacked."
            ),
            signed=PROTOCOLS_2010_SIGNED,
            in_force_from=PROTOCOLS_2010_IN_FORCE,
            rule_key=RuleKey.ARMED_ATTACK,
            variants=(
                V("true", "aggression and other armed attack are covered", True),
                V("false", "what-if: only aggression by a state, as in 1992"),
            ),
            episode=(
                "Kazakhstan, January 2022: Tokayev's appeal of 5 January became a CSC decision "
                "to send the Collective Peacekeeping Forces within hours, citing Article 4; "
                "2,030 troops from Armenia, Belarus, Kyrgyzstan, Russia and Tajikistan, "
                "withdrawn 13-19 January."
            ),
            sources=(
                "mfa-am-csto",
                "kremlin-2011-08-31-cst-protocol",
                "kz-bulletin-2013-1",
                "auroranews-2022-01-08-art4-appeal",
                "newsam-2020-10-zas-assistance",
                "topdialog-2022-01-06-kazakhstan",
                "pledgetimes-2022-01-06-kremlin-statement",
                "todayaz-2022-01-kazakhstan",
                "armradio-2022-01-13-withdrawal",
            ),
            notes=(
                "The amending protocol entered into force on 19 Dec 2012 (Kazakhstan's bulletin "
                "of international treaties, 2013 no. 1); cstosim applies the amended wording "
                "from that day, not from the signature."
            ),
            related=("cst.4", "cst.6", "un.51"),
        ),
        P(
            id="cst.6",
            title="Who decides to use the collective forces: the heads of state",
            instrument=CST,
            article="Article 6 (amended by the 2010 protocol)",
            paraphrase=(
                "The decision to use the forces of the collective security system rests with "
                "the heads of the member states, who meet as the Collective Security Council. "
                "As amended in 2010, the article covers the use of the system's forces and "
                "means in the cases of Articles 2 and 4, including use beyond the members' "
                "territory in the interests of international security."
            ),
            signed=CST_SIGNED,
            in_force_from=CST_IN_FORCE,
            episode=(
                "Kazakhstan, January 2022: the CSC decided to send the peacekeepers and, by a "
                "draft circulated to the heads of state, to end the mission; the defence "
                "ministers only organised the troops' return."
            ),
            sources=(
                "zaki-cst-1992-ru",
                "kremlin-2011-08-31-cst-protocol",
                "csto-cst-amended-en",
                "csc-2010-12-10-forces-regulation",
                "garant-crdf-car-agreement",
                "topdialog-2022-01-06-kazakhstan",
                "armenpress-2022-01-13-cmd",
            ),
            status="partly confirmed",
            notes=(
                "The 1992 text already left the decision to use the armed forces to the heads "
                "of state and allowed their use beyond the members' territory only in the "
                "interests of international security, under the UN Charter. The 2010 protocol "
                "(signed 10 Dec 2010, in force 19 Dec 2012) reworded the article for the forces "
                "and means of the collective security system in the cases of Articles 2 and 4, "
                "as the Kremlin's summary describes it; cstosim has not read the amended words. "
                "cstosim treats assistance under Article 4, a deployment and the end of a "
                "mission as the CSC's alone: such an item put to another body is inadmissible."
            ),
            related=("cst.4.2010", "cst.2.2010", "practice.written_procedure"),
        ),
        P(
            id="charter.12",
            title="Consensus: one member, one voice",
            instrument=CHARTER,
            article="Article 12",
            paraphrase=(
                "The CSC, the councils of foreign and defence ministers and the committee of "
                "security council secretaries decide by consensus, each member having one "
                "voice; a single formal objection is enough to stop a decision."
            ),
            signed=CHARTER_SIGNED,
            in_force_from=CHARTER_IN_FORCE,
            episode=(
                "Yerevan, 23 Nov 2022: Armenia, in the chair, refused to sign the declaration "
                "and the decision on assistance to Armenia, and both drafts were sent back for "
                "revision."
            ),
            sources=(
                "cis-charter-2002-en",
                "udf-2009-06-moscow-summit",
                "armenianclub-2018-12-22-sg-signature",
                "magnis-observer-consensus",
                "mgimo-2011-nikitina-limited-format",
                "tass-2011-insor-majority",
                "jinicms-2022-11-23-yerevan",
                "socialbites-2022-11-yerevan-drafts",
                "asbarez-2023-11-21-observer-mission",
            ),
            status="partly confirmed",
            notes=(
                "Consensus is confirmed by many statements; the article's own words are not "
                "(the copy of the Charter we read breaks off before it). Proposals to decide by "
                "majority (Belarus and INSOR, 2011) were not taken up. For Yerevan 2022 "
                "Pashinyan counted 17 drafts and 15 agreed; the Secretariat later counted 34 "
                "decisions, two not carried out."
            ),
            related=("rop.14.1", "charter.12.procedural"),
        ),
        P(
            id="charter.12.procedural",
            title="Procedural questions (assumption: a simple majority)",
            instrument=CHARTER,
            article="Article 12 (the exception for procedural questions)",
            paraphrase=(
                "Procedural questions are excepted from consensus and are voted on as the Rules "
                "of Procedure say. We do not have that text, so cstosim assumes a simple "
                "majority of the members taking part, and says so wherever it applies the rule."
            ),
            signed=CHARTER_SIGNED,
            in_force_from=CHARTER_IN_FORCE,
            sources=("cis-charter-2002-en", "csc-2004-06-18-rules-of-procedure"),
            status="unconfirmed",
            notes=(
                "Neither the exception's words in Article 12 nor the vote in the Rules of "
                "Procedure has been read in a source; the simple majority is cstosim's "
                "assumption."
            ),
            related=("charter.12",),
        ),
        P(
            id="charter.13",
            title="The chair of the Collective Security Council",
            instrument=CHARTER,
            article="Article 13",
            paraphrase=(
                "The head of the state where the regular CSC session is held chairs the Council "
                "until the next regular session, unless the Council decides otherwise."
            ),
            signed=CHARTER_SIGNED,
            in_force_from=CHARTER_IN_FORCE,
            rule_key=RuleKey.ROTATION,
            variants=(
                V(
                    Rotation.HOST,
                    "the host of the regular session takes the chair (default before 2011)",
                    True,
                ),
                V(Rotation.RUSSIAN_ALPHABET, "yearly rotation in the order of the Russian names"),
                V(
                    Rotation.ENGLISH_ALPHABET,
                    "what-if: yearly rotation in the order of English names",
                ),
                V(
                    Rotation.ORDER,
                    "what-if: yearly rotation in an explicit order given by the scenario",
                ),
            ),
            episode=(
                "Moscow, 14 Jun 2009: Belarus was due to take the chair but boycotted the "
                "session; the Council gave Russia, the host, a temporary chairmanship."
            ),
            sources=(
                "asiaplus-2022-05-17-charter-art13",
                "cis-charter-2002-en",
                "armenianclub-2009-06-15-crrf",
                "newsarmenia-2009-06-14-chair",
            ),
            notes=(
                "Host and chair did not always coincide (Dushanbe 2007, Moscow 2011 and 2012, "
                "Sochi 2013, Moscow 2014): the Council decided otherwise."
            ),
            related=("practice.rotation_2011",),
        ),
        P(
            id="charter.19",
            title="Admission and withdrawal",
            instrument=CHARTER,
            article="Article 19",
            paraphrase=(
                "Any state sharing the Organisation's aims and principles may join; a member "
                "may leave after notifying the others at least six months before the date it "
                "leaves, having settled its obligations."
            ),
            signed=CHARTER_SIGNED,
            in_force_from=CHARTER_IN_FORCE,
            episode=(
                "Armenia, 2024-2025: it froze its participation but sent no notice of "
                "withdrawal, so it stayed a member."
            ),
            sources=(
                "bibliboba-charter-art19",
                "caucasuswatch-zakharova-art19",
                "tass-2012-12-19-uzbekistan-suspended",
                "eadaily-2025-03-08-deadline",
                "caliber-tasmagambetov-withdrawal",
            ),
            notes=(
                "TASS wrote in 2012 that the Charter does not provide for unilateral "
                "withdrawal; the Russian foreign ministry read Article 19 in 2024 as allowing "
                "it after six months' notice, which cstosim follows."
            ),
        ),
        P(
            id="charter.suspension",
            title="Suspension of a member's participation",
            instrument=CHARTER + " and the regulation on suspension and expulsion (Astana, 2004)",
            article="suspension (article number unconfirmed)",
            paraphrase=(
                "The Council may suspend a member's participation; a suspended member neither "
                "votes nor takes a turn in the chair."
            ),
            signed=ROP_ADOPTED,
            in_force_from=ROP_ADOPTED,
            episode=(
                "Moscow, 19 Dec 2012: the CSC granted Uzbekistan's request of June 2012 and "
                "suspended its participation; it never reached its turn in the chair."
            ),
            sources=(
                "csc-2004-06-18-rules-of-procedure",
                "trend-2024-04-zakharova-suspension",
                "caliber-2024-12-full-member",
                "ria-2012-06-28-uzbekistan-note",
                "tass-2012-12-19-uzbekistan-suspended",
            ),
            status="partly confirmed",
            notes=(
                "The article number is not confirmed (probably Article 20). Uzbekistan's note "
                "of 28 Jun 2012 asked for its own participation to be suspended and the CSC "
                "granted it; the note was not a declaration under the limited format. Two years "
                "of budget arrears may suspend a member's vote (Russian foreign ministry, 2024)."
            ),
        ),
        P(
            id="rop.14.1",
            title="What silent non-participation means for consensus",
            instrument=ROP,
            article="Rule 14, paragraph 1",
            paraphrase=(
                "As the sources quote it, the rule says that non-participation of a member "
                "state in the meetings of the CSC, the councils of foreign and defence "
                'ministers and the committee of security council secretaries "means the '
                "absence of consent of the member state to the adoption of the decisions "
                'considered by these bodies".'
            ),
            signed=ROP_ADOPTED,
            in_force_from=ROP_ADOPTED,
            rule_key=RuleKey.RULE14,
            variants=(
                V(
                    Rule14.DISSENT,
                    "an absent member withholds consent and so blocks: the rule as quoted, and "
                    "Belarus's reading in its note of 14 June 2009",
                    True,
                ),
                V(
                    Rule14.NO_OBJECTION,
                    "only a formal objection blocks; absent members may accede later: the "
                    "Russian foreign ministry's gloss of June 2009, and the organisation's "
                    "practice since",
                ),
                V(Rule14.CONSENT, "what-if: silence counts as support, like a silence procedure"),
            ),
            episode=(
                "Moscow, 14 Jun 2009: five states adopted the rapid reaction force decisions "
                "while Belarus stayed away; Minsk said its absence meant no consensus, Moscow "
                "that only a formal objection counts. Belarus signed on 20 Oct 2009."
            ),
            sources=(
                "csc-2004-06-18-rules-of-procedure",
                *_MOSCOW_2009,
                "rferl-2023-11-23-minsk-quorum",
                "azatutyun-2023-11-23-minsk",
            ),
            status="contested",
            notes=(
                "The Russian foreign ministry answered Minsk on 14 June 2009 that Rule 14 "
                "contains no terms such as 'non-participation' or 'absence of consent' and means "
                "that the Organisation may decide when no member officially objects: an "
                "interpretation, not the text. The organisation's practice since 2009 matches "
                "no_objection: the June 2009 decisions were carried out and Belarus acceded to "
                "them in October, and the Minsk decisions of November 2023 were called "
                "legitimate without Armenia. cstosim defaults to the text as quoted and marks "
                "every outcome that the reading decides. Whether the rule was later rewritten "
                "is not known."
            ),
            related=("charter.12", "csc.2010.limited_format", "csto.2011.bases"),
        ),
        P(
            id="rop.quorum",
            title="Quorum of a session (what-if)",
            instrument=ROP,
            article="quorum (figure unconfirmed)",
            paraphrase=(
                "A body may be required to have a share of its voting members taking part "
                "before it can decide. cstosim applies no quorum unless a scenario sets one."
            ),
            signed=ROP_ADOPTED,
            in_force_from=None,
            rule_key=RuleKey.QUORUM,
            variants=(
                V("none", "no quorum: any participation suffices", True),
                V("2/3", "what-if: two thirds must take part (as the ICMEC's own rules)"),
            ),
            episode=(
                "Minsk, 23 Nov 2023: the Belarusian foreign minister admitted that Armenia's "
                "absence meant there was no quorum, yet called every decision adopted "
                "legitimate."
            ),
            sources=(
                "rferl-2023-11-23-minsk-quorum",
                "aravot-2023-11-23-quorum",
                "icmec-rules-of-procedure",
            ),
            status="unconfirmed",
        ),
        P(
            id="csc.2010.limited_format",
            title="Decisions in limited format",
            instrument=(
                "Protocol amending the CSTO Charter (Moscow, 2010), or a CSC decision of "
                "December 2010 (instrument not confirmed)"
            ),
            article="limited format",
            paraphrase=(
                "A member not interested in a decision may stand aside without objecting; the "
                "others then adopt it among themselves and it does not bind the member that "
                "stood aside."
            ),
            signed=PROTOCOLS_2010_SIGNED,
            in_force_from=PROTOCOLS_2010_IN_FORCE,
            rule_key=RuleKey.LIMITED_FORMAT,
            variants=(
                V("true", "standing aside lets the others adopt (default from 19 Dec 2012)", True),
                V("false", "standing aside counts as silent absence (default before)"),
            ),
            episode=(
                "Armenia, 8 May 2024: it would not join the 2024 budget decision nor pay, while "
                "not objecting to its adoption in limited format; Astana 2024 and Bishkek 2025 "
                "followed."
            ),
            sources=(
                "mgimo-2011-nikitina-limited-format",
                "armenianclub-2018-12-22-sg-signature",
                "kz-charter-protocol-2010",
                "kremlin-2012-03-01-charter-protocol",
                "massispost-2024-05-budget",
                "rferl-2024-05-budget",
                "oragark-2024-11-astana",
                "azernews-2025-bishkek",
            ),
            status="partly confirmed",
            notes=(
                "The instrument that introduced the limited format is not confirmed: Zas (2018) "
                "said the Charter provides for it, Nikitina (2011) dated it to a decision of "
                "December 2010; it may be the Charter protocol or a CSC decision. cstosim dates "
                "it from the entry into force of the Charter protocol of 10 Dec 2010, on "
                "19 Dec 2012. Uzbekistan's note of June 2012 suspending its own participation "
                "was not a use of the limited format."
            ),
            related=("rop.14.1",),
        ),
        P(
            id="practice.rotation_2011",
            title="Yearly chair rotation in Russian alphabetical order",
            instrument="Practice of the CSC since 2011",
            article="chair rotation",
            paraphrase=(
                "Since 2011 the chair passes each year to the next member in the order of the "
                "members' Russian names, skipping suspended and departed members; a frozen "
                "member keeps its place."
            ),
            in_force_from=date(2011, 1, 1),
            rule_key=RuleKey.ROTATION,
            variants=(
                V(
                    Rotation.RUSSIAN_ALPHABET,
                    "yearly rotation in Russian order (default from 2011)",
                    True,
                ),
                V(Rotation.HOST, "the host of the regular session, as Article 13 is written"),
                V(Rotation.ENGLISH_ALPHABET, "what-if: yearly rotation in English order"),
                V(Rotation.ORDER, "what-if: an explicit order"),
            ),
            episode=(
                "2011-2026: Belarus, Kazakhstan, Kyrgyzstan, Russia, Tajikistan, Armenia, and "
                "round again; Uzbekistan was suspended before its turn came."
            ),
            sources=(
                "khovar-2014-12-23-csc-moscow",
                "tass-2012-12-kyrgyzstan-chair",
                "livekuban-2013-09-sochi",
                "pacsto-2022-11-yerevan",
                "ria-2025-11-25-russia-2026",
                "tass-2026-pc-chair-rotation",
            ),
            status="partly confirmed",
            notes=(
                "Confirmed as practice; no written instrument for the chair has been found. "
                "The handovers of 2012-2014 took place at sessions (19 Dec 2012, 23 Sep 2013, "
                "23 Dec 2014); cstosim projects later handovers on 1 January."
            ),
            related=("charter.13", "csc.2015.sg_rotation"),
        ),
        P(
            id="csc.2015.sg_rotation",
            title="The Secretary General rotates in Russian alphabetical order",
            instrument="CSC decision of 2015",
            article="appointment of the Secretary General",
            paraphrase=(
                "The Secretary General serves three years and the post passes among the members "
                "in the order of their Russian names."
            ),
            signed=date(2015, 9, 15),
            in_force_from=date(2015, 9, 15),
            episode=(
                "Khachaturov of Armenia, the first under the rotation, was recalled by Yerevan "
                "and dismissed by the CSC on 2 Nov 2018; then Zas of Belarus 2020-2022, "
                "Tasmagambetov of Kazakhstan 2023-2025, Masadykov of Kyrgyzstan from 2026, "
                "appointed at Bishkek without Armenia present."
            ),
            sources=(
                "belta-2019-sg-rotation",
                "armenpress-2018-11-07-three-options",
                "armenpress-2018-11-02-khachaturov-dismissed",
                "newsam-2018-07-31-recall-procedure",
                "belsat-2019-11-zas",
                "24kg-2025-11-sg-masadykov",
                "report-2025-11-ushakov-new-sg",
            ),
            notes=(
                "The decision's day is not in our sources; cstosim dates it from the Dushanbe "
                "session of 15 Sep 2015, the regular CSC session of that year."
            ),
            related=("practice.rotation_2011",),
        ),
        P(
            id="csto.2011.bases",
            title="Foreign bases: after urgent consultations, absent official objections",
            instrument=BASES,
            article="the rule on decisions to station a third state's forces",
            paraphrase=(
                "A member decides on stationing a non-member's troops or military "
                "infrastructure on its territory after urgent consultations with the other "
                "members, and only if none of them officially objects: silence does not block, "
                "a formal objection does."
            ),
            signed=BASES_SIGNED,
            in_force_from=BASES_IN_FORCE,
            episode=(
                "April 2024: with Armenia's ties to the West in view, the Russian foreign "
                "ministry recalled that a member may host a third country's forces only after "
                "urgent consultations with the others."
            ),
            sources=(
                "ru-2012-11-12-200fz-bases",
                "belta-2012-11-14-bases-ratified",
                "armstrade-2012-10-31-bases",
                "kz-2013-11-21-bases-draft-law",
                "kz-2014-01-30-bases-ratification",
                "trend-2024-04-zakharova-suspension",
                "wikimili-csto",
            ),
            status="partly confirmed",
            notes=(
                "The rule's words are confirmed; the protocol's entry into force is not. "
                "cstosim dates it from 30 Jan 2014, Kazakhstan's ratification law, the latest "
                "ratification found: it cannot have been in force for every member before then. "
                "Belarus, Armenia and Tajikistan ratified first, Russia on 12 Nov 2012; "
                "Kyrgyzstan's ratification was not found. This no-objection formula, written "
                "into a CSTO treaty, is the best evidence for the Russian reading of Rule 14."
            ),
            related=("rop.14.1",),
        ),
        P(
            id="practice.written_procedure",
            title="Written procedure: a draft circulated for signature",
            instrument="Practice of the CSC (no written rule found)",
            article="decision by circulation",
            paraphrase=(
                "Between sessions a draft decision may be circulated to the heads of state for "
                "signature. It is adopted only when every member with a vote has signed it, or "
                "has stood aside where the limited format applies; a draft not returned blocks "
                "it, since silence is not a signature."
            ),
            in_force_from=CHARTER_IN_FORCE,
            episode=(
                "Kazakhstan, 12-19 Jan 2022: Tokayev asked the chair to end the mission from "
                "the 13th; the Secretariat sent a draft CSC decision to the heads of state for "
                "approval, the defence ministers ordered the return, and the troops were home "
                "by 19 January."
            ),
            sources=(
                "interfax-2022-01-12-end-mission",
                "belnovosti-2022-01-12-draft-decision",
                "armenianclub-2018-12-22-sg-signature",
                "armenpress-2022-01-13-cmd",
            ),
            status="partly confirmed",
            notes=(
                "Attested in 2018 (the Secretary General's appointment: a draft to be signed "
                "by all six heads of state) and in January 2022. The rule allowing it has not "
                "been found; cstosim allows it from the Charter's entry into force, and the "
                "blocking of an unreturned draft is its reading of the need for every "
                "signature."
            ),
            related=("charter.12", "rop.14.1", "csc.2010.limited_format"),
        ),
        P(
            id="practice.agreements",
            title="Agreements signed at a session bind their signatories only",
            instrument="Practice of the CSTO under the law of treaties",
            article="international treaties signed within the CSTO",
            paraphrase=(
                "An international treaty signed at a session binds only the states that sign "
                "it, and no member can stop the others from signing it; a member that did not "
                "sign may accede later."
            ),
            in_force_from=CHARTER_IN_FORCE,
            episode=(
                "Moscow, 14 Jun 2009: Russia, Armenia, Kazakhstan, Kyrgyzstan and Tajikistan "
                "signed the agreement on the Collective Rapid Reaction Forces; Uzbekistan "
                "attended without signing; Belarus stayed away and signed on 20 Oct 2009."
            ),
            sources=(
                "armenianclub-2009-06-15-crrf",
                "udf-2009-06-moscow-summit",
                "trend-2009-06-crrf",
                "uzdaily-2009-06-crrf-conditions",
                "korrespondent-2009-10-20-lukashenko-crrf",
                "azatutyun-2023-11-23-minsk",
                "cis-charter-2002-en",
                "un-vclt-1969",
            ),
            notes=(
                "The Charter (Article 2) makes the treaties and CSC decisions adopted under the "
                "Treaty binding on the members, but a treaty binds only its parties (Vienna "
                "Convention, Article 34). Whether a CSC decision was also needed in June 2009 "
                "is the 2009 dispute (rop.14.1). cstosim applies the practice from the "
                "Charter's entry into force."
            ),
            related=("rop.14.1", "charter.12"),
        ),
        P(
            id="un.51",
            title="Report to the UN Security Council",
            instrument=UN_CHARTER,
            article="Article 51",
            paraphrase=(
                "Measures taken in collective self-defence are reported at once to the UN "
                "Security Council."
            ),
            signed=date(1945, 6, 26),
            in_force_from=date(1945, 10, 24),
            episode="Every Article 4 deployment, such as Kazakhstan in January 2022, is reported.",
            sources=("un-charter", "pavlodar-cst-1992-ru"),
        ),
    )
