"""Hand-drawn signatures as pure geometry: strokes of normalised points, no timing.

A point is (x, y, pressure): x and y are fractions of the pad's width and height at
capture (0..1, origin top left) and pressure is 0..1 (0.5 when the device reports
none). Pen timing can count as biometric data (UU 27/2022), so it is never stored.

Every value is kept to 4 decimals (a `Signature` rounds on construction), so the
canonical bytes of `encode` are exactly what is stored and what `strokes_sha256`
binds to a signed document: `decode(encode(sig)) == sig` always holds.

The smooth path (`path_commands`) and the pressure widths (`stroke_widths`) are
shared by the screen and by printed documents, so both look alike.
"""
from __future__ import annotations

import hashlib
import json
import math
import random
from dataclasses import dataclass

from .errors import ValidationError

Point = tuple[float, float, float]
Stroke = tuple[Point, ...]

VERSION = 1
DECIMALS = 4
MIN_ASPECT = 0.2
MAX_ASPECT = 10.0
MAX_STROKES = 200
MAX_STROKE_POINTS = 5_000
MAX_POINTS = 50_000
MAX_BYTES = 4_000_000  # 50,000 points of ~25 bytes each, with room to spare
DEFAULT_PRESSURE = 0.5
# Total ink, in pad heights, below which a drawing is not taken as a signature. A tap
# is ~0, a short dash under a quarter of a 3:1 pad is < 0.75; the smallest honest
# initial ("A" half a pad tall) is ~1.2 and a name scrawl is typically 4..15.
MIN_INK = 1.0
# Points closer than this (in pad heights) to the previous one add nothing visible
# (about half a pixel on a 300 px tall pad).
SIMPLIFY_TOLERANCE = 0.002

_KEYS = {"v", "aspect", "strokes"}


def _q(value: float) -> float:
    """Round to the stored precision; `+ 0.0` turns -0.0 into 0.0."""
    return round(value, DECIMALS) + 0.0


def _number(value: object, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValidationError(f"Data tanda tangan rusak: {what} bukan angka.")
    number = float(value)
    if not math.isfinite(number):
        raise ValidationError(f"Data tanda tangan rusak: {what} tak hingga atau bukan angka (NaN).")
    return number


def _unit(value: object, what: str) -> float:
    number = _number(value, what)
    if not 0.0 <= number <= 1.0:
        raise ValidationError(f"Data tanda tangan rusak: {what} di luar rentang 0..1.")
    return _q(number)


@dataclass(frozen=True)
class Signature:
    """Strokes of (x, y, pressure) points plus the pad's width/height at capture.

    Construction validates (raising `ValidationError`), converts lists to tuples and
    rounds every value to 4 decimals.
    """

    strokes: tuple[Stroke, ...]
    aspect: float

    def __post_init__(self) -> None:
        aspect = _number(self.aspect, "rasio bidang")
        if not MIN_ASPECT <= aspect <= MAX_ASPECT:
            raise ValidationError(
                f"Data tanda tangan rusak: rasio bidang {aspect:g} di luar rentang "
                f"{MIN_ASPECT:g}..{MAX_ASPECT:g}.")
        if not isinstance(self.strokes, (list, tuple)):
            raise ValidationError("Data tanda tangan rusak: daftar goresan tidak sah.")
        if len(self.strokes) > MAX_STROKES:
            raise ValidationError(
                f"Tanda tangan terlalu banyak goresan ({len(self.strokes)}; maksimal {MAX_STROKES}).")
        strokes: list[Stroke] = []
        total = 0
        for number, stroke in enumerate(self.strokes, start=1):
            if not isinstance(stroke, (list, tuple)) or not stroke:
                raise ValidationError(f"Data tanda tangan rusak: goresan ke-{number} kosong atau tidak sah.")
            if len(stroke) > MAX_STROKE_POINTS:
                raise ValidationError(
                    f"Goresan ke-{number} terlalu panjang ({len(stroke)} titik; "
                    f"maksimal {MAX_STROKE_POINTS}).")
            total += len(stroke)
            if total > MAX_POINTS:
                raise ValidationError(f"Tanda tangan terlalu banyak titik (maksimal {MAX_POINTS}).")
            points = []
            for point in stroke:
                if not isinstance(point, (list, tuple)) or len(point) != 3:
                    raise ValidationError(
                        f"Data tanda tangan rusak: titik pada goresan ke-{number} harus berisi "
                        "tepat 3 angka (x, y, tekanan).")
                points.append((_unit(point[0], "koordinat x"), _unit(point[1], "koordinat y"),
                               _unit(point[2], "tekanan pena")))
            strokes.append(tuple(points))
        object.__setattr__(self, "strokes", tuple(strokes))
        object.__setattr__(self, "aspect", _q(aspect))

    @property
    def point_count(self) -> int:
        return sum(len(stroke) for stroke in self.strokes)

    def is_empty(self) -> bool:
        return not self.strokes


# --- canonical bytes -------------------------------------------------------------


def encode(sig: Signature) -> bytes:
    """Canonical UTF-8 JSON: sorted keys, no spaces, numbers to 4 decimals."""
    doc = {"v": VERSION, "aspect": sig.aspect,
           "strokes": [[[x, y, p] for x, y, p in stroke] for stroke in sig.strokes]}
    return json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=True,
                      allow_nan=False).encode("utf-8")


def _no_duplicates(pairs: list[tuple[str, object]]) -> dict:
    out: dict = {}
    for key, value in pairs:
        if key in out:
            raise ValidationError(f"Data tanda tangan rusak: kunci '{key}' muncul dua kali.")
        out[key] = value
    return out


def _no_constants(name: str) -> float:
    raise ValidationError(f"Data tanda tangan rusak: berisi {name}, bukan angka biasa.")


def decode(data: bytes) -> Signature:
    """Parse stored bytes strictly; anything unexpected raises `ValidationError`."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise ValidationError("Data tanda tangan harus berupa bytes.")
    raw = bytes(data)
    if len(raw) > MAX_BYTES:
        raise ValidationError("Data tanda tangan terlalu besar.")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValidationError("Data tanda tangan rusak: bukan teks UTF-8 yang sah.") from exc
    try:
        doc = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constants)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise ValidationError("Data tanda tangan rusak: bukan JSON yang sah.") from exc
    if not isinstance(doc, dict):
        raise ValidationError("Data tanda tangan rusak: isinya bukan objek JSON.")
    if set(doc) != _KEYS:
        missing = sorted(_KEYS - set(doc))
        extra = sorted(set(doc) - _KEYS)
        detail = "; ".join(filter(None, [
            f"tidak ada {', '.join(missing)}" if missing else "",
            f"kunci tak dikenal {', '.join(extra)}" if extra else ""]))
        raise ValidationError(f"Data tanda tangan rusak: {detail}.")
    version = doc["v"]
    if isinstance(version, bool) or not isinstance(version, int) or version != VERSION:
        raise ValidationError(f"Versi data tanda tangan '{version}' tidak dikenal (harus {VERSION}).")
    if not isinstance(doc["strokes"], list):
        raise ValidationError("Data tanda tangan rusak: daftar goresan tidak sah.")
    return Signature(strokes=doc["strokes"], aspect=doc["aspect"])


def strokes_sha256(sig: Signature) -> str:
    """The hash that binds this exact drawing to a signed document."""
    return hashlib.sha256(encode(sig)).hexdigest()


# --- ink ---------------------------------------------------------------------------


def _stroke_length(stroke: Stroke, aspect: float) -> float:
    return sum(math.hypot((b[0] - a[0]) * aspect, b[1] - a[1]) for a, b in zip(stroke, stroke[1:]))


def ink_length(sig: Signature) -> float:
    """Total path length in pad heights (x is scaled by the aspect)."""
    return sum(_stroke_length(stroke, sig.aspect) for stroke in sig.strokes)


def has_enough_ink(sig: Signature | None) -> bool:
    """True when the drawing is long enough to count as a signature."""
    if sig is None or sig.point_count < 2:
        return False
    return ink_length(sig) >= MIN_INK


def simplify(stroke, tolerance: float = SIMPLIFY_TOLERANCE, aspect: float = 1.0) -> Stroke:
    """Drop points closer than `tolerance` to the previously kept one.

    Distances are in pad heights when `aspect` is the pad's (1.0 treats x and y
    alike). The first and the last point are always kept.
    """
    points = [tuple(p) for p in stroke]
    if len(points) <= 2:
        return tuple(points)
    kept = [points[0]]
    for point in points[1:-1]:
        last = kept[-1]
        if math.hypot((point[0] - last[0]) * aspect, point[1] - last[1]) >= tolerance:
            kept.append(point)
    last = points[-1]
    if len(kept) > 1 and math.hypot((last[0] - kept[-1][0]) * aspect, last[1] - kept[-1][1]) < tolerance:
        kept[-1] = last  # the end is where the pen was lifted: keep it, not its neighbour
    else:
        kept.append(last)
    return tuple(kept)


# --- the shared smooth path ---------------------------------------------------------


def path_commands(stroke) -> list[tuple]:
    """Midpoint-smoothed path in normalised coordinates.

    ('M', x, y) at the first point, then ('Q', cx, cy, x, y) with each inner point as
    control and the midpoint to the next point as end, then ('L', x, y) to the last
    point. One point gives a dot ('D', x, y); two points a straight ('M', 'L').
    """
    pts = [(p[0], p[1]) for p in stroke]
    if not pts:
        return []
    if len(pts) == 1:
        return [("D", pts[0][0], pts[0][1])]
    commands: list[tuple] = [("M", pts[0][0], pts[0][1])]
    for i in range(1, len(pts) - 1):
        (cx, cy), (nx, ny) = pts[i], pts[i + 1]
        commands.append(("Q", cx, cy, (cx + nx) / 2, (cy + ny) / 2))
    commands.append(("L", pts[-1][0], pts[-1][1]))
    return commands


def pressure_width(pressure: float, base: float) -> float:
    """The pen width for one pressure reading."""
    return base * (0.45 + 1.1 * pressure)


def stroke_widths(stroke, base: float) -> list[float]:
    """One width per drawn segment of `path_commands(stroke)` (every command after 'M';
    the dot's diameter for a single point), from pressure and smoothed so the ink
    swells and thins gradually."""
    pressures = [p[2] for p in stroke]
    if not pressures:
        return []
    if len(pressures) == 1:
        return [pressure_width(pressures[0], base)]
    # segment k is centred on point k+1 (control of a 'Q', end of the final 'L')
    raw = [pressure_width(p, base) for p in pressures[1:]]
    for _ in range(2):
        if len(raw) < 3:
            break
        raw = [raw[0] * 0.75 + raw[1] * 0.25] + [
            0.25 * a + 0.5 * b + 0.25 * c for a, b, c in zip(raw, raw[1:], raw[2:])
        ] + [raw[-2] * 0.25 + raw[-1] * 0.75]
    return raw


# --- demo data ----------------------------------------------------------------------


class _Noise:
    """Smooth deterministic wobble: a sum of a few sines with random phases."""

    def __init__(self, rng: random.Random, amplitude: float) -> None:
        self.terms = [(amplitude / (k + 1), rng.uniform(2.0, 7.0) * (k + 1), rng.uniform(0, math.tau))
                      for k in range(3)]

    def __call__(self, t: float) -> float:
        return sum(a * math.sin(f * t + ph) for a, f, ph in self.terms)


def _pressure_curve(n: int, rng: random.Random) -> list[float]:
    wobble = _Noise(rng, 0.12)
    base = rng.uniform(0.45, 0.65)
    out = []
    for i in range(n):
        u = i / max(1, n - 1)
        taper = min(1.0, u / 0.08, (1 - u) / 0.12)  # light touch-down and lift-off
        out.append(min(1.0, max(0.05, (0.25 + 0.75 * taper) * (base + wobble(u * 6)))))
    return out


def synthetic_signature(name: str, seed: int, aspect: float = 3.0) -> Signature:
    """A deterministic, handwritten-looking scrawl for demo data.

    Derived from the name and seed only: a capital loop, a run of cursive loops (one
    per letter, at most ten) and an underline flourish, with smooth noise and a
    pressure curve. Same inputs give identical bytes.
    """
    digest = hashlib.sha256(f"{name}\x00{seed}".encode("utf-8")).digest()
    rng = random.Random(int.from_bytes(digest[:8], "big"))
    letters = [c for c in name.lower() if c.isalpha()] or ["x"]
    run = letters[1:11] or ["a", "n"]
    wx, wy = _Noise(rng, 0.02), _Noise(rng, 0.025)
    slant = rng.uniform(0.12, 0.3)  # forward lean: x moves right as y rises
    baseline = rng.uniform(0.66, 0.72)

    # stroke 1: capital loop, then cursive loops (prolate cycloid), in pad heights
    main: list[tuple[float, float]] = []
    cap_h = rng.uniform(0.5, 0.62)
    cap_w = rng.uniform(0.2, 0.3)
    x0 = 0.35
    for i in range(70):
        t = i / 69 * math.tau * 1.05
        main.append((x0 + cap_w * math.sin(t) * (1 - 0.25 * t / math.tau),
                     baseline - cap_h * (0.5 - 0.5 * math.cos(t))))
    x, step = main[-1][0], rng.uniform(0.2, 0.28)
    for index, letter in enumerate(run):
        fade = 1.0 - 0.35 * index / max(1, len(run) - 1)  # the hand trails off
        if letter in "bdfhklt":  # ascender: a tall loop
            height, loop = rng.uniform(0.48, 0.6), rng.uniform(1.7, 2.2)
        elif letter in "mnruvwx":  # arches and cusps, no loop
            height, loop = rng.uniform(0.2, 0.28), rng.uniform(0.7, 1.0)
        else:  # round letters: small loops
            height, loop = rng.uniform(0.22, 0.3), rng.uniform(1.2, 1.6)
        height *= fade
        width = step * fade * rng.uniform(0.85, 1.15)
        loop *= width / math.tau
        deep = letter in "gjpqy"
        for i in range(1, 31):
            t = i / 30 * math.tau
            y = baseline - height * (0.5 - 0.5 * math.cos(t))
            if deep and t > math.pi:
                y += 0.3 * math.sin(t - math.pi) ** 2
            main.append((x + width * t / math.tau - loop * math.sin(t), y))
        x += width
    # stroke 2: a flourish, either an underline swept back under the name or a rising
    # slash through its end
    flourish: list[tuple[float, float]] = []
    if rng.random() < 0.65:
        start, end = x + rng.uniform(0.05, 0.2), x0 - rng.uniform(0.05, 0.2)
        dip, bow = rng.uniform(0.1, 0.16), rng.uniform(-0.06, 0.06)
        for i in range(60):
            u = i / 59
            hook = 0.14 * max(0.0, 1 - u / 0.18) ** 2
            flourish.append((start + (end - start) * u, baseline + dip + bow * math.sin(u * math.pi) - hook))
    else:
        start, end = x0 + rng.uniform(0.1, 0.4), x + rng.uniform(0.15, 0.35)
        for i in range(60):
            u = i / 59
            flourish.append((start + (end - start) * u,
                             baseline + 0.2 - 0.75 * u ** 1.6 + 0.05 * math.sin(u * math.pi)))
    strokes = [main, flourish]
    if "i" in run or "j" in run:  # the dot over an i
        dot_x = x0 + cap_w + step * (run.index("i" if "i" in run else "j") + 0.5)
        strokes.append([(dot_x, baseline - 0.45), (dot_x + 0.012, baseline - 0.46)])

    # slant + noise, then fit inside the pad with a margin (uniform scale, centred)
    shaped = []
    for stroke in strokes:
        n = len(stroke)
        shaped.append([(px + slant * (baseline - py) + wx(k / n * 1.5 + 3 * len(shaped)),
                        py + wy(k / n * 1.5 + 3 * len(shaped))) for k, (px, py) in enumerate(stroke)])
    xs = [p[0] for s in shaped for p in s]
    ys = [p[1] for s in shaped for p in s]
    box_w, box_h = max(xs) - min(xs), max(ys) - min(ys)
    scale = min(1.0, aspect * 0.88 / box_w, 0.84 / box_h)
    off_x = (aspect - box_w * scale) / 2 - min(xs) * scale
    off_y = (1.0 - box_h * scale) / 2 - min(ys) * scale
    out = []
    for stroke in shaped:
        pressures = _pressure_curve(len(stroke), rng)
        points = [((px * scale + off_x) / aspect, py * scale + off_y, pr)
                  for (px, py), pr in zip(stroke, pressures)]
        out.append(simplify(points, SIMPLIFY_TOLERANCE, aspect))
    return Signature(strokes=tuple(out), aspect=aspect)
