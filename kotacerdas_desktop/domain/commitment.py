"""The commitment sheet (komitmen bersama): its default wording, the canonical form of its
text that is hashed and signed, signature claims bound to that hash, and a short
verification code that can be checked offline (DOMAIN.md sections 6 and 7).

Pure standard library. A signature is valid only for the exact canonical text and version
it names; any change to the text, a claim or the set of claims is detected by
`check_version`.
"""
from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections import Counter
from dataclasses import asdict, dataclass
from datetime import datetime, timezone

from .errors import ValidationError
from .regions import KINDS, OFFICIAL_ROLES, clean_region_name, display_name, role_title

MAX_TEXT_CHARS = 20_000
CODE_PREFIX = "KC"
CODE_DATA_CHARS = 9  # 45 bits of the digest, plus one check character = 10 characters
TEXT_LABEL = "Teks komitmen"

# Signatory roles in signing order; the first four are the official roles of regions.py.
COMMITMENT_ROLES = {
    "kepala_daerah": "Kepala Daerah",
    "wakil_kepala_daerah": "Wakil Kepala Daerah",
    "ketua_dprd": "Ketua DPRD",
    "sekda": "Sekretaris Daerah",
    "kepala_opd": "Kepala Perangkat Daerah",
    "saksi": "Saksi / mentor kementerian",
}
assert tuple(COMMITMENT_ROLES)[:len(OFFICIAL_ROLES)] == OFFICIAL_ROLES


def commitment_role_title(role: str, kind: str, region_name: str = "") -> str:
    """The jabatan printed under a signature: 'Wali Kota Contoh', 'Kepala Perangkat Daerah', ..."""
    if role in OFFICIAL_ROLES and kind in KINDS:
        return role_title(role, kind, region_name)
    if role in COMMITMENT_ROLES:
        return COMMITMENT_ROLES[role]
    raise ValidationError(f"Peran penanda tangan tidak dikenal: {role!r}.")


# ---------------------------------------------------------------- default wording

def default_text(kind: str, name: str, year: int | None = None) -> str:
    """The default commitment text for a region, already in canonical form."""
    kind = (kind or "").strip().lower()
    if kind == "kab":
        kind = "kabupaten"
    if kind not in KINDS:
        raise ValidationError("Jenis wilayah harus 'kota' atau 'kabupaten'.")
    name = clean_region_name(kind, name or "")
    if not name:
        raise ValidationError("Nama wilayah wajib diisi.")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int)
                             or not 2000 <= year <= 2100):
        raise ValidationError("Tahun komitmen harus antara 2000 dan 2100.")
    region = display_name(kind, name)
    government = f"Pemerintah {region}"
    signers = ", ".join(role_title(r, kind, name) for r in ("kepala_daerah", "wakil_kepala_daerah"))
    signers += f", {role_title('ketua_dprd', kind, name)}"
    lines = ["KOMITMEN BERSAMA", "PENYUSUNAN DAN PELAKSANAAN MASTERPLAN SMART CITY",
             government.upper()]
    if year is not None:
        lines.append(f"TAHUN {year}")
    items = [
        "Mengintegrasikan, menyinkronkan, dan menyelaraskan perencanaan pengembangan Smart City "
        f"antara Pemerintah Pusat dan {government}.",
        "Menjadikan konsep Smart City sebagai landasan dalam penyusunan dokumen perencanaan "
        "pembangunan daerah, yaitu Rencana Pembangunan Jangka Menengah Daerah (RPJMD), "
        "Rencana Strategis Perangkat Daerah (Renstra), dan Rencana Kerja Pemerintah Daerah (RKPD).",
        "Mendukung proses pengembangan Smart City yang efektif, efisien, inklusif, dan "
        "partisipatif dengan melibatkan seluruh pemangku kepentingan.",
        "Melaksanakan program prioritas cepat (quick win) Smart City dalam waktu paling lama "
        "1 (satu) tahun sejak Masterplan Smart City ditetapkan.",
        "Mengalokasikan sumber daya manusia, anggaran, sarana dan prasarana, serta data yang "
        "diperlukan untuk pelaksanaan Masterplan Smart City.",
        "Berperan aktif dalam Forum Smart City dan mengikuti evaluasi pelaksanaan Masterplan "
        "Smart City setiap tahun.",
    ]
    lines += ["", f"Kami yang bertanda tangan di bawah ini, {signers} dan seluruh Kepala Perangkat "
              f"Daerah di lingkungan {government}, dengan ini menyatakan komitmen untuk:", ""]
    lines += [f"{n}. {item}" for n, item in enumerate(items, 1)]
    lines += ["", "Demikian komitmen bersama ini kami buat dengan penuh kesadaran dan tanggung "
              "jawab untuk dilaksanakan sebaik-baiknya."]
    return "\n".join(lines)


# ---------------------------------------------------------------- canonical text and hashes

_REFUSED_CATEGORIES = ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp")


def canonical_text(text: str) -> str:
    """The exact form that is hashed and signed.

    NFC; CRLF/CR -> LF; each tab -> one space; trailing whitespace removed on every line;
    two or more consecutive blank lines become one blank line; leading/trailing blank lines
    removed. Refuses control and invisible formatting characters (other than line breaks),
    an empty text and a text over MAX_TEXT_CHARS characters. Idempotent.
    """
    if not isinstance(text, str):
        raise ValidationError(f"{TEXT_LABEL} harus berupa teks.")
    if len(text) > 4 * MAX_TEXT_CHARS:
        raise ValidationError(f"{TEXT_LABEL} terlalu panjang (maksimal {MAX_TEXT_CHARS} karakter).")
    if text.startswith("\ufeff"):  # byte-order mark left by some editors
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    for ch in text:
        if ch != "\n" and unicodedata.category(ch) in _REFUSED_CATEGORIES:
            if unicodedata.category(ch) == "Cs":
                raise ValidationError(f"{TEXT_LABEL} berisi karakter yang rusak "
                                      "(bukan UTF-8 yang sah).")
            raise ValidationError(f"{TEXT_LABEL} berisi karakter tak terlihat atau karakter "
                                  f"kendali (U+{ord(ch):04X}); ketik ulang tanpa karakter itu.")
    text = unicodedata.normalize("NFC", text)
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    text = re.sub(r"\n{3,}", "\n\n", text).strip("\n")
    if not text.strip():
        raise ValidationError(f"{TEXT_LABEL} wajib diisi.")
    if len(text) > MAX_TEXT_CHARS:
        raise ValidationError(f"{TEXT_LABEL} terlalu panjang (maksimal {MAX_TEXT_CHARS} karakter, "
                              f"sekarang {len(text)}).")
    return text


def text_sha256(text: str) -> str:
    """Lower-case hex SHA-256 of the canonical text in UTF-8."""
    return hashlib.sha256(canonical_text(text).encode("utf-8")).hexdigest()


_HEX64 = re.compile(r"[0-9a-f]{64}")
_UTC_STAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")


@dataclass(frozen=True)
class SignatureClaim:
    """What one signer signed: the text hash of one version, who, in which role, when."""
    version: int
    text_sha256: str
    signer_id: str
    signer_name: str
    role: str
    strokes_sha256: str  # hash of the stroke geometry (no timing: see DOMAIN.md section 7)
    signed_at: str  # UTC ISO 'YYYY-MM-DDTHH:MM:SSZ'


def claim_sha256(claim: SignatureClaim) -> str:
    """SHA-256 of the claim fields as compact JSON with sorted keys (UTF-8)."""
    payload = json.dumps(asdict(claim), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def utc_timestamp(moment: datetime | None = None) -> str:
    """'YYYY-MM-DDTHH:MM:SSZ' for `moment` (timezone-aware) or now."""
    moment = moment or datetime.now(timezone.utc)
    if moment.tzinfo is None:
        raise ValidationError("Waktu penandatanganan harus menyertakan zona waktu.")
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def validate_claim(claim: SignatureClaim) -> SignatureClaim:
    """Refuses a claim with a malformed field; returns it unchanged otherwise."""
    if isinstance(claim.version, bool) or not isinstance(claim.version, int) or claim.version < 1:
        raise ValidationError("Versi teks harus bilangan bulat mulai 1.")
    for value, label in ((claim.text_sha256, "Sidik teks"), (claim.strokes_sha256, "Sidik goresan")):
        if not isinstance(value, str) or not _HEX64.fullmatch(value):
            raise ValidationError(f"{label} harus 64 digit heksadesimal huruf kecil.")
    for value, label in ((claim.signer_id, "Penanda tangan"), (claim.signer_name, "Nama penanda tangan")):
        if not isinstance(value, str) or not value.strip():
            raise ValidationError(f"{label} wajib diisi.")
    if claim.role not in COMMITMENT_ROLES:
        raise ValidationError(f"Peran penanda tangan tidak dikenal: {claim.role!r}.")
    stamp = claim.signed_at
    try:
        ok = isinstance(stamp, str) and bool(_UTC_STAMP.fullmatch(stamp)) and bool(
            datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ"))
    except ValueError:
        ok = False
    if not ok:
        raise ValidationError("Waktu penandatanganan harus berbentuk UTC 'YYYY-MM-DDTHH:MM:SSZ'.")
    return claim


# ---------------------------------------------------------------- verification code

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # no I, L, O, U
_ALIASES = str.maketrans({"O": "0", "I": "1", "L": "1"})


def _gf32_mul(a: int, b: int) -> int:
    """Multiplication in GF(32) modulo the primitive polynomial x^5 + x^2 + 1."""
    result = 0
    while b:
        if b & 1:
            result ^= a
        b >>= 1
        a <<= 1
        if a & 0x20:
            a ^= 0x25
    return result


def _weights(n: int) -> list[int]:
    """alpha^1 .. alpha^n: distinct, non-zero and never 1 (the check character's weight)."""
    weights, w = [], 1
    for _ in range(n):
        w = _gf32_mul(w, 2)
        weights.append(w)
    return weights


_DATA_WEIGHTS = _weights(CODE_DATA_CHARS)


def _check_symbol(data: str) -> str:
    """Weighted sum over GF(32) with distinct weights: catches every single wrong character
    and every swap of two characters (including the check character itself)."""
    total = 0
    for weight, ch in zip(_DATA_WEIGHTS, data):
        total ^= _gf32_mul(weight, CROCKFORD.index(ch))
    return CROCKFORD[total]


def _format_code(chars: str) -> str:
    return f"{CODE_PREFIX}-{chars[:4]}-{chars[4:8]}-{chars[8:]}"


def verification_code(doc_id: str, version: int, text_sha256: str, claim_hashes: list[str]) -> str:
    """Shaped like 'KC-3XNH-TK8P-2E': 9 Crockford base32 characters of a SHA-256 over the document id,
    version, text hash and the (sorted) claim hashes, then one check character."""
    if not isinstance(doc_id, str) or not doc_id.strip():
        raise ValidationError("Dokumen wajib ditentukan untuk kode verifikasi.")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise ValidationError("Versi teks harus bilangan bulat mulai 1.")
    hashes = [str(h).lower() for h in claim_hashes]
    for value in [str(text_sha256).lower(), *hashes]:
        if not _HEX64.fullmatch(value):
            raise ValidationError("Sidik (hash) harus 64 digit heksadesimal.")
    payload = json.dumps({"schema": "kotacerdas.commitment.code/1", "doc_id": doc_id,
                          "version": version, "text_sha256": str(text_sha256).lower(),
                          "claims": sorted(hashes)},
                         sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    number = int.from_bytes(hashlib.sha256(payload.encode("utf-8")).digest()[:8], "big")
    number >>= 64 - 5 * CODE_DATA_CHARS
    data = "".join(CROCKFORD[(number >> (5 * i)) & 31] for i in reversed(range(CODE_DATA_CHARS)))
    return _format_code(data + _check_symbol(data))


def normalise_code(text: str) -> str:
    """'kc 1a2b3c4d5e', 'KC-1A2B-3C4D-5E', 'o1a2...' -> 'KC-1A2B-3C4D-5E'.

    Accepts any case, missing or extra dashes and spaces, a missing 'KC' prefix and the
    Crockford aliases O -> 0, I/L -> 1. Raises ValidationError when the code is malformed
    or its check character does not match (a typo)."""
    if not isinstance(text, str) or len(text) > 64:
        raise ValidationError("Kode verifikasi tidak dikenal bentuknya.")
    chars = re.sub(r"[\s\-\u2010-\u2015]+", "", text).upper()
    if len(chars) == CODE_DATA_CHARS + 1 + len(CODE_PREFIX) and chars.startswith(CODE_PREFIX):
        chars = chars[len(CODE_PREFIX):]
    chars = chars.translate(_ALIASES)
    if len(chars) != CODE_DATA_CHARS + 1 or any(ch not in CROCKFORD for ch in chars):
        raise ValidationError("Kode verifikasi tidak dikenal bentuknya.")
    if _check_symbol(chars[:-1]) != chars[-1]:
        raise ValidationError("Kode verifikasi salah ketik (digit periksa tidak cocok).")
    return _format_code(chars)


# ---------------------------------------------------------------- offline verification

@dataclass(frozen=True)
class VersionCheck:
    version: int
    text_ok: bool  # the stored text still hashes to the stored text hash
    signatures_ok: int  # claims intact and bound to this version's (unchanged) text
    signatures_bad: int  # claims altered, for another text/version, or stored hashes orphaned
    code_ok: bool  # the given code equals the code recomputed from the stored data

    @property
    def ok(self) -> bool:
        return self.text_ok and self.signatures_bad == 0 and self.code_ok


def _claim_is_valid(claim: SignatureClaim) -> bool:
    try:
        validate_claim(claim)
    except ValidationError:
        return False
    return True


def check_version(doc_id: str, version: int, text: str, stored_text_sha256: str,
                  claims: list[SignatureClaim], stored_claim_hashes: list[str],
                  code: str) -> VersionCheck:
    """Recompute every hash from the stored data and compare (used by `verify CODE`).

    A claim counts as good only when its recomputed hash is among the stored claim hashes,
    it names this version and the text hash of the text as it is now, and that text still
    matches the stored text hash. Stored claim hashes without a matching claim count as bad.
    The code is recomputed from the text and claims as they are now."""
    try:
        actual_text = text_sha256(text)
    except ValidationError:
        actual_text = None
    text_ok = actual_text is not None and actual_text == str(stored_text_sha256).lower()
    remaining = Counter(str(h).lower() for h in stored_claim_hashes)
    recomputed, good, bad = [], 0, 0
    for claim in claims:
        digest = claim_sha256(claim)
        recomputed.append(digest)
        stored = remaining[digest] > 0
        if stored:
            remaining[digest] -= 1
        if (stored and text_ok and claim.version == version and claim.text_sha256 == actual_text
                and _claim_is_valid(claim)):
            good += 1
        else:
            bad += 1
    bad += sum(remaining.values())
    code_ok = False
    if actual_text is not None:
        try:
            code_ok = normalise_code(code) == verification_code(doc_id, version, actual_text,
                                                                 recomputed)
        except ValidationError:
            code_ok = False
    return VersionCheck(version=version, text_ok=text_ok, signatures_ok=good,
                        signatures_bad=bad, code_ok=code_ok)
