"""The readiness analysis of Tahap I (DOMAIN.md §3): the optional, unofficial score scale,
merging the FGD groups' records into the one the book uses, and the vision keywords."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .errors import ValidationError
from .worksheets import DEFAULT_SCORE_LABELS, KINDS, OPTIONAL_ELEMENTS, READINESS_TEXT_FIELDS, defaults, \
    is_blank, readiness_choices


@dataclass(frozen=True)
class ScoreScale:
    minimum: int = 1
    maximum: int = 5
    labels: tuple[str, ...] = tuple(x.strip() for x in DEFAULT_SCORE_LABELS.split(";"))
    enabled: bool = True

    def label(self, score: int | None) -> str:
        if score is None:
            return ""
        i = score - self.minimum
        if len(self.labels) == self.maximum - self.minimum + 1 and 0 <= i < len(self.labels):
            return f"{score} ({self.labels[i]})"
        return str(score)


@dataclass(frozen=True)
class ReadinessConfig:
    include: tuple[str, ...] = ()
    scale: ScoreScale = field(default_factory=ScoreScale)

    @property
    def elements(self) -> tuple[tuple[str, str], ...]:
        return readiness_choices(self.include)


def readiness_config(data: dict | None) -> ReadinessConfig:
    data = {**defaults(KINDS["readiness_config"]), **(data or {})}

    def number(key: str, fallback: int) -> int:
        try:
            value = int(data.get(key))
        except (TypeError, ValueError):
            return fallback
        return value if 0 <= value <= 10 else fallback

    lo, hi = number("score_min", 1), number("score_max", 5)
    if hi <= lo:
        lo, hi = 1, 5
    labels = tuple(x.strip() for x in str(data.get("score_labels") or "").split(";") if x.strip())
    include = tuple(k for k in OPTIONAL_ELEMENTS if data.get(f"include_{k}"))
    return ReadinessConfig(include, ScoreScale(lo, hi, labels, bool(data.get("use_score", True))))


def check_score(config: ReadinessConfig, score: int | None) -> None:
    if score is not None and not config.scale.minimum <= score <= config.scale.maximum:
        raise ValidationError(f"Skor harus di antara {config.scale.minimum} dan {config.scale.maximum}.")


def split_keywords(text: str) -> list[str]:
    return [w.strip() for w in re.split(r"[,;\n]", text or "") if w.strip()]


def merge_readiness(entries: list[dict], current: dict | None = None) -> dict:
    """The merged readiness record of one sub-element from the FGD groups' records.

    Text fields: the distinct lines of every group, in group order, as a bullet list;
    keywords: the union (first spelling wins); score: the rounded mean. Fields the
    facilitator already wrote in the merged record are kept as they are."""
    current = current or {}
    merged: dict = {}
    for key in READINESS_TEXT_FIELDS:
        if not is_blank(current.get(key)):
            continue
        seen, lines = set(), []
        for e in entries:
            for line in str(e.get(key) or "").split("\n"):
                text = line.strip().lstrip("•-* ").strip()
                if text and text.casefold() not in seen:
                    seen.add(text.casefold())
                    lines.append(text)
        if lines:
            merged[key] = "\n".join(f"• {t}" for t in lines) if len(lines) > 1 else lines[0]
    if is_blank(current.get("keywords")):
        words: dict[str, str] = {}
        for e in entries:
            for w in split_keywords(e.get("keywords", "")):
                words.setdefault(w.casefold(), w)
        if words:
            merged["keywords"] = ", ".join(words.values())
    if current.get("score") is None:
        scores = [e["score"] for e in entries if isinstance(e.get("score"), int)]
        if scores:
            merged["score"] = int(sum(scores) / len(scores) + 0.5)
    return merged


def roll_up_keywords(entries: list[dict]) -> list[tuple[str, int]]:
    """Vision keywords of every readiness record, most mentioned first (ties: first seen)."""
    counts: dict[str, list] = {}
    for e in entries:
        own: dict[str, str] = {}
        for w in split_keywords(e.get("keywords", "")):
            own.setdefault(w.casefold(), w)
        for folded, w in own.items():
            slot = counts.setdefault(folded, [w, 0, len(counts)])
            slot[1] += 1
    return [(w, n) for w, n, _ in sorted(counts.values(), key=lambda s: (-s[1], s[2]))]
