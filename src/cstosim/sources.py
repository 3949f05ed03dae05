"""The sources cstosim rests on: one entry per public page or legal text, with a stable id.

Every provision of the catalogue (:mod:`cstosim.provisions`), every built-in date of the history
(membership, chairs of the Collective Security Council, Secretaries General) and every sourced
fact in a bundled scenario refers to the entries here by id, and ``cstosim explain ID`` prints
them. The project ships this list itself: nothing a user reads points anywhere else.

Each :class:`Source` has

- ``id``: short, stable, lowercase words joined by hyphens, usually the publisher, the date and
  the subject (``kremlin-2011-08-31-cst-protocol``); ids never change once published;
- ``title``: the page's own title in its own language where we have it, otherwise a faithful
  English description of what the page is;
- ``publisher``: the site, agency or body that published it (and, for a copy, where from);
- ``date``: ISO text, ``YYYY-MM-DD``, or ``YYYY-MM`` or ``YYYY`` where only that much is known;
  for a legal text, the date of the instrument; ``n.d.`` for a standing page with no date;
- ``url``: where it was read;
- ``note``: what in it matters to cstosim, and any doubt about it.

Sources disagree in places (Georgia's accession, Uzbekistan's return, Yerevan 2022's count of
decisions); the notes say so, and the provisions and history that cite them say which reading
cstosim follows.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from cstosim.errors import CstosimError

__all__ = ["SOURCES", "UNDATED", "Source", "UnknownSourceError", "get_source"]

UNDATED = "n.d."
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE_PATTERN = re.compile(r"^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$")


@dataclass(frozen=True, slots=True)
class Source:
    """One public source: what it is, who published it, when, and where it was read."""

    id: str
    title: str
    publisher: str
    date: str
    url: str
    note: str = ""

    def citation(self) -> str:
        """``TITLE. PUBLISHER, DATE. URL`` on one line."""
        title = self.title if self.title.endswith((".", "?", "!")) else self.title + "."
        date = self.date if self.date.endswith(".") else self.date + "."
        return f"{title} {self.publisher}, {date} {self.url}"


class UnknownSourceError(CstosimError, KeyError):
    """A source id that is not in :data:`SOURCES`."""

    def __init__(self, sid: str, suggestions: list[str]) -> None:
        super().__init__(sid)
        self.sid = sid
        self.suggestions = suggestions

    def __str__(self) -> str:
        hint = f"; did you mean {', '.join(self.suggestions)}?" if self.suggestions else ""
        return f"unknown source {self.sid!r}{hint}"


_S = Source

_SOURCES: tuple[Source, ...] = (
    # --- The Collective Security Treaty (1992) and the 2010 amending protocol -------------------
    _S(
        "csto-cst-1992-en",
        "Treaty on Collective Security",
        "CSTO (odkb.gov.ru)",
        "1992-05-15",
        "http://www.odkb.gov.ru/b/azbengl.htm",
        "English text as first signed. Article 2: joint consultations on a threat to the "
        "security, territorial integrity and sovereignty of members 'or threat to international "
        "peace and security'; Article 3: the Council with the CIS Commander-in-Chief.",
    ),
    _S(
        "cis-cst-1992-en",
        "Agreement on collective security of May 15, 1992",
        "CIS Legislation (SojuzPravoInform)",
        "1992-05-15",
        "https://cis-legislation.com/document.fwx?rgn=4144",
        "Machine-translated English text of the 1992 Treaty; Article 2 with the threat to "
        "international peace and security.",
    ),
    _S(
        "zaki-cst-1992-ru",
        "Договор о коллективной безопасности (Ташкент, 15 мая 1992 года)",
        "zaki.ru",
        "1992-05-15",
        "https://zaki.ru/pagesnew.php?id=1180",
        "Russian text with the protocols of 24 Dec 1993 and 2 Apr 1999. Article 6 is on the "
        "second page (&page=2): the armed forces may be used beyond the members' territory only "
        "in the interests of international security, under the UN Charter and national law.",
    ),
    _S(
        "pavlodar-cst-1992-ru",
        "Договор о коллективной безопасности (Ташкент, 15 мая 1992 года), статья 4",
        "pavlodar.com (legal texts of Kazakhstan)",
        "1992-05-15",
        "https://pavlodar.com/zakon/?dok=00542&uro=080004",
        "The original Article 4: aggression against one is aggression against all; help "
        "including military help under UN Charter Article 51; the UN Security Council informed "
        "at once.",
    ),
    _S(
        "csto-25years",
        "25 years of the Collective Security Treaty (anniversary pages)",
        "CSTO (en.odkb-csto.org)",
        "2017",
        "https://en.odkb-csto.org/25years/",
        "The six signatories of 15 May 1992; the 1999 extension protocol signed by six, and "
        "Azerbaijan, Georgia and Uzbekistan ceasing membership; Article 4 in English.",
    ),
    _S(
        "csto-cst-amended-en",
        "Collective Security Treaty dated May 15, 1992 (as amended by the Protocol signed on "
        "December 10, 2010)",
        "CSTO (en.odkb-csto.org)",
        "2012-04-23",
        "https://en.odkb-csto.org/documents/documents/dogovor_o_kollektivnoy_bezopasnosti/",
        "The organisation's English text of the amended Treaty.",
    ),
    _S(
        "parus-cst-protocol-2010",
        "Протокол о внесении изменений в Договор о коллективной безопасности от 15 мая "
        "1992 года (Москва, 10 декабря 2010 года)",
        "consultant.parus.ua",
        "2010-12-10",
        "http://consultant.parus.ua/?abz=CP9W6&doc=07X5CE33EF",
        "Russian text of the protocol. New second paragraph of Article 2: on a threat to the "
        "security, stability, territorial integrity and sovereignty of members or to "
        "international peace and security, joint consultations at once, and measures of "
        "assistance worked out and taken.",
    ),
    _S(
        "iplex-cst-protocol-2010",
        "Протокол о внесении изменений в Договор о коллективной безопасности от 15 мая "
        "1992 года (Москва, 10 декабря 2010 года)",
        "ipLex360",
        "2010-12-10",
        "https://iplex360.com.ua/npa.php?code=997_o25",
        "The same Russian text as consultant.parus.ua.",
    ),
    _S(
        "tj-cst-protocol-2010",
        "Протокол оид ба ворид намудани тағйирот ба Аҳдномаи амнияти дастаҷамъӣ аз 15 майи "
        "соли 1992",
        "National Legislation Center of Tajikistan (mmih.tj)",
        "2010-12-10",
        "https://mmih.tj/Search/DocumentView?DocumentId=116753",
        "Tajik text of the 2010 protocol; it strikes the CIS Commander-in-Chief from Article 3.",
    ),
    _S(
        "kz-bulletin-2013-1",
        "On ratification of the Protocol on amendments to the Collective Security Treaty of "
        "May 15, 1992",
        "zakonpravo.kz (laws of Kazakhstan)",
        "2011-11-28",
        "https://zakonpravo.kz/en/on-ratification-of-the-protocol-on-amendments-to-the-"
        "collective-security-treaty-of-may-15-1992",
        "Kazakhstan's ratification law of 28 Nov 2011, with the protocol's status: it 'entered "
        "into force on December 19, 2012' (Bulletin of International Treaties of the Republic "
        "of Kazakhstan 2013, No. 1, art. 10).",
    ),
    _S(
        "kremlin-2011-08-31-cst-protocol",
        "Protocol on Amendments to the Collective Security Treaty has been submitted to the "
        "State Duma for ratification",
        "President of Russia (kremlin.ru)",
        "2011-08-31",
        "http://en.special.kremlin.ru/catalog/keywords/18/events/12507",
        "What the 2010 protocol changes: Article 2 (assistance), Article 4 (aggression and other "
        "forms of armed attack), Article 6 (use of the forces in the cases of Articles 2 and 4, "
        "including beyond the parties' territory), Articles 3, 5 and 11; the 2010 Kyrgyzstan "
        "crisis as its motive.",
    ),
    _S(
        "mfa-am-csto",
        "Collective Security Treaty Organization",
        "Ministry of Foreign Affairs of Armenia",
        UNDATED,
        "http://www.mfa.am/en/international-organisations/CSTO/",
        "The amended Article 4 in English: the other members help 'at request of this Member "
        "State'.",
    ),
    _S(
        "auroranews-2022-01-08-art4-appeal",
        "An Armenian MP on Article 4 of the Collective Security Treaty: assistance presupposes "
        "an appeal by the state attacked",
        "Aurora News (en.auroranews.am)",
        "2022-01-08",
        "https://en.auroranews.am/news/2022-01-08-this-legitimate-expectation-has-exceptional-"
        "public-demand-ar",
    ),
    _S(
        "newsam-2020-10-zas-assistance",
        "Zas: the CSTO helps at the member state's request, by consultations on a threat and by "
        "all kinds of assistance against aggression",
        "news.am",
        "2020-10",
        "https://news.am/eng/news/606856.html",
        "The Secretary General's two cases (a threat; aggression or armed attack), in both at "
        "the request of the member state.",
    ),
    _S(
        "csc-2010-12-10-forces-regulation",
        "About Regulations on procedure for acceptance and implementation of collective "
        "decisions on use of forces and means of system of collective security of the "
        "Collective Security Treaty Organization",
        "CIS Legislation (SojuzPravoInform)",
        "2010-12-10",
        "https://cis-legislation.com/document.fwx?rgn=33013",
        "CSC decision of 10 Dec 2010 replacing the regulation of 24 May 2000.",
    ),
    _S(
        "garant-crdf-car-agreement",
        "Соглашение о порядке оперативного развертывания, применения и всестороннего "
        "обеспечения Коллективных сил быстрого развертывания Центральноазиатского региона "
        "коллективной безопасности, статья 3",
        "Garant (base.garant.ru)",
        UNDATED,
        "https://base.garant.ru/2568563/5ac206a89ea76855804609cd950fcaf7",
        "Article 3: the CSC decides on deploying the Central Asian rapid deployment forces at "
        "the request of one or more members, on proposals of the defence ministers. The "
        "agreement's date is not on the page (Kazakhstan ratified it on 30 Dec 2007).",
    ),
    _S(
        "rbc-2010-12-10-csc-moscow",
        "Moscow session of the CSC, 10 December 2010: a crisis-response regulation tabled; "
        "the chair passes from Russia to Belarus",
        "RBC",
        "2010-12-10",
        "https://amp.rbc.ru/rbcnews/politics/10/12/2010/5703e1429a79473c0df17f31",
    ),
    _S(
        "mfa-by-csto",
        "Collective Security Treaty Organization",
        "Ministry of Foreign Affairs of Belarus",
        UNDATED,
        "https://mfa.gov.by/en/mulateral/organization/list/cddd96a3f70190b1.html",
        "The Treaty in force 20 Apr 1994; the 1999 extension protocol signed by six; the Charter "
        "signed 7 Oct 2002 and in force 18 Sep 2003; UN General Assembly observer status on "
        "2 Dec 2004.",
    ),
    _S(
        "mfa-by-csto-2023",
        "Collective Security Treaty Organization",
        "Ministry of Foreign Affairs of Belarus",
        "2023",
        "https://mfa.gov.by/en/mulateral/organization/list/cddd96a3f70190b1.html?asd96",
        "A later version of the same page: 'In 2023, the Republic of Belarus presides in the "
        "CSTO'.",
    ),
    # --- The CSTO Charter (2002) and its protocols ---------------------------------------------
    _S(
        "cis-charter-2002-en",
        "Articles of organization of the Agreement on collective security of October 7, 2002",
        "CIS Legislation (SojuzPravoInform)",
        "2002-10-07",
        "https://cis-legislation.com/document.fwx?rgn=4145",
        "Machine-translated English text of the CSTO Charter (Article 2: the Treaty and the "
        "treaties and CSC decisions adopted under it bind the members). The stored copy we read "
        "breaks off before Article 12.",
    ),
    _S(
        "kz-charter-protocol-2010",
        "On ratification of the Protocol on Amendments to the Charter of the Collective "
        "Security Treaty Organization of October 7, 2002",
        "zakonpravo.kz (laws of Kazakhstan)",
        "2011-11-28",
        "https://zakonpravo.kz/en/on-ratification-of-the-protocol-on-amendments-to-the-"
        "charter-of-the-collective-security-treaty-organization-of-october-7-2002",
        "Kazakhstan's law of 28 Nov 2011 No. 499-IV; the protocol, signed in Moscow on "
        "10 Dec 2010, 'entered into force on December 19, 2012' (Bulletin of International "
        "Treaties of the Republic of Kazakhstan 2013, No. 1, art. 10).",
    ),
    _S(
        "kremlin-2012-03-01-charter-protocol",
        "Ratification of Protocol on Amending CSTO Charter",
        "President of Russia (kremlin.ru)",
        "2012-03-01",
        "http://en.special.kremlin.ru/catalog/keywords/18/events/14635",
        "The 2010 Charter protocol: tasks of the Permanent Council, Secretary General, "
        "Secretariat and Joint Staff; a crisis-response system; extra-budgetary funds.",
    ),
    _S(
        "cntd-charter-2002",
        "The CSTO Charter of 7 October 2002 with its amending protocols (legal database entry)",
        "Kodeks (docs.cntd.ru)",
        "2002-10-07",
        "https://docs.cntd.ru/document/901868280",
        "Cited for Protocols No. 2 and No. 3 of 8 Nov 2018, in force 19 Jan 2021.",
    ),
    _S(
        "kz-2020-04-17-charter-protocol-3",
        "On the ratification of the Third Protocol on Amendments to the Charter of the "
        "Collective Security Treaty Organization of October 7, 2002",
        "zakonpravo.kz (laws of Kazakhstan)",
        "2020-04-17",
        "https://zakonpravo.kz/en/zakony/zakon-o-ratifikatsii-tretego-protokola-o-vnesenii-"
        "izmeneniy-v-ustav-organizatsii-dogovora-o-kollektivnoy-bezopasnosti-ot-7-oktyabrya-"
        "2002-goda",
        "Signed in Astana on 8 Nov 2018; 'Entered into force on January 19, 2021' (Bulletin of "
        "International Treaties of the Republic of Kazakhstan 2021, No. 1, art. 4); observer "
        "and partner status.",
    ),
    _S(
        "newsam-2019-07-25-charter-protocols",
        "The State Duma of Russia ratifies the Second and Third Protocols amending the CSTO "
        "Charter",
        "news.am",
        "2019-07-25",
        "https://news.am/eng/news/525649.html",
        "Heads of government may sit on the CSC where national law empowers them; observer and "
        "partner status.",
    ),
    _S(
        "pacsto-2019-07-duma-protocols",
        "The State Duma ratifies a series of protocols amending the CSTO Charter",
        "CSTO Parliamentary Assembly (pacsto.org)",
        "2019-07",
        "https://pacsto.org/events/gosudarstvennaya-duma-ratifitsirovala-ryad-protokolov-ob-"
        "izmenenii",
    ),
    _S(
        "csto-observer-regulation",
        "Regulation on the Status of Observer at the Collective Security Treaty Organization",
        "CSTO (en.odkb-csto.org)",
        UNDATED,
        "https://en.odkb-csto.org/institute/npb/regulation-on-the-status-of-observer-at-the-"
        "collective-security-treaty-organization/",
        "Adopted 'Pursuant to Article 21 of the CSTO Charter'.",
    ),
    _S(
        "csto-partner-regulation",
        "Regulation on the Status of Partner of the Collective Security Treaty Organization",
        "CSTO (en.odkb-csto.org)",
        UNDATED,
        "https://en.odkb-csto.org/institute/npb/regulation-on-the-status-of-partner-of-the-"
        "collective-security-treaty-organization/",
    ),
    _S(
        "csto-structure",
        "Structure",
        "CSTO (en.odkb-csto.org)",
        UNDATED,
        "http://en.odkb-csto.org/structure/",
        "The bodies; between CSC sessions the Permanent Council coordinates the carrying out of "
        "decisions.",
    ),
    _S(
        "dcaf-2013-csto-bodies",
        "CSTO bodies, from Rozanov and Douhan, Collective Security Treaty Organisation "
        "2002-2012 (DCAF Regional Programmes 18)",
        "DCAF, via 9dok.net",
        "2013",
        "https://9dok.net/article/csto-bodies-collective-security-treaty-organisation.yj793l05",
        "A summary of the system of bodies under Charter Article 11.",
    ),
    _S(
        "bibliboba-charter-art19",
        "Межгосударственные интеграционные объединения на постсоветском пространстве, с. 159",
        "bibliboba.com",
        UNDATED,
        "https://private.bibliboba.com/books/mezhgosudarstvennye-integratsionnye-obedineniia-na-"
        "postsovetskom-prostranstve/p/159",
        "Quotes Charter Article 19: any state sharing the organisation's aims and principles "
        "and ready to take on its obligations may become a member.",
    ),
    _S(
        "caucasuswatch-zakharova-art19",
        "Russian MFA comments on Armenia's potential CSTO exit, cites Charter",
        "Caucasus Watch",
        "2024",
        "https://caucasuswatch.de/en/news/russian-mfa-comments-on-armenias-potential-csto-exit-"
        "cites-charter.html",
        "Zakharova: under Article 19 a member leaves after official notice no later than six "
        "months before the date, having settled its obligations.",
    ),
    _S(
        "trend-2024-04-zakharova-suspension",
        "Zakharova on Armenia and the CSTO: suspension of participation by CSC decision, even "
        "expulsion; foreign bases only after urgent consultations",
        "Trend News Agency",
        "2024-04",
        "https://en.trend.az/scaucasus/armenia/3881064.html",
    ),
    _S(
        "caliber-2024-12-full-member",
        "Armenia remains full member of CSTO, Kremlin official says",
        "Caliber.az",
        "2024-12",
        "https://caliber.az/en/post/armenia-remains-full-member-of-csto-kremlin-official-says",
        "Zakharova: two years of budget arrears may suspend voting rights and the right to "
        "nominate officials.",
    ),
    _S(
        "wikimili-csto",
        "Collective Security Treaty Organization",
        "WikiMili",
        UNDATED,
        "https://wikimili.com/en/Collective_Security_Treaty_Organization",
        "Paraphrases the bases rule as needing 'the official consent of all its members', "
        "unlike the protocol's own words (no official objections).",
    ),
    # --- The Rules of Procedure (2004) and the bodies' decisions -------------------------------
    _S(
        "csc-2004-06-18-rules-of-procedure",
        "Decision of the Collective Security Council of 18 June 2004 approving the Rules of "
        "Procedure of CSTO bodies and the regulations on admission and withdrawal and on "
        "suspension and expulsion",
        "CIS Legislation (SojuzPravoInform)",
        "2004-06-18",
        "https://cis-legislation.com/document.fwx?rgn=11816",
        "Astana. The Rules of Procedure are its first annex; the stored copy we read breaks off "
        "before Rule 14.",
    ),
    _S(
        "csc-2003-04-28-body-regulations",
        "Decision of the Collective Security Council of 28 April 2003 (Dushanbe) approving the "
        "regulations of CSTO bodies",
        "legal-russia.narod.ru",
        "2003-04-28",
        "https://legal-russia.narod.ru/fed2003/data06/tex21355.htm",
    ),
    _S(
        "csc-2014-12-23-joint-statements",
        "Decision of the Collective Security Council of 23 December 2014 on the procedure for "
        "joint statements",
        "CIS Legislation (SojuzPravoInform)",
        "2014-12-23",
        "https://cis-legislation.com/document.fwx?rgn=76396",
        "Its contents were not read.",
    ),
    _S(
        "icmec-rules-of-procedure",
        "Rules of procedure of the Interstate Commission for Military-Economic Cooperation",
        "CSTO ICMEC (mkves.odkb-csto.org)",
        UNDATED,
        "https://mkves.odkb-csto.org/en/news/regulations/pravila_procedurbl_meggusudarstvennoj_"
        "komissii_po_voen/",
        "Two thirds of the members must attend; a body of the CSTO, not a Council: for "
        "comparison only.",
    ),
    # --- The foreign bases protocol (2011) -----------------------------------------------------
    _S(
        "ru-2012-11-12-200fz-bases",
        "Федеральный закон от 12 ноября 2012 г. N 200-ФЗ «О ратификации Протокола о размещении "
        "объектов военной инфраструктуры на территориях государств - членов Организации "
        "Договора о коллективной безопасности»",
        "Garant (base.garant.ru)",
        "2012-11-12",
        "https://base.garant.ru/70257058",
        "Russia ratifies the protocol signed in Moscow on 20 Dec 2011. Its rule: a member "
        "decides on stationing a non-member's forces or military infrastructure 'после "
        "проведения неотложных консультаций (согласования) с другими участниками ОДКБ и при "
        "отсутствии их официальных возражений'.",
    ),
    _S(
        "belta-2012-11-14-bases-ratified",
        "Россия ратифицировала протокол о размещении военных объектов на территории стран ОДКБ",
        "BelTA, via 21.by",
        "2012-11-14",
        "http://m.21.by/politics/2012/11/14/658380.html",
        "Belarus, Armenia and Tajikistan had ratified before Russia; the protocol lasts as long "
        "as the Treaty.",
    ),
    _S(
        "armstrade-2012-10-31-bases",
        "Совет Федерации ратифицировал протокол о военной инфраструктуре стран ОДКБ",
        "CAWAT (armstrade.org), citing RIA Novosti",
        "2012-10-31",
        "https://armstrade.org/includes/periodics/news/2012/1031/112515460/print.shtml",
    ),
    _S(
        "kz-2013-11-21-bases-draft-law",
        "О проекте Закона Республики Казахстан «О ратификации Протокола о размещении объектов "
        "военной инфраструктуры на территориях государств-членов Организации Договора о "
        "коллективной безопасности»",
        "Adilet (legal database of the Ministry of Justice of Kazakhstan)",
        "2013-11-21",
        "https://adilet.zan.kz/rus/docs/P1300001248",
        "Government decree No. 1248 with the protocol's Russian text.",
    ),
    _S(
        "kz-2014-01-30-bases-ratification",
        "Ұжымдық қауіпсіздік туралы шарт ұйымына мүше мемлекеттердің аумақтарына әскери "
        "инфрақұрылым объектілерін орналастыру туралы хаттаманы ратификациялау туралы",
        "Adilet (legal database of the Ministry of Justice of Kazakhstan)",
        "2014-01-30",
        "https://adilet.zan.kz/kaz/docs/Z1400000170/compare",
        "Kazakhstan's law No. 170-V of 30 Jan 2014 ratifying the protocol signed in Moscow on "
        "20 Dec 2011: the latest ratification cstosim found.",
    ),
    # --- Other instruments ---------------------------------------------------------------------
    _S(
        "un-charter",
        "Charter of the United Nations",
        "United Nations",
        "1945-06-26",
        "https://www.un.org/en/about-us/un-charter/full-text",
        "Article 51: measures taken in self-defence are reported at once to the Security "
        "Council. In force 24 Oct 1945.",
    ),
    _S(
        "un-vclt-1969",
        "Vienna Convention on the Law of Treaties",
        "United Nations",
        "1969-05-23",
        "https://legal.un.org/ilc/texts/instruments/english/conventions/1_1_1969.pdf",
        "Article 34: a treaty creates neither obligations nor rights for a third state without "
        "its consent.",
    ),
    # --- Consensus, Rule 14 and the Moscow session of 14 June 2009 -----------------------------
    _S(
        "udf-2009-06-moscow-summit",
        "The CSTO summit is held in Moscow despite Lukashenka's absence",
        "UDF.by",
        "2009-06",
        "https://udf.by/english/politics/1688-csto-summit-held-in-moscow-despite-lukashenkas.html",
        "The Belarusian foreign ministry on 'the organization's fundamental rule - the rule of "
        "consensus decision-making'; five states sign the rapid reaction force documents.",
    ),
    _S(
        "armeniandiaspora-2009-06-belarus-note",
        "Belarus and Uzbekistan do not sign agreement on creating a joint rapid reaction force",
        "ArmenianDiaspora forum (repost of a news report)",
        "2009-06",
        "https://armeniandiaspora.com/forum/2009/june-2009/170814-belarus-and-uzbekistan-do-"
        "not-sign-agreement-on-creating-a-joint-rap",
        "Belarus's note of 14 June 2009: its non-participation 'means the lack of approval "
        "from the Republic of Belarus of decisions being considered ... and consequently a "
        "lack of consensus'.",
    ),
    _S(
        "euroradio-2009-06-minsk-disagrees",
        "Minsk disagrees with decisions taken at CSTO summit",
        "Euroradio",
        "2009-06",
        "https://euroradio.fm/en/minsk-disagrees-decisions-taken-csto-summit",
    ),
    _S(
        "afn-2009-06-14-mfa-rule14",
        "Russian foreign ministry on Minsk's note: Rule 14 needs only the absence of official "
        "objections",
        "AFN (afn.by)",
        "2009-06",
        "http://www.afn.by/news/i/120008",
        "A senior Russian MFA source, 14 June 2009: Rule 14 'не содержит каких-либо терминов "
        'типа "неучастие", "отсутствие согласия"\'; without official objections of a member '
        "the organisation may decide; Belarus's note contains no official objection. An "
        "interpretation, not the rule's text.",
    ),
    _S(
        "wikinews-2009-06-mfa-rule14",
        "МИД России: заявления Минска о нелигитимности саммита ОДКБ не обоснованы",
        "Wikinews (Russian)",
        "2009-06",
        "https://ru.m.wikinews.org/wiki/МИД_России:_заявления_Минска_о_нелигитимности_"
        "саммита_ОДКБ_не_обоснованы",
    ),
    _S(
        "trend-2009-06-crrf",
        "CSTO leaders sign the rapid reaction force agreement in Moscow without Belarus",
        "Trend News Agency",
        "2009-06",
        "https://en.trend.az/world/other/1488064.html",
    ),
    _S(
        "armenianclub-2009-06-15-crrf",
        "CSTO leaders sign rapid reaction force deal without Belarus",
        "Armenian Club (repost of a news report)",
        "2009-06-15",
        "https://armenianclub.com/2009/06/15/csto-leaders-sign-rapid-reaction-force-deal-"
        "without-belarus",
        "Medvedev: 'we have made a decision to pass temporary presidency to Russia as the "
        "country hosting the summit'; Minsk may join the decisions later.",
    ),
    _S(
        "defencetalk-2009-06-belarus-rift",
        "Russian agreement with security group deepens Belarus rift",
        "DefenceTalk",
        "2009-06",
        "https://defencetalk.com/russian-agreement-with-security-group-deepens-belarus-rift-19778",
    ),
    _S(
        "uzdaily-2009-06-crrf-conditions",
        "CRRF should be used only to repulse aggression: Uzbek foreign ministry",
        "UzDaily",
        "2009-06",
        "https://uzdaily.com/en/crrf-should-be-used-only-to-repulse-aggression-uzbek-foreign-"
        "ministry",
        "Uzbekistan attended but did not sign; its conditions, among them decisions on the "
        "force's use by strict consensus.",
    ),
    _S(
        "korrespondent-2009-10-20-lukashenko-crrf",
        "Lukashenko signs the agreement creating the CSTO's collective rapid reaction forces",
        "Korrespondent.net",
        "2009-10-20",
        "https://korrespondent.net/world/1005023-lukashenko-podpisal-soglashenie-o-sozdanii-"
        "kollektivnyh-sil-odkb",
        "Belarus signs the rapid reaction force documents on 20 Oct 2009; Medvedev had said "
        "Minsk could join the summit's decisions later.",
    ),
    _S(
        "newsarmenia-2009-06-14-chair",
        "Armenia's chairmanship of the CSTO ends at the Moscow session of 14 June 2009",
        "Novosti-Armenia (newsarmenia.am)",
        "2009-06-14",
        "https://newsarmenia.am/news/politics/arm1-20090614-42090305/",
    ),
    _S(
        "armenianclub-2018-12-22-sg-signature",
        "Spokesman for CSTO Secretariat: document on the appointment of a new CSTO SG should be "
        "signed by all the heads of member countries",
        "Armenian Club (repost of a news report)",
        "2018-12-22",
        "https://armenianclub.com/2018/12/22/spokesman-for-csto-secretariat-document-on-the-"
        "appointment-of-a-new-csto-sg-should-be-signed-by-all-the-heads-of-member-countries",
        "Zainetdinov: the Secretary General 'is appointed by consensus, six heads of state'; "
        "the draft must be signed by all six. Zas: 'the CSTO Charter provides for a procedure "
        "for making decisions in a limited format'.",
    ),
    _S(
        "magnis-observer-consensus",
        "Armenia's deputy foreign minister: observer and partner status is granted only by "
        "consensus",
        "Magnis.news",
        UNDATED,
        "https://magnis.news/rus/news/215141",
    ),
    _S(
        "mgimo-2011-nikitina-limited-format",
        "Nikitina (MGIMO) on the CSTO: the approach of December 2010 and Belarus's proposal of "
        "majority voting",
        "MGIMO University",
        "2011",
        "https://mgimo.ru/about/news/experts/211465/",
        "'in December 2010 CSTO members decided to introduce an approach when a country not "
        "interested in the discussed matter may abstain ... but this country should not be "
        "against the decision'; Belarus's 2011 proposal of majority voting 'was turned down'.",
    ),
    _S(
        "tass-2011-insor-majority",
        "Russian press review: the INSOR proposal to move the CSTO to simple-majority decisions",
        "TASS",
        "2011",
        "http://tass.com/russianpress/659844",
    ),
    _S(
        "asiaplus-2022-05-17-charter-art13",
        "CSTO heads of state adopt some documents at a jubilee summit in Moscow",
        "Asia-Plus",
        "2022-05-17",
        "https://www.asiaplustj.info/en/news/tajikistan/politics/20220517/csto-heads-of-state-"
        "adopt-some-documents-at-a-jubilee-summit-in-moscow",
        "Quotes Charter Article 13: the chair is the head of the state where the regular "
        "session is held, unless the Council decides otherwise, until the next regular session.",
    ),
    _S(
        "khovar-2014-12-23-csc-moscow",
        "The regular session of the CSTO heads of state begins (Moscow, 23 December 2014)",
        "Khovar (national information agency of Tajikistan)",
        "2014-12",
        "https://khovar.tj/rus/2014/12/nachalos-ocherednoe-zasedanie-glav-gosudarstv-chlenov-odkb/",
        "Moscow, 23 Dec 2014: chaired by Rahmon, the chair passing to Tajikistan 'с этого дня'; "
        "says each member chairs in turn for a year (a press statement, not the Charter's "
        "words).",
    ),
    _S(
        "tass-2026-pc-chair-rotation",
        "Russia's envoy chairs the CSTO Permanent Council for 2026 'in accordance with the "
        "order of rotation'",
        "TASS",
        "2026",
        "https://tass.ru/mezhdunarodnaya-panorama/26134489",
    ),
    _S(
        "urdupoint-2022-01-extraordinary-csc",
        "Extraordinary CSTO summit on Kazakhstan, convened at the initiative of the Kazakh side",
        "UrduPoint (citing Sputnik)",
        "2022-01",
        "https://www.urdupoint.com/en/world/extraordinary-csto-summit-on-kazakhstan-to-be-"
        "1444770.html",
    ),
    _S(
        "asbarez-2022-10-27-lavrov-chair",
        "Yerevan, Moscow discuss upcoming CSTO security council meeting",
        "Asbarez",
        "2022-10-27",
        "https://asbarez.com/yerevan-moscow-discuss-upcoming-csto-security-council-meeting/",
        "Lavrov: Armenia, holding the rotating chair, would have to plan and call the session; "
        "the extraordinary session of 28 Oct 2022.",
    ),
    _S(
        "asiaplus-2020-12-03-video-csc",
        "CSTO heads of state adopt statement on the formation of a just and sustainable world "
        "order",
        "Asia-Plus",
        "2020-12-03",
        "https://old.asiaplustj.info/en/news/tajikistan/politics/20201203/csto-heads-of-state-"
        "adopt-statement-on-the-formation-of-a-just-and-sustainable-world-order",
        "The first CSC session by videoconference, 2 Dec 2020.",
    ),
    # --- Limited format, quorum and decisions without Armenia, 2023-2025 -----------------------
    _S(
        "massispost-2024-05-budget",
        "Foreign Ministry: Armenia will not finance CSTO activities",
        "Massis Post",
        "2024-05",
        "https://massispost.com/2024/05/foreign-ministry-armenia-will-not-finance-csto-activities/",
        "8 May 2024: Armenia 'will refrain from joining the CSTO Collective Security Council's "
        "decision on the CSTO Budget for 2024 ... while not objecting to the adoption of this "
        "decision in a limited format'.",
    ),
    _S(
        "rferl-2024-05-budget",
        "Armenia will not pay into the CSTO budget",
        "Radio Free Europe/Radio Liberty",
        "2024-05",
        "https://rferl.org/amp/armenia-csto-budget-russia-pashinian-putin/32938561.html",
    ),
    _S(
        "oragark-2024-11-astana",
        "Armenia shuns yet another CSTO summit",
        "Oragark",
        "2024-11",
        "https://oragark.com/armenia-shuns-yet-another-csto-summit",
        "Vasiliev: Armenia 'does not object to the adoption of the summit's documents in a "
        "limited format'.",
    ),
    _S(
        "azernews-2025-bishkek",
        "Armenia stays away from the Bishkek CSTO summit",
        "AzerNews",
        "2025",
        "https://www.azernews.az/region/250740.html",
        "Ushakov: Armenia 'does not object to the adoption of documents previously agreed "
        "upon'; Pashinyan: 'There will be no turning back'.",
    ),
    _S(
        "rferl-2023-11-23-minsk-quorum",
        "CSTO summit in Minsk without Armenia",
        "Radio Free Europe/Radio Liberty",
        "2023-11-23",
        "https://rferl.org/amp/armenia-csto-summit-belarus-russia/32697282.html",
        "Aleynik admitted that Armenia's absence meant no quorum, yet called every decision "
        "'absolutely legitimate', adopted by consensus.",
    ),
    _S(
        "aravot-2023-11-23-quorum",
        "Belarusian foreign minister on Armenia's absence from the Minsk summit",
        "Aravot",
        "2023-11-23",
        "https://en.aravot.am/2023/11/23/337702/",
    ),
    _S(
        "azatutyun-2023-11-23-minsk",
        "Minsk CSC session adopts decisions without Armenia; Yerevan to consider accession to them",
        "Azatutyun (RFE/RL Armenian Service)",
        "2023-11",
        "https://www.azatutyun.am/a/32697910.html",
        "About 20 documents, among them the 2024 budget, new crisis-response and use-of-force "
        "regulations, and the Chief of the Joint Staff; the Armenian MFA on 'the issue of "
        "Armenia's accession to them'.",
    ),
    _S(
        "homeraccommodations-2023-12-minsk-declaration",
        "The Minsk declaration and ministers' statement, dated 22 November, published on "
        "5 December 2023 (copy of a news report)",
        "homeraccommodations.com",
        "2023-12",
        "https://homeraccommodations.com/index-1061.html",
    ),
    _S(
        "asiaplus-2023-11-minsk",
        "CSTO summit in Minsk",
        "Asia-Plus",
        "2023-11",
        "https://asiaplustj.info/en/node/331293",
    ),
    _S(
        "radar-2025-tasmagambetov-absentia",
        "Tasmagambetov: Armenia accepts all documents in absentia, the drafts sent to Yerevan "
        "in advance",
        "Radar Armenia",
        "2025",
        "https://radar.am/en/news/opinion-2728733690",
    ),
    _S(
        "1news-2025-11-27-putin-armenia",
        "Putin comments on Armenia's position on taking part in the CSTO's work",
        "1news.az",
        "2025-11-27",
        "https://1news.az/news/20251127053311254-Putin-prokommentiroval-pozitsiyu-Armenii-po-"
        "uchastiyu-v-rabote-ODKB",
    ),
    _S(
        "24kg-2025-11-sg-masadykov",
        "ОДКБ сменит генсека: пост займет представитель Кыргызстана",
        "24.kg",
        "2025-11",
        "https://24.kg/vlast/352111_odkb_smenit_genseka_post_zaymet_predstavitel_kyirgyizstana/",
        "The Secretary General's term is three years 'in accordance with the charter'; "
        "Masadykov for 2026-2028, appointed at Bishkek without Armenia present.",
    ),
    # --- Kazakhstan, January 2022, and written procedure ---------------------------------------
    _S(
        "topdialog-2022-01-06-kazakhstan",
        "Pashinyan: CSTO peacekeepers will be sent to Kazakhstan",
        "Topdialog",
        "2022-01-06",
        "https://topdialog.ru/2022/01/06/pashinyan-v-kazahstan-otpravyat-mirotvorczev-odkb",
        "The chair's statement: the CSC, 'в соответствии со статьей 4 Договора о коллективной "
        "безопасности', decided to send the Collective Peacekeeping Forces for a limited time.",
    ),
    _S(
        "todayaz-2022-01-kazakhstan",
        "CSTO peacekeepers to Kazakhstan: 2,030 troops and 250 vehicles",
        "Today.az",
        "2022-01",
        "http://www.today.az/news/politics/214307.html",
    ),
    _S(
        "pledgetimes-2022-01-06-kremlin-statement",
        "Kremlin publishes Pashinyan's statement on sending CSTO peacekeepers to Kazakhstan",
        "Pledge Times",
        "2022-01-06",
        "https://pledgetimes.com/kremlin-publishes-pashinyans-statement-on-sending-csto-"
        "peacekeepers-to-kazakhstan/",
    ),
    _S(
        "inform-2022-01-send-off",
        "Send-off ceremony for CSTO peacekeepers takes place in Almaty",
        "Kazinform",
        "2022-01",
        "https://en.inform.kz/news/send-off-ceremony-for-csto-peacekeepers-takes-place-in-"
        "almaty_a3885263/",
        "The contingents of Armenia, Belarus, Kyrgyzstan, Russia and Tajikistan.",
    ),
    _S(
        "galatv-2022-01-10-video-csc",
        "Extraordinary CSC session by videoconference on Kazakhstan, chaired by Armenia",
        "GALA TV",
        "2022-01-10",
        "https://galatv.am/ru/3060435/",
    ),
    _S(
        "interfax-2022-01-12-end-mission",
        "The CSTO Secretariat sends the heads of state a draft CSC decision ending the "
        "peacekeeping operation in Kazakhstan",
        "Interfax",
        "2022-01-12",
        "https://interfax.ru/world/815096",
        "Tokayev asked the chair to end the mission from 13 Jan; the Secretariat drafted the "
        "decision 'и направил главам государств-членов ОДКБ на утверждение'.",
    ),
    _S(
        "belnovosti-2022-01-12-draft-decision",
        "The draft decision ending the peacekeeping operation in Kazakhstan is sent to the "
        "heads of state",
        "Belnovosti",
        "2022-01",
        "https://belnovosti.by/amp/politika/proekt-resheniya-o-zavershenii-mirotvorcheskoy-"
        "operacii-v-kazahstane-napravlen-glavam",
    ),
    _S(
        "armenpress-2022-01-13-cmd",
        "Special session of the CSTO Council of Defence Ministers by videoconference",
        "Armenpress",
        "2022-01-13",
        "https://armenpress.am/eng/news/1072905/",
        "The ministers signed a joint decision on returning the peacekeepers to their bases.",
    ),
    _S(
        "armradio-2022-01-13-withdrawal",
        "Withdrawal of CSTO peacekeepers from Kazakhstan to be completed on January 19",
        "Public Radio of Armenia",
        "2022-01-13",
        "https://en.armradio.am/2022/01/13/withdrawal-of-csto-peacekeepers-from-kazakhstan-to-"
        "be-completed-on-january-19/",
    ),
    _S(
        "sb-2022-01-withdrawal-complete",
        "CSTO Secretary General informed on completion of peacekeepers' withdrawal from Kazakhstan",
        "SB. Belarus Today",
        "2022-01",
        "https://www.sb.by/en/csto-secretary-general-informed-on-completion-of-peacekeepers-"
        "withdrawal-from-kazakhstan.html",
    ),
    # --- Kyrgyzstan, 2010 -----------------------------------------------------------------------
    _S(
        "charter97-2010-05-14-internal-matter",
        "Bordyuzha: the events in Kyrgyzstan are its internal affair; the CSTO's forces will "
        "not be used",
        "Charter97",
        "2010-05-14",
        "https://charter97.link/ru/news/2010/5/14/28949",
        "After the April 2010 coup the CSC held the events 'внутреннее дело Кыргызстана'; the "
        "force component would not be used.",
    ),
    _S(
        "21by-2010-05-14-internal-matter",
        "Bordyuzha: the events in Kyrgyzstan are its internal affair",
        "21.by",
        "2010-05-14",
        "https://m.21.by/world/2010/05/14/46463.html",
    ),
    _S(
        "eurasianet-2010-06-russia-turns-down",
        "Russia turns down Kyrgyzstan's plea for military support",
        "Eurasianet",
        "2010-06",
        "https://eurasianet.org/russia-turns-down-kyrgyzstans-plea-for-military-support",
        "The Kremlin: 'This is an internal conflict'; any decision only under the UN Charter "
        "and after consultations with all CSTO members.",
    ),
    _S(
        "eurasianet-2010-06-csto-indecisive",
        "CSTO indecisive on Kyrgyzstan intervention",
        "Eurasianet",
        "2010-06",
        "https://eurasianet.org/csto-indecisive-on-kyrgyzstan-intervention",
        "The emergency meeting of the security council secretaries, Moscow, 14 June 2010, "
        "ended without a clear decision.",
    ),
    _S(
        "newsru-2010-06-17-advisers",
        "Bordyuzha: advisers for Kyrgyzstan, no question of sending peacekeepers",
        "NEWSru",
        "2010-06-17",
        "https://txt.newsru.com/world/17jun2010/kirgizodkb.html",
    ),
    _S(
        "asbarez-2010-06-no-peacekeepers",
        "CSTO not to send peacekeepers to Kyrgyzstan: official",
        "Asbarez",
        "2010-06",
        "https://asbarez.com/csto-not-to-send-peacekeepers-to-kyrgyzstan-official",
        "Belarus at first withheld support for the stabilisation plan.",
    ),
    _S(
        "kazworld-2010-06-working-group",
        "A CSTO working group goes to Kyrgyzstan (25 June 2010)",
        "kazworld.info",
        "2010-06",
        "http://kazworld.info/?p=8502",
    ),
    # --- Armenia, May 2021 ---------------------------------------------------------------------
    _S(
        "aysor-2021-05-13-article2",
        "Armenia's Acting PM instructs launching actions in sidelines of CSTO to eliminate the "
        "danger to Armenia's Syunik",
        "Aysor.am",
        "2021-05-13",
        "https://aysor.am/en/news/2021/05/13/Փաշինյան-ՀԱՊԿ/1832879",
        "Consultations under 'Paragraph 2 of Article 2'.",
    ),
    _S(
        "auroranews-2021-05-13-article2",
        "Secretary of the Security Council on the application to CSTO",
        "Aurora News (en.auroranews.am)",
        "2021-05-13",
        "https://en.auroranews.am/news/2021-05-13-secretary-of-the-security-council-on-the-"
        "application-to-csto",
        "Grigoryan: 'under Article 2 of the treaty, rather than Article 4'; 'the first time such "
        "a process is starting in the history of the organization'.",
    ),
    _S(
        "hyetert-2021-05-14-emergency-consultations",
        "Chairperson of the CSTO Collective Security Council issues instructions to activate "
        "the mechanisms of emergency consultations",
        "Hyetert (repost from Panorama.am)",
        "2021-05-14",
        "https://hyetert.org/2021/05/14/chairperson-of-the-csto-collective-security-council-"
        "issues-instructions-to-activate-the-mechanisms-of-emergency-consultations/",
    ),
    _S(
        "azatutyun-2021-05-article2-outcome",
        "Pashinian: the speed of CSTO actions does not satisfy us",
        "Azatutyun (RFE/RL Armenian Service)",
        "2021-05",
        "https://azatutyun.am/amp/31275217.html",
        "The foreign ministers 'expressed concern ... but did not issue joint statements in "
        "support of Armenia'.",
    ),
    # --- Armenia, September-November 2022, and the Yerevan session -----------------------------
    _S(
        "breakinglatest-2022-09-13-appeal",
        "Clashes between Armenia and Azerbaijan: Yerevan asks Russia for help",
        "Breaking Latest News",
        "2022-09-13",
        "https://www.breakinglatest.news/world/clashes-between-armenia-and-azerbaijan-yerevan-"
        "asks-russia-for-help/",
    ),
    _S(
        "armradio-2022-09-13-permanent-council",
        "CSTO mechanisms capable of restraining the aggressor, Armenia's representative tells "
        "CSTO Permanent Council",
        "Public Radio of Armenia",
        "2022-09-13",
        "https://en.armradio.am/2022/09/13/csto-mechanisms-capable-of-restraining-the-"
        "aggressor-armenias-representative-tells-csto-permanent-council/",
    ),
    _S(
        "newsam-2022-12-19-zas-year",
        "CSTO Secretary General says he expects decision on support to Armenia to be adopted "
        "after consideration of issue",
        "news.am",
        "2022-12-19",
        "https://news.am/eng/news/735883.html",
        "Five extraordinary CSC sessions in 2022, three at Armenia's request; on 13 Sep an "
        "online CSC sent a monitoring mission.",
    ),
    _S(
        "tass-2022-10-27-measures-for-armenia",
        "CSTO Collective Security Council to consider measures of support for Armenia",
        "TASS",
        "2022-10-27",
        "https://tass.com/politics/1528269/amp",
        "The mission was sent to Armenia on 15 Sep 2022 by decision of the CSC.",
    ),
    _S(
        "primeminister-2022-10-28-video-csc",
        "Nikol Pashinyan chairs the extraordinary session of the CSTO Collective Security Council",
        "Office of the Prime Minister of Armenia",
        "2022-10-28",
        "https://primeminister.am/fr/press-release/item/2022/10/28/Nikol-Pashinyan-meeting-CSTO",
    ),
    _S(
        "azatutyun-2022-10-request-declined",
        "Pashinian to initiate an extraordinary CSTO summit; the allies 'effectively declined' "
        "Armenia's request",
        "Azatutyun (RFE/RL Armenian Service)",
        "2022-10",
        "https://azatutyun.am/a/32101839.html",
    ),
    _S(
        "jinicms-2022-11-23-yerevan",
        "Pashinyan refuses to sign CSTO document envisioning assistance to Armenia",
        "jinicms.com",
        "2022-11-23",
        "https://jinicms.com/technology/gadgets/pashinyan-refuses-to-sign-csto-document-"
        "envisioning-assistance-to-armenia/",
    ),
    _S(
        "horizon-2022-11-23-yerevan",
        "Pashinyan refuses to sign CSTO document on Armenia",
        "Horizon Weekly",
        "2022-11-23",
        "https://horizonweekly.ca/am/pashinyan-refuses-to-sign-csto-document-on-armenia",
    ),
    _S(
        "socialbites-2022-11-yerevan-drafts",
        "Pashinyan: 17 draft decisions, consensus on 15, two sent for revision",
        "socialbites.ca",
        "2022-11",
        "https://socialbites.ca/politics/119445",
        "Contradicted by the Secretariat's count of 34 decisions, two not implemented "
        "(asbarez-2023-11-21-observer-mission).",
    ),
    _S(
        "asbarez-2023-11-21-observer-mission",
        "CSTO still wants to send observer mission to Armenia",
        "Asbarez",
        "2023-11-21",
        "https://asbarez.com/csto-still-wants-to-send-observer-mission-to-armenia/",
        "'Out of the 34 decisions made at the Collective Security Council meeting ... only two "
        "have not been implemented'; Armenia later asked to take the assistance item off the "
        "agenda.",
    ),
    _S(
        "pacsto-2022-11-yerevan",
        "The leaders of the CSTO states meet in Yerevan",
        "CSTO Parliamentary Assembly (pacsto.org)",
        "2022-11",
        "https://pacsto.org/events/lidery-stran-odkb-vstretilis-v-erevane",
        "The Yerevan session of 23 Nov 2022; the chair passes to Belarus for 2023.",
    ),
    # --- Membership ----------------------------------------------------------------------------
    _S(
        "amansaja-wikipedia-2006-05-28",
        "Collective Security Treaty Organization (Wikipedia, revision of 28 May 2006)",
        "Wikipedia, via amansaja.com",
        "2006-05-28",
        "https://amansaja.com/index.php?q=Mfv0Kfa6bO9BLE53MqTXKgrCMqiSL3dZb3KRMq5CnpGSKgFQx3vXJgP"
        "BxszRLgPBo3vXJArHs2rDJpdXJfBHrfdBopv5p09On2hSMpXFJgBRLEnFLpm7L2PCMqw9zts1zNoNzNe%3D",
        "Azerbaijan signed on 24 Sep 1993, Georgia on 9 Dec 1993, Belarus on 31 Dec 1993; in "
        "force 20 Apr 1994; Azerbaijan, Georgia and Uzbekistan did not sign the 1999 protocol.",
    ),
    _S(
        "blogen-2022-01-24-csto",
        "Organization of the Collective Security Treaty",
        "blogen.wiki",
        "2022-01-24",
        "https://www.blogen.wiki/blog/ru/%D0%9E%D1%80%D0%B3%D0%B0%D0%BD%D0%B8%D0%B7%D0%B0%D1%86"
        "%D0%B8%D1%8F_%D0%94%D0%BE%D0%B3%D0%BE%D0%B2%D0%BE%D1%80%D0%B0_%D0%BE_%D0%BA%D0%BE%D0%BB"
        "%D0%BB%D0%B5%D0%BA%D1%82%D0%B8%D0%B2%D0%BD%D0%BE%D0%B9_%D0%B1%D0%B5%D0%B7%D0%BE%D0%BF"
        "%D0%B0%D1%81%D0%BD%D0%BE%D1%81%D1%82%D0%B8",
        "Gives 9 Sep 1993 for Georgia's signature, against 9 Dec 1993 elsewhere.",
    ),
    _S(
        "panarmenian-2006-06-24-uzbekistan",
        "Uzbekistan Restored CSTO Membership",
        "PanARMENIAN.Net",
        "2006-06-24",
        "https://panarmenian.net/m/eng/news/18523",
        "Announced at the Minsk CSC of 23 June 2006.",
    ),
    _S(
        "obozrevatel-2006-12-14-uzbekistan",
        "Узбекистан вернулся под крыло Путина",
        "Obozrevatel",
        "2006-12-14",
        "https://www.obozrevatel.com/news/2006/12/14/148879.htm",
        "Karimov signs the law ratifying the protocol on restoring Uzbekistan's membership, "
        "signed in Sochi on 16 Aug 2006.",
    ),
    _S(
        "lenta-2006-12-13-uzbekistan",
        "Uzbekistan ratifies its return to the CSTO",
        "Lenta.ru",
        "2006-12-13",
        "https://lenta.ru/news/2006/12/13/odkb/amp",
    ),
    _S(
        "ria-2012-06-28-uzbekistan-note",
        "Uzbekistan suspends its participation in the CSTO by a note to the Secretariat",
        "RIA Novosti",
        "2012-06-28",
        "https://ria.ru/20120628/687221679.html",
        "Uzbekistan's own note of 28 June 2012: a request to suspend its participation, not a "
        "declaration under the limited format.",
    ),
    _S(
        "tass-2012-12-19-uzbekistan-suspended",
        "CSTO suspends Uzbekistan's membership",
        "TASS",
        "2012-12-19",
        "http://tass.com/russia/687141",
        "The CSC in Moscow 'agreed to their request and suspended Uzbekistan's CSTO "
        "membership'. Also: 'The Organization's Charter does not provide for unilateral "
        "withdrawal', which other sources contradict (see caucasuswatch-zakharova-art19).",
    ),
    _S(
        "tass-2012-12-kyrgyzstan-chair",
        "Kyrgyzstan to assume the CSTO presidency from Kazakhstan on 19 December 2012",
        "TASS",
        "2012-12",
        "http://tass.com/archive/685227",
        "Also says Uzbekistan's membership was 'formally ratified by its parliament on March "
        "28, 2008', a date the other sources on its return do not give.",
    ),
    _S(
        "vestikavkaza-uzbekistan-no-return",
        "Uzbek officials: Uzbekistan will not return to the CSTO",
        "Vestnik Kavkaza",
        UNDATED,
        "https://vestikavkaza.ru/amp/354925",
    ),
    _S(
        "azatutyun-2024-armenia-2023-steps",
        "Armenia's steps away from the CSTO in 2023: no exercises, no representative, the "
        "Deputy Secretary General's post left empty, the Minsk summit skipped",
        "Azatutyun (RFE/RL Armenian Service)",
        "2024",
        "https://azatutyun.am/a/32796553.html",
        "The year is inferred from the article's number.",
    ),
    _S(
        "asbarez-2024-02-frozen",
        "Armenia has frozen participation in CSTO, angering Moscow",
        "Asbarez",
        "2024-02",
        "https://asbarez.com/armenia-has-frozen-participation-in-csto-angering-moscow/",
        "Pashinyan, 23 Feb 2024: 'in practice we have basically frozen our participation'.",
    ),
    _S(
        "novinite-2024-06-12-leave",
        "Pashinyan: 'We will leave when we decide'",
        "Novinite",
        "2024-06-12",
        "https://www.novinite.com/view_news.php?id=226610",
    ),
    _S(
        "icloud-2024-09-frozen-all-levels",
        "Armenia says it has frozen its participation in the CSTO at all levels",
        "icloud.info (copy of a news report)",
        "2024-09",
        "https://icloud.info/basic-news-article/2024-09/longtime-russian-ally-says-its-frozen-"
        "its-participation-putins-nato-all",
        "Armenia has 'frozen its participation in the CSTO at all levels'.",
    ),
    _S(
        "kyivindependent-2025-03-budget",
        "Armenia refuses to finance its contributions to the Russian-led CSTO",
        "The Kyiv Independent",
        "2025-03",
        "https://kyivindependent.com/armenia-refuses-to-finance-contributions-russian-led-"
        "csto-security",
        "Dates Armenia's suspension to 'August 2024', unlike the other sources (February and "
        "September 2024).",
    ),
    _S(
        "frontnews-2025-03-budget",
        "Armenia withholds Russian-led CSTO budget contribution",
        "Front News",
        "2025-03",
        "https://frontnews.ge/en/armenia-withholds-russian-led-csto-budget-contribution",
        "A formal notice to the Secretariat refusing to sign the 2024 budget decision.",
    ),
    _S(
        "caliber-tasmagambetov-withdrawal",
        "CSTO chief does not rule out Armenia's possible withdrawal from the organization",
        "Caliber.az",
        UNDATED,
        "https://caliber.az/en/post/csto-chief-does-not-rule-out-armenia-s-possible-"
        "withdrawal-from-the-organization",
        "Tasmagambetov: no official statement on suspension has been received.",
    ),
    _S(
        "eadaily-2025-03-08-deadline",
        "Russia has set a deadline for Armenia: we will not expel, but please decide",
        "EADaily",
        "2025-03-08",
        "https://eadaily.com/en/news/2025/03/08/russia-has-set-a-deadline-for-armenia-we-will-"
        "not-expel-but-please-decide",
        "Pankin: 'Yerevan has not notified us about the withdrawal'; no automatic expulsion.",
    ),
    _S(
        "tass-2020-12-pa-observers",
        "CSTO summit by videoconference chaired by Putin; observers at the Parliamentary Assembly",
        "TASS",
        "2020-12",
        "https://tass.com/politics/1230317",
        "Russia chairs in 2020; in 2013 the Serbian and Afghan parliaments became observers at "
        "the CSTO Parliamentary Assembly, not at the CSTO itself.",
    ),
    # --- The chair of the Collective Security Council, 2002-2026 -------------------------------
    _S(
        "kremlin-2002-05-14-moscow-session",
        "Putin chairs the session of the Collective Security Council in Moscow",
        "President of Russia (kremlin.ru)",
        "2002-05-14",
        "http://en.special.kremlin.ru/events/president/news/27071",
        "Russia takes over from Armenia.",
    ),
    _S(
        "vesti-2002-05-moscow-session",
        "The Moscow session of 14 May 2002 and the transformation of the Treaty into an "
        "organisation",
        "Vesti.ru",
        UNDATED,
        "https://www.vesti.ru/article/2368471",
    ),
    _S(
        "kremlin-2005-06-23-nazarbayev",
        "Nazarbayev at the Moscow CSC session: 'Exactly a year has passed since the last summit "
        "in Astana. Kazakhstan presided the organisation'",
        "President of Russia (kremlin.ru)",
        "2005-06-23",
        "http://en.special.kremlin.ru/events/president/transcripts/23051",
    ),
    _S(
        "inforos-2005-06-moscow-session",
        "The CSTO summit in Moscow, June 2005",
        "Inforos",
        "2005-06",
        "http://inforos.ru/en/?module=news&action=view&id=6998",
        "Russia hosts; that it then chaired is inferred from Charter Article 13.",
    ),
    _S(
        "afn-2006-06-minsk-session",
        "Lukashenko opens the CSC session in Minsk, 23 June 2006",
        "AFN (afn.today)",
        "2006-06",
        "https://afn.today/news/i/75768",
    ),
    _S(
        "upi-2006-06-25-uzbekistan-returns",
        "Uzbekistan Returns To Russian Treaty Group",
        "United Press International, via SpaceWar.com",
        "2006-06-25",
        "https://spacewar.com/reports/Uzbekistan_Returns_To_Russian_Treaty_Group_999.html",
        "Calls Lukashenka 'CSTO chairman' at the Minsk summit; Uzbekistan rejoins as the "
        "seventh member.",
    ),
    _S(
        "liquisearch-csto-2007",
        "Collective Security Treaty Organisation - Recent Developments",
        "LiquiSearch",
        UNDATED,
        "https://www.liquisearch.com/collective_security_treaty_organisation/recent_developments",
        "'In June 2007, Kyrgyzstan assumed the rotating CSTO presidency'.",
    ),
    _S(
        "ria-2007-10-06-bakiyev",
        "Armenia to hold rotating chair in CSTO next year - Bakiyev",
        "RIA Novosti, via ArmenianDiaspora forum",
        "2007-10-06",
        "https://www.armeniandiaspora.com/forum/2007/october-2007/105751-armenia-to-hold-"
        "rotating-chair-in-csto-next-year-bakiyev?p=105751",
        "Bakiyev speaks at Dushanbe as president of Kyrgyzstan, 'which currently chairs the "
        "CSTO'; Tajikistan hosts but does not chair.",
    ),
    _S(
        "jamestown-2007-csto-central-asia",
        "CSTO seeks ways to better secure Central Asia",
        "Jamestown Foundation",
        "2007",
        "https://jamestown.org/program/csto-seeks-ways-to-better-secure-central-asia/",
    ),
    _S(
        "sputnik-2008-09-05-armenia-chair",
        "The CSTO rotating presidency passes from Kyrgyzstan to Armenia",
        "RIA Novosti (sputnikglobe.com)",
        "2008-09-05",
        "https://sputnikglobe.com/20080905/116583797.html",
    ),
    _S(
        "survincity-2013-02-russia-chair",
        "An article on the main topic of a coming CSTO summit (Russia still chairing in "
        "August 2010)",
        "survincity.com",
        "2013-02",
        "https://survincity.com/2013/02/what-will-be-the-main-topic-at-the-summit-of-the/",
    ),
    _S(
        "minsk-2010-12-belarus-chair",
        "Belarus takes over the CSTO chairmanship",
        "data.minsk.by (Belarus news)",
        "2010-12",
        "http://www.data.minsk.by/belarusnews/122010/135.html",
    ),
    _S(
        "sb-2011-csto-security-umbrella",
        "CSTO opens security umbrella",
        "SB. Belarus Today",
        "2011",
        "https://www.sb.by/articles/csto-opens-security-umbrella.html",
        "Belarus's chairmanship of 2011.",
    ),
    _S(
        "24kg-2011-chair-2012-kazakhstan",
        "The CSTO chairmanship passes to Kazakhstan for 2012",
        "24.kg",
        "2011",
        "https://24.kg/archive/ru/bigtiraj/116457-predsedatelstvo-v-odkb-v-2012-godu-"
        "perejdet.html/",
    ),
    _S(
        "asiaplus-2012-05-15-jubilee-session",
        "Tajik president leaves Moscow after the CSTO jubilee session",
        "Asia-Plus",
        "2012-05-15",
        "https://asiaplustj.info/en/news/tajikistan/politics/20120515/tajik-president-leaves-"
        "moscow",
    ),
    _S(
        "kremlin-2013-09-23-sochi-session",
        "The CSC session at Sochi, chaired by Atambayev",
        "President of Russia (kremlin.ru)",
        "2013-09-23",
        "http://en.special.kremlin.ru/catalog/keywords/18/events/19268",
    ),
    _S(
        "livekuban-2013-09-sochi",
        "Putin to take part in the CSTO summit at Sochi",
        "LiveKuban",
        "2013-09",
        "https://livekuban.ru/news/politika/v-sochi-putin-primet-uchastie-v-sammite-odkb?amp=1",
        "At Sochi 'председательство в ОДКБ перейдет от Киргизии к России'.",
    ),
    _S(
        "pakistanintheworld-2015-09-dushanbe",
        "Collective Security Treaty Organization countries agree to further strengthen CSTO",
        "Pakistan in the World",
        "2015-09",
        "http://pakistanintheworld.com/content/collective-security-treaty-organization-"
        "countries-agree-further-strengthen-csto",
        "The Dushanbe session of 15 Sep 2015, Tajikistan chairing.",
    ),
    _S(
        "sputnik-tj-2016-10-14-yerevan",
        "The CSC session in Yerevan, Armenia chairing",
        "Sputnik Tajikistan",
        "2016-10-14",
        "https://tj.sputniknews.ru/20161014/1020865743.html",
    ),
    _S(
        "president-by-2016-10-14-csc",
        "CSTO Collective Security Council session",
        "President of Belarus (president.gov.by)",
        "2016-10-14",
        "http://president.gov.by/en/news_en/view/csto-collective-security-council-session-14659/",
    ),
    _S(
        "tass-2017-11-30-minsk",
        "The CSC session in Minsk, Belarus chairing",
        "TASS",
        "2017-11-30",
        "https://tass.com/politics/978172/amp",
    ),
    _S(
        "astanatimes-2018-11-astana",
        "Astana hosts CSTO Collective Security Council summit",
        "The Astana Times",
        "2018-11",
        "https://astanatimes.com/2018/11/astana-hosts-csto-collective-security-council-summit",
    ),
    _S(
        "inform-2019-11-kyrgyzstan-to-russia",
        "Kyrgyzstan officially passes chairmanship in CSTO Collective Security Council to Russia",
        "Kazinform",
        "2019-11",
        "https://en.inform.kz/amp/kyrgyzstan-officially-passes-chairmanship-in-csto-collective-"
        "security-council-to-russia_a3589713/",
    ),
    _S(
        "mid-2020-12-csc-video",
        "The CSC session of 2 December 2020 by videoconference",
        "Ministry of Foreign Affairs of Russia",
        "2020-12",
        "https://www.mid.ru/de/foreign_policy/rso/1477731/?lang=en",
    ),
    _S(
        "armenpress-2021-09-dushanbe",
        "The CSC session in Dushanbe, 16 September 2021",
        "Armenpress",
        "2021-09",
        "https://armenpress.am/eng/news/1063264/",
    ),
    _S(
        "khovar-2021-09-18-armenia-chair",
        "Таджикистан передал председательство Армении. Следующая сессия СКБ ОДКБ пройдет в "
        "Ереване в 4-м квартале 2022 года",
        "Khovar (national information agency of Tajikistan)",
        "2021-09-18",
        "https://khovar.tj/rus/2021/09/tadzhikistan-peredal-predsedatelstvo-armenii-"
        "sleduyushhaya-sessiya-skb-odkb-projdet-v-erevane-v-4-m-kvartale-2022-goda",
    ),
    _S(
        "sputnik-2023-11-23-minsk",
        "CSTO Collective Security Council meeting to take place in Minsk on Thursday",
        "Sputnik (sputnikglobe.com)",
        "2023-11-23",
        "https://sputnikglobe.com/20231123/csto-collective-security-council-meeting-to-take-"
        "place-in-minsk-on-thursday-1115156014.html",
    ),
    _S(
        "timesca-2024-11-astana",
        "The CSC session in Astana, 28 November 2024, without Armenia",
        "The Times of Central Asia",
        "2024-11",
        "https://timesca.com/?p=26054",
    ),
    _S(
        "newsaz-2024-11-astana",
        "Kazakhstan hosts CSTO summit",
        "News.az",
        "2024-11",
        "https://news.az/news/kazakhstan-hosts-csto-summit",
    ),
    _S(
        "sputnik-kg-2025-02-10-chair",
        "Kyrgyzstan chairs the CSTO in 2025",
        "Sputnik Kyrgyzstan",
        "2025-02-10",
        "https://ru.sputnik.kg/amp/20250210/1091975777.html",
    ),
    _S(
        "24kg-2025-11-27-bishkek",
        "The CSTO summit opens in Bishkek",
        "24.kg",
        "2025-11-27",
        "https://24.kg/vlast/352465_vstolitse_kyirgyizstana_nachalsya_sammit_odkb/",
    ),
    _S(
        "ria-2025-11-25-russia-2026",
        "Russia to chair the CSTO from 1 January 2026",
        "RIA Novosti",
        "2025-11-25",
        "https://ria.ru/20251125/lidery-2057356160.html",
    ),
    # --- The Secretaries General ---------------------------------------------------------------
    _S(
        "belta-2019-sg-rotation",
        "CSTO leaders extend greetings to new CSTO Secretary General",
        "BelTA",
        "2019",
        "https://eng.belta.by/politics/view/csto-leaders-extend-greetings-to-new-csto-"
        "secretary-general-126273-2019",
        "'the Collective Security Council's resolution of 2015, which clearly regulates the "
        "appointment of secretary general on a rotational basis in accordance with the Russian "
        "alphabet'.",
    ),
    _S(
        "armenpress-2018-11-sg",
        "The CSTO Secretary General after Khachaturov",
        "Armenpress",
        "2018-11",
        "https://armenpress.am/eng/news/953328.html",
        "The month is inferred from the article's number, between those of 2 and 7 Nov 2018.",
    ),
    _S(
        "armenpress-2018-11-02-khachaturov-dismissed",
        "CSTO Secretary-General Khachaturov dismissed",
        "Armenpress",
        "2018-11-02",
        "https://armenpress.am/eng/news/953167/",
        "'At the decision of the Collective Security Council of the CSTO, Y. Khachaturov is "
        "dismissed'; Semerikov acts as Secretary General.",
    ),
    _S(
        "armenpress-2018-11-07-three-options",
        "Three options under consideration for new Secretary General of CSTO, says Putin's aide",
        "Armenpress",
        "2018-11-07",
        "https://armenpress.am/eng/news/953679.html",
        "Armenia's candidate until 2020, Semerikov acting until 2020, or Belarus's, 'next in "
        "line by alphabetical order'.",
    ),
    _S(
        "armenpress-2018-11-08-semerikov-acting",
        "No decision on the new CSTO Secretary-General; Semerikov remains acting",
        "Armenpress",
        "2018-11-08",
        "https://armenpress.am/eng/news/953859/",
        "Says Khachaturov took up the post on 2 May 2017 (other sources: April 2017).",
    ),
    _S(
        "newsam-2018-07-31-recall-procedure",
        "CSTO has no information about Armenia's request to withdraw Khachaturov",
        "news.am",
        "2018-07-31",
        "https://news.am/eng/news/464365.html",
        "Semerikov: 'The Collective Security Council decides'; the Russian MFA: under the rules "
        "of procedure Armenia should officially initiate the recall of its citizen.",
    ),
    _S(
        "belsat-2019-11-zas",
        "Belarusian general to take post of CSTO secretary general in January",
        "Belsat",
        "2019-11",
        "https://naviny.belsat.eu/en/news/belarusian-general-to-take-post-of-csto-secretary-"
        "general-in-january/",
    ),
    _S(
        "report-2025-11-ushakov-new-sg",
        "Ushakov names the new CSTO Secretary General",
        "Report.az",
        "2025-11",
        "https://report.az/ru/v-regione/ushakov-nazval-imya-novogo-genseka-odkb",
        "Masadykov of Kyrgyzstan 'на 2026-2028гг'.",
    ),
)

SOURCES: dict[str, Source] = {}
for _s in _SOURCES:
    if _s.id in SOURCES:
        raise ValueError(f"duplicate source id {_s.id!r}")
    if not ID_PATTERN.match(_s.id):
        raise ValueError(f"source id {_s.id!r} is not lowercase words joined by hyphens")
    if _s.date != UNDATED and not DATE_PATTERN.match(_s.date):
        raise ValueError(f"source {_s.id!r} has date {_s.date!r}; allowed: YYYY[-MM[-DD]] or n.d.")
    if not _s.url.startswith(("http://", "https://")):
        raise ValueError(f"source {_s.id!r} has no http(s) address")
    SOURCES[_s.id] = _s
del _s


def get_source(sid: str) -> Source:
    """The source with id ``sid``; raises :class:`UnknownSourceError` with the closest ids."""
    try:
        return SOURCES[sid]
    except KeyError:
        close = difflib.get_close_matches(sid, list(SOURCES), n=3, cutoff=0.5)
        raise UnknownSourceError(sid, close) from None
