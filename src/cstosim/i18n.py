"""The languages cstosim speaks to people in: English, Russian and Arabic (design 5.7).

What a person reads (the text timeline, the reports, explanations, provision paraphrases, error
messages) goes through gettext catalogues in ``locale/``: ``cstosim.pot`` and one ``.po`` file
per language. Codes, ids and JSON never change with the language.

The language of the moment is a context variable, set by the command line (and by the API's
renderers when given ``lang=``) with :func:`using`; renderers call :func:`_` and
:func:`ngettext`, which read it, so nothing leaks between calls or threads. English is the
source language: it needs no catalogue, and Babel is imported only when another language is
used (the ``.po`` file is read and compiled in memory once per language; no ``.mo`` file is
shipped).
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from functools import cache
from importlib import resources
from io import BytesIO

from cstosim.errors import ArgumentError
from cstosim.vocabulary import Lang

__all__ = [
    "ENV",
    "LANGS",
    "N_",
    "Lang",
    "current",
    "default_lang",
    "direction",
    "format_date",
    "gettext_",
    "ngettext",
    "number",
    "parse_lang",
    "pgettext",
    "translations",
    "using",
]

ENV = "CSTOSIM_LANG"
LANGS = tuple(lang.value for lang in Lang)
DOMAIN = "cstosim"

_current: ContextVar[Lang] = ContextVar("cstosim_lang", default=Lang.EN)
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def parse_lang(text: str, where: str = "--lang") -> Lang:
    """The language a code names; ArgumentError naming the allowed codes otherwise."""
    try:
        return Lang(text.strip().lower())
    except ValueError:
        shown = "".join(c if " " <= c <= "~" else f"\\u{ord(c):04x}" for c in text)
        raise ArgumentError(
            f"{where}: unknown language '{shown}'; allowed: {', '.join(LANGS)}"
        ) from None


def default_lang() -> Lang:
    """The language from the environment variable CSTOSIM_LANG, else English."""
    value = os.environ.get(ENV, "")
    return parse_lang(value, ENV) if value.strip() else Lang.EN


def direction(lang: Lang) -> str:
    """The writing direction of a language: "rtl" for Arabic, else "ltr"."""
    return "rtl" if lang is Lang.AR else "ltr"


@cache
def translations(lang: Lang) -> gettext.NullTranslations:
    """The compiled catalogue of a language (English: no catalogue, the msgids as they are)."""
    lang = Lang(lang)
    if lang is Lang.EN:
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    from babel.support import Translations

    po = resources.files("cstosim").joinpath(f"locale/{lang.value}/LC_MESSAGES/{DOMAIN}.po")
    with po.open("rb") as f:
        catalog = read_po(f, locale=lang.value, domain=DOMAIN)
    mo = BytesIO()
    write_mo(mo, catalog, use_fuzzy=False)
    mo.seek(0)
    return Translations(mo, domain=DOMAIN)


def current() -> Lang:
    """The language of the moment (English unless :func:`using` set another)."""
    return _current.get()


@contextmanager
def using(lang: Lang | str | None) -> Iterator[Lang]:
    """Speak ``lang`` inside the block (None: keep the language of the moment)."""
    chosen = current() if lang is None else Lang(lang)
    token = _current.set(chosen)
    try:
        yield chosen
    finally:
        _current.reset(token)


def gettext_(message: str) -> str:
    """``message`` in the language of the moment."""
    lang = _current.get()
    return message if lang is Lang.EN else translations(lang).gettext(message)


_ = gettext_


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a counted message for ``n`` in the language of the moment."""
    lang = _current.get()
    if lang is Lang.EN:
        return singular if n == 1 else plural
    return translations(lang).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` in the language of the moment, told apart by ``context``."""
    lang = _current.get()
    return message if lang is Lang.EN else translations(lang).pgettext(context, message)


def N_(message: str) -> str:
    """Mark ``message`` for the catalogue without translating it (translated where shown)."""
    return message


def number(n: int) -> str:
    """A whole number grouped as people of the language of the moment write it (2,030 in
    English, 2 030 in Russian)."""
    lang = _current.get()
    if lang is Lang.EN:
        return f"{n:,}"
    from babel.numbers import format_decimal

    return format_decimal(n, locale=lang.value)


def format_date(d: date, lang: Lang) -> str:
    """A date as people of ``lang`` write it: 19 Dec 2012, 19 декабря 2012 г., 19 ديسمبر 2012."""
    if Lang(lang) is Lang.EN:
        return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"
    from babel.dates import format_date as babel_date

    return babel_date(d, format="long", locale=lang.value)
