"""The four bimtek stages and their statuses; what each must produce is in wizard.py."""
from __future__ import annotations

from datetime import date

STAGES = {
    1: ("Tahap I", "Analisis Strategis", "Strategic analysis"),
    2: ("Tahap II", "Pemetaan Program", "Programme mapping"),
    3: ("Tahap III", "Inovasi, Strategi dan Peta Jalan", "Innovation, strategy and roadmap"),
    4: ("Tahap IV", "Finalisasi dan Komitmen", "Finalisation and commitment"),
}
STAGE_OUTPUT = {
    1: "Buku I Analisis Strategis",
    2: "Awal Buku II Masterplan",
    3: "Buku II Masterplan dan daftar pendek quick win",
    4: "Lembar komitmen bertanda tangan, quick win final, buku final",
}
STATUSES = {"planned": "Direncanakan", "ongoing": "Berlangsung", "done": "Selesai"}
STATUSES_EN = {"planned": "Planned", "ongoing": "In progress", "done": "Done"}


def validate_days(days: list[date]) -> list[date]:
    from .people import ValidationError

    unique = sorted(set(days))
    if len(unique) > 7:
        raise ValidationError("Satu bimtek paling banyak 7 hari.")
    if unique and (unique[-1] - unique[0]).days > 30:
        raise ValidationError("Hari-hari satu bimtek harus berada dalam rentang 30 hari.")
    return unique
