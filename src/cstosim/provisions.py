"""The dated provisions catalogue: every rule cstosim applies, with its sources and variants.

Each provision has an id (``cst.4``, ``rop.14.1``...), the instrument and article it comes from,
a paraphrase in our own words, the instrument's date of signature and its entry into force, the
dates the provision is in force, and, where the sources disagree or a what-if is worth exploring,
its named variants with the default. A provision takes effect on its instrument's entry into
force, never on the day of signature.

``sources`` are ids of :data:`cstosim.sources.SOURCES`, the list of public sources the project
ships; every id is checked when this module is imported. The entries themselves live in
``data/provisions.toml`` beside this module; this module is the single place the code reads
them from, and checks them as it does.
"""

from __future__ import annotations

import difflib
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from importlib import resources

from cstosim.errors import UnknownProvisionError
from cstosim.i18n import _
from cstosim.sources import SOURCES, Source
from cstosim.vocabulary import DecisionRule, Rotation, Rule14, RuleKey

__all__ = [
    "CATALOGUE",
    "Provision",
    "UnknownProvisionError",
    "Variant",
    "article",
    "closest_ids",
    "episode",
    "get",
    "in_force",
    "in_force_from",
    "instrument",
    "meaning",
    "notes",
    "paraphrase",
    "title",
]


@dataclass(frozen=True, slots=True)
class Variant:
    """A named reading or what-if value of a rule key, with what it means."""

    value: str  # a value of the rule key: an enum member where the key has a closed set
    meaning: str
    default: bool = False


@dataclass(frozen=True, slots=True)
class Provision:
    """One dated provision: where it comes from, what it says, when it holds.

    ``signed`` is the day the instrument was signed (or the body adopted it); ``in_force_from``
    the day the provision takes effect, which is the instrument's entry into force (``None``
    for a what-if that applies only when a scenario asks for it); ``in_force_to`` the last day
    before a later text replaced it. A practice with no written instrument has no ``signed``.
    """

    id: str
    title: str
    instrument: str
    article: str
    paraphrase: str
    in_force_from: date | None
    in_force_to: date | None = None
    signed: date | None = None
    rule_key: RuleKey | None = None
    variants: tuple[Variant, ...] = ()
    episode: str = ""
    sources: tuple[str, ...] = ()  # ids of cstosim.sources.SOURCES
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

    def source_entries(self) -> tuple[Source, ...]:
        """The provision's sources, in the order it cites them."""
        return tuple(SOURCES[s] for s in self.sources)


def _check(provisions: tuple[Provision, ...]) -> dict[str, Provision]:
    """The catalogue by id; raises ValueError for any entry that does not hold together."""
    catalogue: dict[str, Provision] = {}
    for p in provisions:
        if p.id in catalogue:
            raise ValueError(f"provision {p.id!r} is catalogued twice")
        if p.id != p.id.lower():
            raise ValueError(f"provision id {p.id!r} must be lowercase")
        catalogue[p.id] = p
    problems: list[str] = []
    for p in provisions:
        if not p.sources:
            problems.append(f"{p.id}: no sources")
        problems += [f"{p.id}: unknown related id {r}" for r in p.related if r not in catalogue]
        if p.variants and sum(v.default for v in p.variants) != 1:
            problems.append(f"{p.id}: exactly one variant must be the default")
        if p.in_force_from and p.in_force_to and p.in_force_to < p.in_force_from:
            problems.append(f"{p.id}: in force to a day before it is in force from")
        if p.signed and p.in_force_from and p.in_force_from < p.signed:
            problems.append(f"{p.id}: in force before its instrument was signed")
    if problems:
        raise ValueError("provisions catalogue: " + "; ".join(problems))
    return catalogue


def _load() -> tuple[Provision, ...]:
    """The provisions of ``data/provisions.toml`` in file order, typed (dates, rule keys, and
    variant values from the vocabulary where the key has a closed set of values)."""
    raw = tomllib.loads(
        resources.files("cstosim").joinpath("data/provisions.toml").read_text("utf-8")
    )
    out = []
    for entry in raw["provision"]:
        key = RuleKey(entry["rule_key"]) if "rule_key" in entry else None
        closed = _CLOSED.get(key) if key is not None else None
        variants = tuple(
            Variant(
                value=closed(v["value"]) if closed is not None else v["value"],
                meaning=v["meaning"],
                default=v.get("default", False),
            )
            for v in entry.get("variant", ())
        )
        fields = {k: v for k, v in entry.items() if k not in ("rule_key", "variant")}
        fields.setdefault("in_force_from", None)  # a what-if with no instrument
        for k in ("sources", "related"):
            if k in fields:
                fields[k] = tuple(fields[k])
        out.append(Provision(**fields, rule_key=key, variants=variants))
    return tuple(out)


# Rule keys whose values form a closed set: a variant's value must be one of them.
_CLOSED: dict[RuleKey, Callable[[str], str]] = {
    RuleKey.RULE14: Rule14,
    RuleKey.ROTATION: Rotation,
    RuleKey.DECISION: DecisionRule,
}

CATALOGUE: dict[str, Provision] = _check(_load())


def title(p: Provision) -> str:
    """A provision's title in the language of the moment (the catalogues translate it)."""
    return _(p.title)


def instrument(p: Provision) -> str:
    """The instrument a provision comes from, in the language of the moment."""
    return _(p.instrument)


def article(p: Provision) -> str:
    """The article (or rule) of its instrument a provision is, in the language of the moment."""
    return _(p.article)


def paraphrase(p: Provision) -> str:
    """A provision's paraphrase in the language of the moment (the catalogues translate it)."""
    return _(p.paraphrase)


def episode(p: Provision) -> str:
    """The episode that turned on a provision, in the language of the moment."""
    return _(p.episode) if p.episode else ""


def notes(p: Provision) -> str:
    """A provision's notes, in the language of the moment."""
    return _(p.notes) if p.notes else ""


def meaning(v: Variant) -> str:
    """What a variant means, in the language of the moment (the catalogues translate it)."""
    return _(v.meaning)


def unknown_sources() -> list[str]:
    """Each provision's cited source ids that ``cstosim.sources`` does not list (the tests
    hold this empty; it is not checked at import, so that the sources load only when cited)."""
    return [f"{p.id}: {s}" for p in CATALOGUE.values() for s in p.sources if s not in SOURCES]


def closest_ids(pid: str, n: int = 3) -> list[str]:
    """The catalogue ids closest in spelling to ``pid``."""
    ids = list(CATALOGUE)
    key = pid.strip().lower()
    close = difflib.get_close_matches(key, ids, n=n, cutoff=0.4)
    if not close:
        close = [i for i in ids if key and (key in i or i.split(".")[0] == key.split(".")[0])][:n]
    return close


def get(pid: str) -> Provision:
    """The provision with id ``pid`` (any letter case); raises UnknownProvisionError."""
    found = CATALOGUE.get(pid) or CATALOGUE.get(pid.strip().lower())
    if found is None:
        raise UnknownProvisionError(pid, closest_ids(pid))
    return found


def in_force(pid: str, day: date) -> bool:
    """Whether provision ``pid`` is in force on ``day``."""
    return get(pid).in_force_on(day)


def in_force_from(pid: str) -> date:
    """The day provision ``pid`` takes effect (its instrument's entry into force)."""
    day = get(pid).in_force_from
    if day is None:
        raise ValueError(f"{pid} has no date of entry into force")
    return day
