"""Indonesian first: UI strings are written in Indonesian and looked up in the
English catalogue (resources/i18n/en.json) when English is chosen."""
from __future__ import annotations

import json
from functools import lru_cache

from .paths import resource_path

LANGUAGES = {"id": "Bahasa Indonesia", "en": "English"}
_current = "id"


@lru_cache(maxsize=None)
def _catalogue(lang: str) -> dict[str, str]:
    if lang == "id":
        return {}
    path = resource_path("i18n", f"{lang}.json")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def set_language(lang: str) -> None:
    global _current
    _current = lang if lang in LANGUAGES else "id"


def language() -> str:
    return _current


def tr(text: str, **values: object) -> str:
    """Translate an Indonesian UI string; `values` fill the {named} fields."""
    out = _catalogue(_current).get(text, text)
    return out.format(**values) if values else out
