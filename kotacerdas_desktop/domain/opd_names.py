"""Matching OPD names typed in invitation lists to a region's OPDs."""
from __future__ import annotations

import re
import unicodedata


def _fold(text: str) -> str:
    """Casefold, drop accents, '&' -> 'dan', punctuation -> spaces."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = text.replace("&", " dan ")
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text).split())


_REGION_WORDS = {"kota", "kabupaten", "kab", "provinsi", "prov"}


def _opd_key(text: str | None) -> str:
    """'Dinas Kesehatan Kota Padang' -> 'dinas kesehatan'; '' when nothing is left."""
    words = _fold(text or "").split()
    cut = next((i for i, w in enumerate(words) if w in _REGION_WORDS), len(words))
    return " ".join(words[:cut])


def match_opd(text: str | None, opds) -> str | None:
    """The id of the OPD whose name, short name or alias equals ``text`` once normalised.

    ``opds``: iterable of (id, name, short_name, aliases). Case, punctuation and a
    trailing "Kota X"/"Kabupaten X" are ignored; nothing fuzzier. A name match
    beats a short-name match beats an alias match; a tie between OPDs gives None.
    """
    key = _opd_key(text)
    if not key:
        return None
    found: dict[int, set] = {0: set(), 1: set(), 2: set()}
    for opd_id, name, short, aliases in opds:
        for level, texts in enumerate(([name], [short], aliases or ())):
            if any(_opd_key(t) == key for t in texts):
                found[level].add(opd_id)
                break
    best = next((ids for ids in found.values() if ids), set())
    return next(iter(best)) if len(best) == 1 else None
