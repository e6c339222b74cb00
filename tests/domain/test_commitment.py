from __future__ import annotations

import dataclasses
import re
from datetime import datetime, timedelta, timezone

import pytest

from kotacerdas_desktop.domain.commitment import (
    COMMITMENT_ROLES, CROCKFORD, MAX_TEXT_CHARS, SignatureClaim, VersionCheck, canonical_text,
    check_version, claim_sha256, commitment_role_title, default_text, normalise_code, text_sha256,
    utc_timestamp, validate_claim, verification_code)
from kotacerdas_desktop.domain.errors import ValidationError
from kotacerdas_desktop.domain.regions import OFFICIAL_ROLES

CODE_SHAPE = re.compile(r"KC-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{2}")
H = "ab" * 32


def _claim(n: int = 1, text_hash: str = H, **changes) -> SignatureClaim:
    base = SignatureClaim(version=1, text_sha256=text_hash, signer_id=f"p{n}",
                          signer_name=f"Penanda Tangan {n}", role="kepala_opd",
                          strokes_sha256=f"{n:064x}", signed_at="2024-05-06T07:08:09Z")
    return dataclasses.replace(base, **changes)


# ---------------------------------------------------------------- default text

def test_default_text_fills_region_roles_and_items():
    text = default_text("kota", "Contoh")
    lines = text.split("\n")
    assert lines[:3] == ["KOMITMEN BERSAMA", "PENYUSUNAN DAN PELAKSANAAN MASTERPLAN SMART CITY",
                         "PEMERINTAH KOTA CONTOH"]
    assert ("Kami yang bertanda tangan di bawah ini, Wali Kota Contoh, Wakil Wali Kota Contoh, "
            "Ketua DPRD Kota Contoh dan seluruh Kepala Perangkat Daerah di lingkungan Pemerintah "
            "Kota Contoh, dengan ini menyatakan komitmen untuk:") in lines
    items = [line for line in lines if re.match(r"\d+\. ", line)]
    assert [int(i.split(".")[0]) for i in items] == list(range(1, len(items) + 1))
    assert 5 <= len(items) <= 6
    joined = " ".join(items)
    for word in ("menyinkronkan", "RPJMD", "Renstra", "RKPD", "inklusif", "partisipatif",
                 "quick win", "1 (satu) tahun", "anggaran", "data", "Forum Smart City", "evaluasi"):
        assert word in joined, word
    assert lines[-1] == ("Demikian komitmen bersama ini kami buat dengan penuh kesadaran dan "
                         "tanggung jawab untuk dilaksanakan sebaik-baiknya.")
    assert canonical_text(text) == text


def test_default_text_for_kabupaten_year_and_bad_input():
    text = default_text("kab", "Kabupaten Agam", 2024)
    assert "PEMERINTAH KABUPATEN AGAM\nTAHUN 2024\n" in text
    assert "Bupati Agam, Wakil Bupati Agam, Ketua DPRD Kabupaten Agam" in text
    assert "Wali Kota" not in text
    assert canonical_text(text) == text
    with pytest.raises(ValidationError, match="Jenis"):
        default_text("provinsi", "X")
    with pytest.raises(ValidationError, match="wajib"):
        default_text("kota", "  ")
    with pytest.raises(ValidationError, match="Tahun"):
        default_text("kota", "X", 24)


def test_commitment_roles_start_with_official_roles():
    assert tuple(COMMITMENT_ROLES)[:4] == OFFICIAL_ROLES
    assert list(COMMITMENT_ROLES)[4:] == ["kepala_opd", "saksi"]
    assert COMMITMENT_ROLES["kepala_opd"] == "Kepala Perangkat Daerah"
    assert commitment_role_title("wakil_kepala_daerah", "kota", "Contoh") == "Wakil Wali Kota Contoh"
    assert commitment_role_title("saksi", "kota") == "Saksi / mentor kementerian"
    with pytest.raises(ValidationError):
        commitment_role_title("camat", "kota")


# ---------------------------------------------------------------- canonical text

def test_canonical_text_normalises_layout():
    raw = "\n\n  Judul\t \r\nBaris dua   \r\rBaris tiga\n\n\n\n\nAkhir \t\n \n\n"
    assert canonical_text(raw) == "  Judul\nBaris dua\n\nBaris tiga\n\nAkhir"
    assert canonical_text("a\n\nb") == "a\n\nb"  # one blank line is kept
    assert canonical_text("a\n\n\nb") == "a\n\nb"
    assert canonical_text("a\tb") == "a b"
    assert canonical_text("\ufeffTeks") == "Teks"


def test_canonical_text_nfc_and_idempotent():
    nfd, nfc = "Caf\u0065\u0301 Kota", "Caf\u00e9 Kota"
    assert nfd != nfc
    assert canonical_text(nfd) == nfc
    assert text_sha256(nfd) == text_sha256(nfc)
    sample = default_text("kota", "Contoh") + "\r\n\r\n\r\n  x  "
    once = canonical_text(sample)
    assert canonical_text(once) == once


@pytest.mark.parametrize("raw, word", [
    ("ada\x00nul", "kendali"), ("escape \x1b[31m", "kendali"), ("a\x0bb", "kendali"),
    ("arah \u202eterbalik", "tak terlihat"), ("baris\u2028pisah", "kendali"),
    ("", "wajib"), ("  \n\t\r\n ", "wajib"), ("x" * (MAX_TEXT_CHARS + 1), "terlalu panjang"),
    ("x" * (4 * MAX_TEXT_CHARS + 1), "terlalu panjang"), (None, "teks"),
])
def test_canonical_text_refuses(raw, word):
    with pytest.raises(ValidationError, match=word):
        canonical_text(raw)


def test_canonical_text_accepts_exactly_the_limit():
    assert len(canonical_text("x" * MAX_TEXT_CHARS + "   \n\n")) == MAX_TEXT_CHARS


def test_text_hash_sensitive_to_content_not_line_endings():
    text = default_text("kota", "Contoh")
    digest = text_sha256(text)
    assert re.fullmatch(r"[0-9a-f]{64}", digest)
    assert text_sha256(text.replace("\n", "\r\n")) == digest
    assert text_sha256(text.replace("\n", "  \n") + "\n\n") == digest
    assert text_sha256(text.replace("paling lama 1", "paling lama 2")) != digest
    assert text_sha256(text.replace("Contoh", "Cont0h", 1)) != digest
    assert text_sha256(text[:-1]) != digest


# ---------------------------------------------------------------- claims

def test_claim_hash_is_stable_and_sensitive_to_every_field():
    claim = _claim()
    digest = claim_sha256(claim)
    assert digest == claim_sha256(_claim())
    assert re.fullmatch(r"[0-9a-f]{64}", digest)
    changes = {"version": 2, "text_sha256": "cd" * 32, "signer_id": "p9",
               "signer_name": "Penanda Tangan 1.", "role": "saksi",
               "strokes_sha256": "ef" * 32, "signed_at": "2024-05-06T07:08:10Z"}
    assert set(changes) == {f.name for f in dataclasses.fields(SignatureClaim)}
    seen = {digest}
    for name, value in changes.items():
        other = claim_sha256(dataclasses.replace(claim, **{name: value}))
        assert other not in seen, name
        seen.add(other)
    with pytest.raises(dataclasses.FrozenInstanceError):
        claim.role = "saksi"


def test_validate_claim_and_timestamp():
    assert validate_claim(_claim()) == _claim()
    for bad in (_claim(version=0), _claim(text_sha256="AB" * 32), _claim(strokes_sha256="x"),
                _claim(signer_name=" "), _claim(role="camat"),
                _claim(signed_at="2024-05-06 07:08:09"), _claim(signed_at="2024-13-06T07:08:09Z")):
        with pytest.raises(ValidationError):
            validate_claim(bad)
    wib = timezone(timedelta(hours=7))
    assert utc_timestamp(datetime(2024, 5, 6, 14, 8, 9, tzinfo=wib)) == "2024-05-06T07:08:09Z"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", utc_timestamp())
    with pytest.raises(ValidationError):
        utc_timestamp(datetime(2024, 5, 6))


# ---------------------------------------------------------------- verification code

def test_verification_code_shape_determinism_and_order():
    hashes = [claim_sha256(_claim(n)) for n in range(1, 5)]
    code = verification_code("doc-1", 1, H, hashes)
    assert CODE_SHAPE.fullmatch(code), code
    assert code == verification_code("doc-1", 1, H, hashes)
    assert code == verification_code("doc-1", 1, H, list(reversed(hashes)))
    assert code == verification_code("doc-1", 1, H.upper(), [h.upper() for h in hashes])
    assert normalise_code(code) == code


def test_verification_code_changes_with_every_input():
    hashes = [claim_sha256(_claim(n)) for n in range(1, 4)]
    code = verification_code("doc-1", 1, H, hashes)
    others = [
        verification_code("doc-2", 1, H, hashes),
        verification_code("doc-1", 2, H, hashes),
        verification_code("doc-1", 1, "cd" * 32, hashes),
        verification_code("doc-1", 1, H, hashes[:-1]),
        verification_code("doc-1", 1, H, hashes + [hashes[0]]),
        verification_code("doc-1", 1, H, [claim_sha256(_claim(1, signed_at="2024-05-06T07:08:10Z")),
                                          *hashes[1:]]),
        verification_code("doc-1", 1, H, []),
    ]
    assert code not in others
    assert len(set(others)) == len(others)


def test_verification_code_refuses_bad_inputs():
    for args in (("", 1, H, []), ("d", 0, H, []), ("d", True, H, []), ("d", 1, "abc", []),
                 ("d", 1, H, ["xyz"])):
        with pytest.raises(ValidationError):
            verification_code(*args)


def test_normalise_code_accepts_sloppy_typing():
    code = verification_code("doc-1", 1, H, [claim_sha256(_claim())])
    plain = code.replace("-", "")
    assert normalise_code(code.lower()) == code
    assert normalise_code(plain) == code
    assert normalise_code(plain[2:]) == code  # without the KC prefix
    assert normalise_code(f"  kc {plain[2:6]} - -{plain[6:10]}  {plain[10:]} ") == code
    spread = " ".join(plain)
    assert normalise_code(spread) == code
    # Crockford aliases: a code containing 0 and 1 typed as O and I/L.
    sample = "0" * 8 + "1"
    from kotacerdas_desktop.domain.commitment import _check_symbol
    full = f"KC-{sample[:4]}-{sample[4:8]}-{sample[8]}{_check_symbol(sample)}"
    assert normalise_code(full) == full
    assert normalise_code(full.replace("0", "O").replace("1", "l").lower()) == full
    assert normalise_code(full.replace("0", "o").replace("1", "I")) == full


def test_normalise_code_catches_every_single_typo_and_swap():
    code = verification_code("doc-1", 3, H, [claim_sha256(_claim(n)) for n in (1, 2)])
    chars = code.replace("-", "")[2:]
    for pos in range(len(chars)):
        for symbol in CROCKFORD:
            if symbol == chars[pos]:
                continue
            typo = chars[:pos] + symbol + chars[pos + 1:]
            with pytest.raises(ValidationError, match="salah ketik"):
                normalise_code(typo)
    for i in range(len(chars)):
        for j in range(i + 1, len(chars)):
            if chars[i] != chars[j]:
                swapped = list(chars)
                swapped[i], swapped[j] = swapped[j], swapped[i]
                with pytest.raises(ValidationError, match="salah ketik"):
                    normalise_code("".join(swapped))


@pytest.mark.parametrize("bad", ["", "KC-", "KC-1234-5678-9", "KC-1234-5678-9AB",
                                 "KC-12U4-5678-9A", "KC-12*4-5678-9A", "XX-1234-5678-9A",
                                 "KC" * 40, None])
def test_normalise_code_rejects_malformed(bad):
    with pytest.raises(ValidationError, match="tidak dikenal bentuknya"):
        normalise_code(bad)


# ---------------------------------------------------------------- check_version

def _signed(text: str, n: int = 3):
    th = text_sha256(text)
    claims = [_claim(i, th, role=list(COMMITMENT_ROLES)[i - 1]) for i in range(1, n + 1)]
    hashes = [claim_sha256(c) for c in claims]
    return th, claims, hashes, verification_code("doc-1", 1, th, hashes)


def test_check_version_all_good_with_sloppy_code_and_shuffled_hashes():
    text = default_text("kota", "Contoh")
    th, claims, hashes, code = _signed(text)
    result = check_version("doc-1", 1, text.replace("\n", "\r\n"), th, claims,
                           list(reversed(hashes)), code.lower().replace("-", " "))
    assert result == VersionCheck(version=1, text_ok=True, signatures_ok=3, signatures_bad=0,
                                  code_ok=True)
    assert result.ok


def test_check_version_detects_changed_text():
    text = default_text("kota", "Contoh")
    th, claims, hashes, code = _signed(text)
    result = check_version("doc-1", 1, text.replace("1 (satu)", "2 (dua)"), th, claims, hashes, code)
    assert not result.text_ok and not result.code_ok and not result.ok
    assert (result.signatures_ok, result.signatures_bad) == (0, 3)
    broken = check_version("doc-1", 1, text + "\x00", th, claims, hashes, code)
    assert not broken.text_ok and not broken.code_ok and broken.signatures_bad == 3


def test_check_version_detects_changed_claim_and_orphans():
    text = default_text("kota", "Contoh")
    th, claims, hashes, code = _signed(text)
    tampered = [claims[0], dataclasses.replace(claims[1], signer_name="Orang Lain"), claims[2]]
    result = check_version("doc-1", 1, text, th, tampered, hashes, code)
    assert result.text_ok and not result.code_ok
    # the altered claim is bad, and so is the stored hash it no longer matches
    assert (result.signatures_ok, result.signatures_bad) == (2, 2)
    # claim and its stored hash both removed: claims still match, but the code does not
    dropped = check_version("doc-1", 1, text, th, claims[:2], hashes[:2], code)
    assert (dropped.signatures_ok, dropped.signatures_bad, dropped.code_ok) == (2, 0, False)
    # a claim row deleted while its hash stays: counted bad
    orphan = check_version("doc-1", 1, text, th, claims[:2], hashes, code)
    assert orphan.signatures_bad == 1 and not orphan.ok


def test_check_version_claim_for_other_text_or_version_is_bad():
    text = default_text("kota", "Contoh")
    th, claims, hashes, _ = _signed(text)
    stray = [claims[0], claims[1], _claim(3, "cd" * 32, role="saksi")]
    stray_hashes = [claim_sha256(c) for c in stray]
    code = verification_code("doc-1", 1, th, stray_hashes)
    result = check_version("doc-1", 1, text, th, stray, stray_hashes, code)
    assert result.code_ok and result.text_ok
    assert (result.signatures_ok, result.signatures_bad) == (2, 1)
    v2 = [dataclasses.replace(c, version=2) for c in claims]
    v2_hashes = [claim_sha256(c) for c in v2]
    result = check_version("doc-1", 1, text, th, v2, v2_hashes,
                           verification_code("doc-1", 1, th, v2_hashes))
    assert result.signatures_ok == 0 and result.signatures_bad == 3


def test_check_version_wrong_code():
    text = default_text("kota", "Contoh")
    th, claims, hashes, code = _signed(text)
    other = verification_code("doc-2", 1, th, hashes)
    assert not check_version("doc-1", 1, text, th, claims, hashes, other).code_ok
    assert not check_version("doc-2", 1, text, th, claims, hashes, code).code_ok
    assert not check_version("doc-1", 2, text, th, claims, hashes, code).code_ok
    typo = code[:-1] + ("0" if code[-1] != "0" else "1")
    result = check_version("doc-1", 1, text, th, claims, hashes, typo)
    assert not result.code_ok and result.text_ok and result.signatures_ok == 3
    assert not check_version("doc-1", 1, text, th, claims, hashes, "bukan kode").code_ok
