"""Cleaning free text typed by users before it is stored or printed."""
from __future__ import annotations

import unicodedata

from .errors import ValidationError


def clean_text(value: str | None, limit: int, label: str, required: bool = False) -> str:
    """Collapse whitespace; refuse control and invisible formatting characters
    (escape codes, NUL, zero-width and right-to-left overrides), broken characters
    and text longer than `limit`."""
    text = " ".join(str(value or "").split())
    for ch in text:
        category = unicodedata.category(ch)
        if category in ("Cc", "Cf", "Cs", "Co", "Cn"):
            if category == "Cs":
                raise ValidationError(f"{label} berisi karakter yang rusak (bukan UTF-8 yang sah).")
            raise ValidationError(f"{label} berisi karakter tak terlihat atau karakter kendali "
                                  f"(U+{ord(ch):04X}); ketik ulang tanpa karakter itu.")
    if required and not text:
        raise ValidationError(f"{label} wajib diisi.")
    if len(text) > limit:
        raise ValidationError(f"{label} terlalu panjang (maksimal {limit} karakter, "
                              f"sekarang {len(text)}).")
    return text
