"""Signatures as geometry: canonical bytes, strict decoding, ink, smoothing, demo scrawls."""
from __future__ import annotations

import hashlib
import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kotacerdas_desktop.domain.errors import ValidationError
from kotacerdas_desktop.domain.signature import (MAX_POINTS, MAX_STROKE_POINTS, MAX_STROKES, MIN_INK,
                                                 Signature, decode, encode, has_enough_ink,
                                                 ink_length, path_commands, simplify,
                                                 stroke_widths, strokes_sha256,
                                                 synthetic_signature)

ROOT = Path(__file__).resolve().parents[2]
SIMPLE = Signature(strokes=(((0.1, 0.2, 0.5), (0.30004, 0.4, 1.0)), ((0.5, 0.5, 0.25),)), aspect=3)
SIMPLE_BYTES = (b'{"aspect":3.0,"strokes":[[[0.1,0.2,0.5],[0.3,0.4,1.0]],[[0.5,0.5,0.25]]],"v":1}')


def doc(**overrides) -> bytes:
    base = {"v": 1, "aspect": 3.0, "strokes": [[[0.1, 0.2, 0.5], [0.3, 0.4, 0.6]]]}
    base.update(overrides)
    return json.dumps(base).encode()


# --- canonical form ----------------------------------------------------------------


def test_encode_is_byte_exact_canonical_json():
    assert encode(SIMPLE) == SIMPLE_BYTES
    assert strokes_sha256(SIMPLE) == hashlib.sha256(SIMPLE_BYTES).hexdigest()


def test_construction_rounds_to_four_decimals_and_makes_tuples():
    sig = Signature(strokes=[[[0.123456, 0.99996, 0.5], [-0.0, 0.00004, 1]]], aspect=2.99999)
    assert sig.strokes == (((0.1235, 1.0, 0.5), (0.0, 0.0, 1.0)),)
    assert sig.aspect == 3.0
    assert isinstance(sig.strokes[0][0][0], float)
    assert encode(sig) == b'{"aspect":3.0,"strokes":[[[0.1235,1.0,0.5],[0.0,0.0,1.0]]],"v":1}'
    hash(sig)  # frozen and hashable


def test_round_trip_of_a_synthetic_signature():
    sig = synthetic_signature("Budi Santoso", 7)
    data = encode(sig)
    back = decode(data)
    assert back == sig
    assert encode(back) == data
    assert strokes_sha256(back) == strokes_sha256(sig)


coord = st.floats(min_value=0, max_value=1, allow_nan=False)
point = st.tuples(coord, coord, coord)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(point, min_size=1, max_size=20), max_size=6),
       st.floats(min_value=0.2, max_value=10))
def test_round_trip_property(strokes, aspect):
    sig = Signature(strokes=strokes, aspect=aspect)
    data = encode(sig)
    assert decode(data) == sig
    assert encode(decode(data)) == data
    numbers = data.replace(b'"aspect"', b"").replace(b'"strokes"', b"").replace(b'"v"', b"")
    assert b" " not in data and b"e" not in numbers.lower()  # no spaces, no exponents


def test_decode_accepts_integers_and_any_key_order():
    sig = decode(b'{"strokes":[[[0,1,1]]],"v":1,"aspect":2}')
    assert sig == Signature(strokes=(((0.0, 1.0, 1.0),),), aspect=2.0)
    assert decode(bytearray(SIMPLE_BYTES)) == SIMPLE


def test_sha_is_stable_across_processes():
    code = ("from kotacerdas_desktop.domain.signature import synthetic_signature, strokes_sha256;"
            "print(strokes_sha256(synthetic_signature('Siti Aminah', 3)))")
    outputs = set()
    for seed in ("0", "12345"):
        env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONHASHSEED": seed}
        result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                                text=True, timeout=60, check=True)
        outputs.add(result.stdout.strip())
    assert outputs == {strokes_sha256(synthetic_signature("Siti Aminah", 3))}


# --- strict decoding ---------------------------------------------------------------


@pytest.mark.parametrize("data", [
    b"",
    b"not json",
    b'{"v":1,"aspect":3.0,"strokes":[[[0.1,0.2,0.5]]]',  # truncated
    b"\xff\xfe{}",  # not UTF-8
    b"[]",
    b'"text"',
    b'{"v":1,"aspect":3.0,"strokes":[[[0.1,0.2,0.5]]],"v":1}',  # duplicate key
    b'{"v":1,"aspect":3.0,"strokes":[[{"x":0.1,"x":0.2}]]}',  # duplicate nested key
    b'{"v":1,"aspect":NaN,"strokes":[]}',
    b'{"v":1,"aspect":3.0,"strokes":[[[Infinity,0.2,0.5]]]}',
    b'{"v":1,"aspect":3.0,"strokes":[[[-Infinity,0.2,0.5]]]}',
    b'{"v":1,"aspect":3.0,"strokes":[[[1e999,0.2,0.5]]]}',  # overflows to inf
    doc(v=2),
    doc(v="1"),
    doc(v=True),
    doc(v=1.0),
    doc(aspect=0.1),
    doc(aspect=10.5),
    doc(aspect="3"),
    doc(aspect=None),
    doc(strokes={}),
    doc(strokes=[[]]),  # empty stroke
    doc(strokes=[[[0.1, 0.2]]]),  # two numbers
    doc(strokes=[[[0.1, 0.2, 0.5, 0.5]]]),  # four numbers
    doc(strokes=[[[1.5, 0.2, 0.5]]]),
    doc(strokes=[[[0.1, -0.01, 0.5]]]),
    doc(strokes=[[[0.1, 0.2, 1.01]]]),
    doc(strokes=[[[0.1, 0.2, True]]]),
    doc(strokes=[[[0.1, "0.2", 0.5]]]),
    doc(strokes=[[0.1, 0.2, 0.5]]),  # a stroke of numbers, not points
    doc(extra=1),
    b'{"v":1,"aspect":3.0}',
    b"[" * 100_000 + b"]" * 100_000,  # deep nesting
], ids=lambda d: d[:60].decode("latin-1"))
def test_decode_rejects_bad_input(data):
    with pytest.raises(ValidationError) as info:
        decode(data)
    assert "tanda tangan" in str(info.value).lower() or "goresan" in str(info.value).lower()


def test_decode_rejects_non_bytes():
    with pytest.raises(ValidationError):
        decode(SIMPLE_BYTES.decode())  # type: ignore[arg-type]


def test_limits_on_strokes_and_points():
    dot = [[0.5, 0.5, 0.5]]
    decode(doc(strokes=[dot] * MAX_STROKES))
    with pytest.raises(ValidationError, match="goresan"):
        decode(doc(strokes=[dot] * (MAX_STROKES + 1)))
    decode(doc(strokes=[[[0.5, 0.5, 0.5]] * MAX_STROKE_POINTS]))
    with pytest.raises(ValidationError, match="terlalu panjang"):
        decode(doc(strokes=[[[0.5, 0.5, 0.5]] * (MAX_STROKE_POINTS + 1)]))
    per = MAX_POINTS // 10
    decode(doc(strokes=[[[0.5, 0.5, 0.5]] * per] * 10))
    with pytest.raises(ValidationError, match="titik"):
        decode(doc(strokes=[[[0.5, 0.5, 0.5]] * per] * 10 + [dot]))


def test_constructor_validates_too():
    with pytest.raises(ValidationError):
        Signature(strokes=(((0.1, 0.2, float("nan")),),), aspect=3.0)
    with pytest.raises(ValidationError):
        Signature(strokes=(((0.1, 0.2, 0.5),),), aspect=float("inf"))


def test_error_text_is_indonesian():
    with pytest.raises(ValidationError, match="bukan JSON yang sah"):
        decode(b"{")
    with pytest.raises(ValidationError, match="muncul dua kali"):
        decode(b'{"v":1,"v":1}')
    with pytest.raises(ValidationError, match="Versi"):
        decode(doc(v=9))


# --- ink -----------------------------------------------------------------------------


def test_ink_length_uses_the_aspect():
    horizontal = Signature(strokes=(((0.0, 0.5, 0.5), (0.5, 0.5, 0.5)),), aspect=3.0)
    vertical = Signature(strokes=(((0.5, 0.0, 0.5), (0.5, 1.0, 0.5)),), aspect=3.0)
    assert ink_length(horizontal) == pytest.approx(1.5)  # half of a 3:1 width = 1.5 heights
    assert ink_length(vertical) == pytest.approx(1.0)


@pytest.mark.parametrize("strokes", [
    (((0.5, 0.5, 0.5),),),  # a tap
    (((0.5, 0.5, 0.5), (0.501, 0.502, 0.5)),),  # a tap that slipped
    (((0.4, 0.7, 0.5), (0.45, 0.7, 0.5), (0.5, 0.71, 0.5), (0.55, 0.7, 0.5)),),  # short dash
    tuple(((0.1 * i, 0.5, 0.5),) for i in range(1, 9)),  # a row of dots
])
def test_taps_and_short_dashes_are_not_enough(strokes):
    sig = Signature(strokes=strokes, aspect=3.0)
    assert ink_length(sig) < MIN_INK
    assert not has_enough_ink(sig)


def test_a_real_stroke_and_synthetic_signatures_are_enough():
    zigzag = Signature(strokes=(tuple((0.1 + 0.05 * i, 0.3 if i % 2 else 0.7, 0.5) for i in range(8)),),
                       aspect=3.0)
    assert has_enough_ink(zigzag)
    assert not has_enough_ink(None)
    for name in ("Budi Santoso", "A", "", "Ir. H. Joko Widodo, M.Si", "Ni Luh Putu Ayu"):
        for seed in range(4):
            sig = synthetic_signature(name, seed)
            assert ink_length(sig) > 3 * MIN_INK, (name, seed)
            assert has_enough_ink(sig)


# --- simplify and the shared path ----------------------------------------------------


def test_simplify_drops_near_points_and_keeps_ends():
    stroke = [(0.1, 0.1, 0.5), (0.1001, 0.1, 0.5), (0.1002, 0.1001, 0.6), (0.2, 0.1, 0.5),
              (0.2001, 0.1, 0.5), (0.20015, 0.1, 0.9)]
    out = simplify(stroke, 0.002)
    assert out[0] == stroke[0] and out[-1] == stroke[-1]
    assert out == ((0.1, 0.1, 0.5), (0.2, 0.1, 0.5), (0.20015, 0.1, 0.9)) or \
        out == ((0.1, 0.1, 0.5), (0.20015, 0.1, 0.9))
    assert len(out) < len(stroke)
    # all points close together: both ends stay, nothing else
    assert simplify([(0.5, 0.5, 0.5), (0.5001, 0.5, 0.5), (0.5002, 0.5, 0.5)], 0.01) == \
        ((0.5, 0.5, 0.5), (0.5002, 0.5, 0.5))
    assert simplify([(0.5, 0.5, 0.5)], 0.01) == ((0.5, 0.5, 0.5),)
    assert simplify([], 0.01) == ()
    # aspect: 0.001 of a 3:1 width is 0.003 heights, above a 0.002 tolerance
    assert len(simplify([(0.5, 0.5, 0.5), (0.501, 0.5, 0.5), (0.6, 0.5, 0.5)], 0.002, aspect=3.0)) == 3
    assert len(simplify([(0.5, 0.5, 0.5), (0.501, 0.5, 0.5), (0.6, 0.5, 0.5)], 0.002, aspect=1.0)) == 2


def test_simplify_keeps_the_look():
    sig = synthetic_signature("Dewi", 1)
    for stroke in sig.strokes:
        dense = []
        for a, b in zip(stroke, stroke[1:]):  # insert near-duplicates
            dense += [a, (a[0] + (b[0] - a[0]) * 0.01, a[1] + (b[1] - a[1]) * 0.01, a[2])]
        dense.append(stroke[-1])
        out = simplify(dense, 0.002, aspect=sig.aspect)
        assert out[0] == dense[0] and out[-1] == dense[-1]
        assert len(out) <= len(stroke) + 1


def test_path_commands_shapes():
    assert path_commands([]) == []
    assert path_commands([(0.2, 0.3, 0.5)]) == [("D", 0.2, 0.3)]
    assert path_commands([(0.0, 0.0, 0.5), (1.0, 1.0, 0.5)]) == [("M", 0.0, 0.0), ("L", 1.0, 1.0)]
    cmds = path_commands([(0.0, 0.0, 0.5), (0.2, 0.4, 0.5), (0.4, 0.0, 0.5), (0.6, 0.4, 0.5)])
    assert cmds[0] == ("M", 0.0, 0.0)
    assert [c[0] for c in cmds] == ["M", "Q", "Q", "L"]
    assert cmds[1] == pytest.approx(("Q", 0.2, 0.4, 0.3, 0.2)) and cmds[1][0] == "Q"
    assert cmds[2][1:] == pytest.approx((0.4, 0.0, 0.5, 0.2))
    assert cmds[-1] == ("L", 0.6, 0.4)


def test_path_is_continuous_and_controls_are_the_points():
    stroke = synthetic_signature("Rina", 2).strokes[0]
    cmds = path_commands(stroke)
    assert cmds[0][1:] == stroke[0][:2] and cmds[-1][1:] == stroke[-1][:2]
    for i, cmd in enumerate(cmds[1:-1], start=1):
        assert cmd[1:3] == stroke[i][:2]  # control point is the sampled point
        mid = ((stroke[i][0] + stroke[i + 1][0]) / 2, (stroke[i][1] + stroke[i + 1][1]) / 2)
        assert cmd[3:] == pytest.approx(mid)


def test_stroke_widths_follow_pressure_one_per_segment():
    assert stroke_widths([], 2.0) == []
    assert stroke_widths([(0.5, 0.5, 0.5)], 2.0) == [pytest.approx(2.0 * (0.45 + 0.55))]
    light_to_heavy = [(0.1 * i, 0.5, 0.1 * i) for i in range(11)]
    widths = stroke_widths(light_to_heavy, 2.0)
    assert len(widths) == len(path_commands(light_to_heavy)) - 1
    assert widths == sorted(widths)  # monotone pressure stays monotone after smoothing
    assert widths[0] < 2.0 < widths[-1]
    assert all(2.0 * 0.45 <= w <= 2.0 * 1.55 for w in widths)
    spike = [(0.1 * i, 0.5, 1.0 if i == 5 else 0.2) for i in range(11)]
    raw_peak = 2.0 * (0.45 + 1.1)
    assert max(stroke_widths(spike, 2.0)) < raw_peak  # smoothed


# --- synthetic signatures ------------------------------------------------------------


def test_synthetic_signature_is_deterministic_and_varies():
    a = synthetic_signature("Budi Santoso", 1)
    assert encode(a) == encode(synthetic_signature("Budi Santoso", 1))
    assert encode(a) != encode(synthetic_signature("Budi Santoso", 2))
    assert encode(a) != encode(synthetic_signature("Budi Susanto", 1))


def test_synthetic_signature_looks_like_a_signature():
    for name in ("Budi Santoso", "A", "Ir. H. Joko Widodo, M.Si"):
        sig = synthetic_signature(name, 5)
        assert sig.aspect == 3.0
        assert 2 <= len(sig.strokes) <= 4
        assert 80 <= sig.point_count <= 2000  # small files
        xs = [p[0] for s in sig.strokes for p in s]
        ys = [p[1] for s in sig.strokes for p in s]
        assert 0.02 <= min(xs) and max(xs) <= 0.98 and 0.02 <= min(ys) and max(ys) <= 0.98
        assert max(xs) - min(xs) > 0.2 and max(ys) - min(ys) > 0.4  # spread over the pad
        pressures = {p[2] for s in sig.strokes for p in s}
        assert len(pressures) > 20 and min(pressures) > 0 and max(pressures) <= 1
        # a continuous hand: consecutive points are close
        for stroke in sig.strokes:
            for a, b in zip(stroke, stroke[1:]):
                assert math.hypot((b[0] - a[0]) * 3, b[1] - a[1]) < 0.15
        assert len(encode(sig)) < 40_000
