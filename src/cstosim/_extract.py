"""Build the catalogue template ``locale/cstosim.pot`` from the sources (maintainers' tool).

``python -m cstosim._extract`` rewrites the template from what ``babel.cfg`` maps: the Python
code, the provisions catalogue (``data/provisions.toml``) and the classroom's Jinja2 templates;
``--check`` only says whether it is up to date. The translations in ``locale/*/LC_MESSAGES``
are then brought up to date with ``pybabel update`` (or by hand) and reviewed against
``locale/TERMS.md``. Needs Babel (and Jinja2 for templates); never imported by a run.
"""

from __future__ import annotations

import re
import sys
import tomllib
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path
from typing import IO, Any

__all__ = ["KEYWORDS", "ROOT", "extract", "extract_provisions", "main", "msgids"]

ROOT = Path(__file__).resolve().parents[2]
POT = Path(__file__).resolve().parent / "locale" / "cstosim.pot"
# Babel's default keywords, and the aliases cstosim uses.
KEYWORDS: dict[str, Any] = {"gettext_": None, "p_": ((1, "c"), 2), "_t": None}
_FIELD = re.compile(r"^(title|instrument|article|paraphrase|episode|notes|meaning) = ")


def extract_provisions(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Any
) -> Iterator[tuple[int, str | None, str, list[str]]]:
    """A Babel extractor for ``provisions.toml``: each text a person reads, with its line."""
    for lineno, line in enumerate(fileobj.read().decode("utf-8").splitlines(), start=1):
        m = _FIELD.match(line)
        if m:
            value = tomllib.loads(line)[m.group(1)]
            yield lineno, None, value, [f"provisions: {m.group(1)}"]


def extract() -> Any:
    """The catalogue template as a babel Catalog, from what babel.cfg maps."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
    from babel.messages.frontend import parse_mapping_cfg

    with (ROOT / "babel.cfg").open(encoding="utf-8") as f:
        method_map, options_map = parse_mapping_cfg(f)
    from cstosim import __version__

    catalog = Catalog(
        project="cstosim",
        version=__version__,
        copyright_holder="the cstosim contributors",
        msgid_bugs_address="",
        charset="utf-8",
        header_comment=(
            "# The messages cstosim shows people, for translators (python -m cstosim._extract).\n"
            "# Terms of art: locale/TERMS.md. Placeholders {name} stay as they are.\n"
        ),
    )
    found = extract_from_dir(
        str(ROOT),
        method_map,
        options_map,
        keywords={**DEFAULT_KEYWORDS, **KEYWORDS},
        comment_tags=("Translators:",),
        strip_comment_tags=True,
    )
    for filename, lineno, message, comments, context in sorted(
        found, key=lambda m: (m[0], m[1], str(m[2]))
    ):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def msgids(catalog: Any) -> set[tuple[str | None, Any]]:
    """Each message of a catalog as (context, msgid), plurals as a tuple."""
    return {
        (m.context, tuple(m.id) if isinstance(m.id, list | tuple) else m.id)
        for m in catalog
        if m.id
    }


def main(argv: list[str] | None = None) -> int:
    """Write (or with --check, compare) locale/cstosim.pot."""
    from babel.messages.pofile import read_po, write_po

    args = sys.argv[1:] if argv is None else argv
    catalog = extract()
    if "--check" in args:
        with POT.open("rb") as f:
            shipped = read_po(f)
        if msgids(shipped) != msgids(catalog):
            print(f"{POT} is out of date: python -m cstosim._extract", file=sys.stderr)
            return 1
        return 0
    buf = BytesIO()
    write_po(buf, catalog, width=100, include_lineno=False, omit_header=False, sort_output=True)
    text = re.sub(rb'"POT-Creation-Date: [^"]*"\n', b"", buf.getvalue())
    POT.write_bytes(text)
    print(f"{POT}: {len(catalog)} messages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
