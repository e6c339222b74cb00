"""The .kcbundle file: writing it, and reading it strictly (everything checked before anything is returned).

Layout (a ZIP; every name below is the only one allowed at its place):

    manifest.json       canonical JSON, see `_manifest`; signed as its exact bytes
    manifest.sig        64-byte Ed25519 signature of manifest.json by the device key
    versions.jsonl      plain bundle: one canonical JSON object per record version
    attachments.json    plain bundle: {sha256: media type} for every attachment
    attachments/<sha256>  plain bundle: attachment bytes, named by their SHA-256
    payload.enc         encrypted bundle instead of the three above: a ZIP holding
                        them, sealed to the recipient (keys.seal)

The manifest lists the SHA-256 of every other entry (of the encrypted entry when
encrypted, so verification comes before decryption) and holds no personal data:
names of people live only in versions and attachments. Its hash is the bundle's
hash, which the device's next bundle carries as `previous_hash`.

Reading happens in memory only; nothing is extracted or written anywhere.
"""
from __future__ import annotations

import hashlib
import io
import json
import re
import stat
import struct
import uuid
import zipfile
import zlib
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Callable, Mapping

from .. import __version__
from ..domain.errors import UserError
from ..storage.history import Hlc, canonical_json, version_id
from ..storage.migrations import SCHEMA_VERSION
from . import keys
from .keys import DeviceKey, KeyFileError, TrustedKey

FORMAT = "kotacerdas-bundle"
FORMAT_VERSION = 1
SUFFIX = ".kcbundle"
MAX_BUNDLE_BYTES = 2 * 1024 ** 3
MAX_TOTAL_BYTES = 2 * 1024 ** 3        # all entries together, uncompressed
MAX_ENTRY_BYTES = 1024 ** 3            # one entry, uncompressed (payload.enc included)
MAX_MANIFEST_BYTES = 32 * 1024 ** 2
MAX_ENTRIES = 100_000
MAX_RATIO = 100                        # uncompressed : compressed, for entries over RATIO_FLOOR
RATIO_FLOOR = 64 * 1024
MANIFEST, SIGNATURE, VERSIONS, ATTACHMENT_INDEX, ENCRYPTED = (
    "manifest.json", "manifest.sig", "versions.jsonl", "attachments.json", "payload.enc")
VERSION_KEYS = frozenset({"version_id", "entity", "record_id", "parents", "device_id", "hlc", "deleted",
                          "payload"})
_HEX64 = re.compile(r"[0-9a-f]{64}")
_HEX32 = re.compile(r"[0-9a-f]{32}")
_ENTITY = re.compile(r"[a-z][a-z0-9_]{0,39}")
_ATTACHMENT = re.compile(r"attachments/([0-9a-f]{64})")
_PAYLOAD_NAMES = (VERSIONS, ATTACHMENT_INDEX)
_DECODE_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, struct.error, EOFError,
                  UnicodeDecodeError, ValueError, NotImplementedError, RuntimeError, OverflowError,
                  IndexError, KeyError, OSError)
CORRUPT = ("Berkas ini bukan bundel Kota Cerdas yang utuh: rusak, terpotong, atau bukan bundel. "
           "Salin ulang berkas dari perangkat pengirim.")


class BundleError(UserError):
    """A bundle is refused (or cannot be written); the message says why in plain Indonesian."""


@dataclass
class BundleContents:
    """What goes into a bundle. Versions are dicts with exactly VERSION_KEYS:
    version_id (64 hex), entity, record_id, parents (list of version ids), device_id,
    hlc (text), deleted (bool) and payload (dict) - as in record_version, with
    parents and payload parsed from JSON."""
    versions: list[dict]
    attachments: dict[str, bytes]
    region_id: str
    region_name: str
    schema_version: int = SCHEMA_VERSION
    media_types: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class WrittenBundle:
    data: bytes
    bundle_id: str
    bundle_hash: str   # SHA-256 of manifest.json: the next bundle's previous_hash
    manifest: dict


@dataclass(frozen=True)
class VerifiedBundle:
    bundle_id: str
    bundle_hash: str
    format_version: int
    schema_version: int
    app_version: str
    created_at: str
    device_id: str
    device_name: str
    signer_fingerprint: str
    signer_trusted: bool      # False only when accepted with accept_unknown=True
    sequence: int
    previous_hash: str
    region_id: str
    region_name: str
    counts: dict[str, int]    # versions per entity
    encrypted: bool
    recipient_fingerprint: str | None
    versions: list[dict]
    attachments: dict[str, bytes]
    media_types: dict[str, str]
    manifest: dict


# --- writing ---------------------------------------------------------------------------

def write_bundle(contents: BundleContents, device: DeviceKey, sequence: int, previous_hash: str = "",
                 encrypt_to: bytes | None = None, *, now: datetime | None = None) -> WrittenBundle:
    """Build a signed bundle in memory. `encrypt_to` is the recipient's raw X25519 public key
    (TrustedKey.encryption_key of the Diskominfo office), or None for a plain bundle."""
    if not isinstance(sequence, int) or isinstance(sequence, bool) or sequence < 1:
        raise ValueError("sequence must be an int >= 1")
    if previous_hash and not _HEX64.fullmatch(previous_hash):
        raise ValueError("previous_hash must be '' or 64 lowercase hex digits")
    versions = [check_version(v, i, "ekspor dibatalkan") for i, v in enumerate(contents.versions, 1)]
    _check_unique(versions)
    media = {sha: contents.media_types.get(sha, "application/octet-stream") for sha in contents.attachments}
    for sha, data in contents.attachments.items():
        if hashlib.sha256(data).hexdigest() != sha:
            raise BundleError(f"Lampiran {sha[:12]}… tidak cocok dengan SHA-256-nya; ekspor dibatalkan.")
    payload = {VERSIONS: "".join(canonical_json(v) + "\n" for v in versions).encode("utf-8"),
               ATTACHMENT_INDEX: canonical_json(media).encode("utf-8")}
    payload.update((f"attachments/{sha}", bytes(contents.attachments[sha])) for sha in sorted(media))
    bundle_id = uuid.uuid4().hex
    encryption = None
    if encrypt_to is not None:
        inner = _zip(payload)
        if len(inner) > MAX_ENTRY_BYTES:
            raise BundleError("Data terlalu besar untuk satu bundel; ekspor per wilayah atau per bagian.")
        ephemeral, sealed = keys.seal(encrypt_to, inner, _aad(bundle_id))
        payload = {ENCRYPTED: sealed}
        encryption = {"scheme": keys.ENCRYPTION_SCHEME, "recipient_fingerprint": keys.fingerprint(encrypt_to),
                      "ephemeral_key": keys.b64encode(ephemeral)}
    manifest = {
        "format": FORMAT, "format_version": FORMAT_VERSION, "schema_version": contents.schema_version,
        "app_version": __version__, "bundle_id": bundle_id,
        "created_at": (now or datetime.now(timezone.utc)).isoformat(timespec="seconds"),
        "device": {"id": device.device_id, "name": device.device_name, "public_key": keys.b64encode(device.public_key)},
        "sequence": sequence, "previous_hash": previous_hash,
        "region": {"id": contents.region_id, "name": contents.region_name},
        "counts": {"versions": dict(sorted(Counter(v["entity"] for v in versions).items())),
                   "attachments": len(media)},
        "entries": {name: hashlib.sha256(data).hexdigest() for name, data in sorted(payload.items())},
        "encryption": encryption,
    }
    _check_manifest(manifest, contents.schema_version)  # never write what the reader would refuse
    if not _media_ok(media):
        raise BundleError("Jenis berkas lampiran tidak sah (kosong atau lebih dari 80 huruf); ekspor dibatalkan.")
    manifest_bytes = canonical_json(manifest).encode("utf-8")
    data = _zip({MANIFEST: manifest_bytes, SIGNATURE: device.sign(manifest_bytes), **payload})
    if len(data) > MAX_BUNDLE_BYTES:
        raise BundleError("Data terlalu besar untuk satu bundel; ekspor per wilayah atau per bagian.")
    return WrittenBundle(data, bundle_id, hashlib.sha256(manifest_bytes).hexdigest(), manifest)


def _zip(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in entries.items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.create_system = 3
            info.external_attr = (stat.S_IFREG | 0o644) << 16
            info.compress_type = zipfile.ZIP_STORED if name in (SIGNATURE, ENCRYPTED) else zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
    return buf.getvalue()


def _aad(bundle_id: str) -> bytes:
    return f"{FORMAT}/{FORMAT_VERSION}/{bundle_id}/{ENCRYPTED}".encode("ascii")


# --- reading -----------------------------------------------------------------------------

Trusted = Callable[[str], "TrustedKey | None"] | Mapping[str, TrustedKey]


def read_bundle(data: bytes, trusted: Trusted, private_key_for_decryption: DeviceKey | None = None,
                accept_unknown: bool = False, max_schema_version: int = SCHEMA_VERSION) -> VerifiedBundle:
    """Check a bundle completely, in memory, and return its contents; raise BundleError otherwise.

    `trusted` maps a device id to its enrolled TrustedKey (a dict or a function
    returning None for an unknown device). An unknown signer is refused unless
    `accept_unknown`; its signature must still verify with the key it claims.
    """
    data = data if isinstance(data, bytes) else bytes(data)
    if not data:
        raise BundleError("Berkas bundel kosong (0 bita). Salin ulang berkas dari perangkat pengirim.")
    if len(data) > MAX_BUNDLE_BYTES:
        raise BundleError(f"Berkas bundel terlalu besar ({_size(len(data))}; batas {_size(MAX_BUNDLE_BYTES)}).")
    with _decoding():
        zf, infos = _open_zip(data, _outer_name)
        if MANIFEST not in infos:
            raise BundleError("Bundel tidak memiliki manifest.json; berkas ini bukan bundel yang utuh.")
        if SIGNATURE not in infos:
            raise BundleError("Bundel tidak bertanda tangan (manifest.sig tidak ada); bundel ditolak.")
        if infos[MANIFEST].file_size > MAX_MANIFEST_BYTES:
            raise BundleError("manifest.json terlalu besar; bundel ditolak.")
        manifest_bytes, signature = _read_entry(zf, infos[MANIFEST]), _read_entry(zf, infos[SIGNATURE])
    manifest = _check_manifest(strict_json(manifest_bytes, MANIFEST), max_schema_version)
    device = manifest["device"]
    public = keys.b64decode(device["public_key"])
    if not keys.verify_signature(public, signature, manifest_bytes):
        raise BundleError("Tanda tangan bundel tidak sah: manifest telah diubah atau bundel dipalsukan. "
                          "Bundel ditolak.")
    known = trusted.get(device["id"]) if isinstance(trusted, Mapping) else trusted(device["id"])
    if known is None and not accept_unknown:
        raise BundleError(f"Pengirim bundel belum terdaftar: perangkat '{device['name']}' (sidik jari "
                          f"{keys.fingerprint(public)}). Daftarkan perangkat ini dulu atau terima secara "
                          "eksplisit.")
    if known is not None and bytes(known.public_key) != public:
        raise BundleError(f"Kunci perangkat '{device['name']}' di bundel berbeda dari kunci yang terdaftar "
                          f"(terdaftar {known.fingerprint}, bundel {keys.fingerprint(public)}); kemungkinan "
                          "bundel dipalsukan. Bundel ditolak.")
    listed = manifest["entries"]
    present = set(infos) - {MANIFEST, SIGNATURE}
    for name in sorted(present ^ set(listed)):
        where = "tidak tercantum di manifest" if name in present else "tercantum di manifest tetapi tidak ada"
        raise BundleError(f"Entri '{name}' {where}: bundel telah diubah setelah ditandatangani.")
    with _decoding():
        entries = {}
        for name in sorted(present):
            entries[name] = _read_entry(zf, infos[name])
            if hashlib.sha256(entries[name]).hexdigest() != listed[name]:
                raise BundleError(f"Isi entri '{name}' tidak cocok dengan manifest: bundel telah diubah "
                                  "setelah ditandatangani. Bundel ditolak.")
    encryption = manifest["encryption"]
    encrypted = encryption is not None
    if encrypted != (ENCRYPTED in listed) or (encrypted and set(listed) != {ENCRYPTED}):
        raise BundleError("Manifest dan isi bundel tidak sesuai (terenkripsi atau tidak); bundel ditolak.")
    if encryption is not None:
        entries = _decrypt(entries[ENCRYPTED], encryption, manifest["bundle_id"], private_key_for_decryption)
    versions, attachments, media = _payload(entries, manifest)
    return VerifiedBundle(
        bundle_id=manifest["bundle_id"], bundle_hash=hashlib.sha256(manifest_bytes).hexdigest(),
        format_version=manifest["format_version"], schema_version=manifest["schema_version"],
        app_version=manifest["app_version"], created_at=manifest["created_at"], device_id=device["id"],
        device_name=device["name"], signer_fingerprint=keys.fingerprint(public), signer_trusted=known is not None,
        sequence=manifest["sequence"], previous_hash=manifest["previous_hash"],
        region_id=manifest["region"]["id"], region_name=manifest["region"]["name"],
        counts=dict(manifest["counts"]["versions"]), encrypted=encryption is not None,
        recipient_fingerprint=encryption["recipient_fingerprint"] if encryption else None,
        versions=versions, attachments=attachments, media_types=media, manifest=manifest)


def _decrypt(sealed: bytes, encryption: dict, bundle_id: str, key: DeviceKey | None) -> dict[str, bytes]:
    recipient = encryption["recipient_fingerprint"]
    if key is None:
        raise BundleError(f"Bundel ini terenkripsi untuk Diskominfo (sidik jari {recipient}); hanya dapat "
                          "dibuka dengan kunci penerima itu.")
    mine = keys.fingerprint(key.encryption_public_key)
    if recipient != mine:
        raise BundleError(f"Bundel ini terenkripsi untuk penerima lain (sidik jari {recipient}), bukan untuk "
                          f"kunci perangkat ini ({mine}); tidak dapat dibuka.")
    try:
        inner = keys.open_sealed(key, keys.b64decode(encryption["ephemeral_key"]), sealed, _aad(bundle_id))
    except KeyFileError as exc:
        raise BundleError(str(exc)) from exc
    with _decoding():
        zf, infos = _open_zip(inner, _payload_name)
        return {name: _read_entry(zf, info) for name, info in sorted(infos.items())}


def _payload(entries: dict[str, bytes], manifest: dict) -> tuple[list[dict], dict[str, bytes], dict[str, str]]:
    for name in _PAYLOAD_NAMES:
        if name not in entries:
            raise BundleError(f"Bundel tidak memiliki {name}; bundel ditolak.")
    raw = entries[VERSIONS]
    if raw and not raw.endswith(b"\n"):
        raise BundleError(f"{VERSIONS} terpotong (baris terakhir tidak lengkap); bundel ditolak.")
    lines = raw.split(b"\n")[:-1] if raw else []
    versions = [check_version(strict_json(line, f"{VERSIONS} baris {i}"), i) for i, line in enumerate(lines, 1)]
    _check_unique(versions)
    media = strict_json(entries[ATTACHMENT_INDEX], ATTACHMENT_INDEX)
    attachments = {_ATTACHMENT.fullmatch(n).group(1): d for n, d in entries.items() if _ATTACHMENT.fullmatch(n)}
    if not isinstance(media, dict) or set(media) != set(attachments) or not _media_ok(media):
        raise BundleError(f"{ATTACHMENT_INDEX} tidak sesuai dengan lampiran di bundel; bundel ditolak.")
    for sha, content in attachments.items():
        if hashlib.sha256(content).hexdigest() != sha:
            raise BundleError(f"Peringatan pemalsuan: lampiran {sha[:12]}… tidak cocok dengan SHA-256-nya. "
                              "Bundel ditolak.")
    counts = manifest["counts"]
    actual = dict(Counter(v["entity"] for v in versions))
    if actual != counts["versions"] or len(attachments) != counts["attachments"]:
        raise BundleError(f"Jumlah data di bundel ({actual}, {len(attachments)} lampiran) tidak sama dengan "
                          "manifest; bundel ditolak.")
    return versions, attachments, media


def check_version(v: object, index: int, refusal: str = "bundel ditolak") -> dict:
    """One record version, well formed and with a version_id that matches its content."""
    def bad(what: str) -> BundleError:
        return BundleError(f"Versi ke-{index} di {VERSIONS} tidak sah: {what}; {refusal}.")
    if not isinstance(v, dict) or set(v) != VERSION_KEYS:
        raise bad("kolomnya tidak lengkap atau berlebih")
    text = {k: v[k] for k in ("version_id", "entity", "record_id", "device_id", "hlc")}
    if not all(isinstance(x, str) and 0 < len(x) <= 64 and x.isprintable() for x in text.values()):
        raise bad("teks kosong, terlalu panjang, atau bukan teks")
    if not _HEX64.fullmatch(v["version_id"]) or not _ENTITY.fullmatch(v["entity"]):
        raise bad("version_id atau entity salah bentuk")
    parents = v["parents"]
    if not isinstance(parents, list) or len(set(map(str, parents))) != len(parents) or not all(
            isinstance(p, str) and _HEX64.fullmatch(p) for p in parents):
        raise bad("daftar parents salah bentuk")
    if not isinstance(v["deleted"], bool) or not isinstance(v["payload"], dict):
        raise bad("deleted atau payload salah jenis")
    try:
        Hlc.decode(v["hlc"])
    except ValueError:
        raise bad(f"jam (hlc) '{v['hlc']}' salah bentuk") from None
    try:
        expected = version_id(v["entity"], v["record_id"], parents, v["device_id"], v["hlc"], v["deleted"],
                              v["payload"])
    except (ValueError, TypeError, RecursionError):
        raise bad("isi payload tidak dapat dikodekan") from None
    if expected != v["version_id"]:
        raise BundleError(f"Peringatan pemalsuan: isi versi {v['version_id'][:12]}… ({v['entity']}, rekaman "
                          f"{v['record_id']}) tidak cocok dengan ID-nya; isinya telah diubah ({refusal}).")
    return v


def _check_unique(versions: list[dict]) -> None:
    seen: set[str] = set()
    for v in versions:
        if v["version_id"] in seen:
            raise BundleError(f"Versi {v['version_id'][:12]}… tercantum dua kali; bundel ditolak.")
        seen.add(v["version_id"])


def _check_manifest(m: object, max_schema_version: int) -> dict:
    if not isinstance(m, dict) or m.get("format") != FORMAT:
        raise BundleError("Berkas ini bukan bundel Kota Cerdas (format manifest tidak dikenal).")
    fv, sv = m.get("format_version"), m.get("schema_version")
    if not _is_int(fv) or fv < 1 or not _is_int(sv) or sv < 1:
        raise BundleError("manifest.json tidak sah: versi format atau skema salah; bundel ditolak.")
    if fv > FORMAT_VERSION or sv > max_schema_version:
        raise BundleError(f"Bundel ini dibuat oleh versi aplikasi yang lebih baru (aplikasi "
                          f"{m.get('app_version', '?')}, format {fv}, skema {sv}; aplikasi ini membaca sampai "
                          f"format {FORMAT_VERSION}, skema {max_schema_version}). Perbarui Kota Cerdas Desktop "
                          "lalu impor lagi.")

    def need(ok: bool, what: str) -> None:
        if not ok:
            raise BundleError(f"manifest.json tidak sah: {what}; bundel ditolak.")
    keys_expected = {"format", "format_version", "schema_version", "app_version", "bundle_id", "created_at",
                     "device", "sequence", "previous_hash", "region", "counts", "entries", "encryption"}
    need(set(m) == keys_expected, "kolomnya tidak lengkap atau berlebih")
    need(all(_text(m[k]) for k in ("app_version", "created_at")), "app_version/created_at")
    need(isinstance(m["bundle_id"], str) and bool(_HEX32.fullmatch(m["bundle_id"])), "bundle_id")
    dev = m["device"]
    need(isinstance(dev, dict) and set(dev) == {"id", "name", "public_key"} and _text(dev["name"], 120)
         and isinstance(dev["id"], str) and bool(_HEX32.fullmatch(dev["id"])) and _is_key(dev["public_key"]),
         "data perangkat")
    need(_is_int(m["sequence"]) and m["sequence"] >= 1, "sequence")
    need(m["previous_hash"] == "" or isinstance(m["previous_hash"], str) and bool(_HEX64.fullmatch(
        m["previous_hash"])), "previous_hash")
    reg = m["region"]
    need(isinstance(reg, dict) and set(reg) == {"id", "name"} and _text(reg["id"], 64) and _text(reg["name"], 200),
         "data wilayah")
    counts = m["counts"]
    need(isinstance(counts, dict) and set(counts) == {"versions", "attachments"} and _is_int(counts["attachments"])
         and isinstance(counts["versions"], dict) and all(
             _ENTITY.fullmatch(k) and _is_int(n) and n > 0 for k, n in counts["versions"].items()), "jumlah data")
    entries = m["entries"]
    need(isinstance(entries, dict) and all(_outer_name(k) and k not in (MANIFEST, SIGNATURE) and isinstance(h, str)
                                           and _HEX64.fullmatch(h) for k, h in entries.items()), "daftar entri")
    enc = m["encryption"]
    need(enc is None or isinstance(enc, dict) and set(enc) == {"scheme", "recipient_fingerprint", "ephemeral_key"}
         and _text(enc["recipient_fingerprint"]) and _is_key(enc["ephemeral_key"]), "data enkripsi")
    if enc is not None and enc["scheme"] != keys.ENCRYPTION_SCHEME:
        raise BundleError(f"Bundel ini memakai enkripsi '{enc['scheme']}' yang tidak dikenal aplikasi ini; "
                          "perbarui Kota Cerdas Desktop.")
    return m


def _media_ok(media: dict) -> bool:
    return all(_text(t, 80) for t in media.values())


def _is_int(x: object) -> bool:
    return isinstance(x, int) and not isinstance(x, bool)


def _text(x: object, limit: int = 100) -> bool:
    return isinstance(x, str) and 0 < len(x) <= limit and x.isprintable()


def _is_key(x: object) -> bool:
    try:
        return isinstance(x, str) and len(keys.b64decode(x)) == keys.KEY_BYTES
    except ValueError:
        return False


# --- strict JSON --------------------------------------------------------------------------

class _Refused(Exception):
    pass


def _no_duplicates(pairs: list) -> dict:
    out = {}
    for key, value in pairs:
        if key in out:
            raise _Refused(f"kunci ganda '{key}'")
        out[key] = value
    return out


def _no_constants(name: str):
    raise _Refused(f"nilai {name} tidak diizinkan")


def strict_json(raw: bytes, what: str) -> object:
    """Parse UTF-8 JSON refusing NaN/Infinity, duplicate keys, lone surrogates and any decoding error."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise BundleError(f"{what} bukan teks UTF-8 yang sah; bundel ditolak.") from None
    try:
        value = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constants)
        json.dumps(value, ensure_ascii=False).encode("utf-8")  # lone surrogates cannot be stored
    except _Refused as exc:
        raise BundleError(f"{what} bukan JSON yang sah ({exc}); bundel ditolak.") from None
    except (ValueError, RecursionError) as exc:
        raise BundleError(f"{what} bukan JSON yang sah ({type(exc).__name__}); bundel ditolak.") from None
    return value


# --- the ZIP container ------------------------------------------------------------------------

def _outer_name(name: str) -> bool:
    return name in (MANIFEST, SIGNATURE, ENCRYPTED) or _payload_name(name)


def _payload_name(name: str) -> bool:
    return name in _PAYLOAD_NAMES or bool(_ATTACHMENT.fullmatch(name))


@contextmanager
def _decoding():
    try:
        yield
    except _DECODE_ERRORS as exc:
        raise BundleError(CORRUPT) from exc


def _name_problem(name: str) -> str | None:
    if "\\" in name:
        return "memakai garis miring terbalik"
    if name.startswith("/") or re.match(r"[A-Za-z]:", name):
        return "jalur absolut"
    if ".." in name.split("/"):
        return "mengandung '..' (keluar dari folder)"
    if "\x00" in name or not name.isprintable():
        return "mengandung karakter kendali"
    return None


def _open_zip(data: bytes, allowed: Callable[[str], bool]) -> tuple[zipfile.ZipFile, dict[str, zipfile.ZipInfo]]:
    """Open a ZIP held in memory and check every entry's metadata before reading any of them."""
    zf = zipfile.ZipFile(io.BytesIO(data))
    infos = zf.infolist()
    if len(infos) > MAX_ENTRIES:
        raise BundleError(f"Bundel berisi terlalu banyak entri ({len(infos)}; batas {MAX_ENTRIES}).")
    by_name: dict[str, zipfile.ZipInfo] = {}
    total = 0
    for info in infos:
        name = info.filename
        problem = _name_problem(info.orig_filename) or _name_problem(name)
        if problem:
            raise BundleError(f"Bundel berisi entri dengan nama berbahaya '{name!r}' ({problem}); bundel ditolak.")
        mode = info.external_attr >> 16
        if stat.S_ISLNK(mode):
            raise BundleError(f"Bundel berisi tautan (symlink) '{name}'; bundel ditolak.")
        if info.is_dir() or (stat.S_IFMT(mode) and not stat.S_ISREG(mode)):
            raise BundleError(f"Bundel berisi '{name}' yang bukan berkas biasa; bundel ditolak.")
        if not allowed(name):
            raise BundleError(f"Bundel berisi entri yang tidak dikenal '{name}'; bundel ditolak.")
        if name in by_name:
            raise BundleError(f"Bundel berisi entri ganda '{name}'; bundel ditolak.")
        if info.flag_bits & 0x1 or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise BundleError(f"Entri '{name}' memakai sandi atau pemadatan ZIP yang tidak didukung; bundel ditolak.")
        if info.file_size > MAX_ENTRY_BYTES:
            raise BundleError(f"Entri '{name}' terlalu besar setelah dibuka ({_size(info.file_size)}; batas "
                              f"{_size(MAX_ENTRY_BYTES)}); bundel ditolak.")
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise BundleError(f"Entri '{name}' mencurigakan (bom ZIP): {_size(info.compress_size)} membesar menjadi "
                              f"{_size(info.file_size)}, melebihi rasio {MAX_RATIO}:1; bundel ditolak.")
        total += info.file_size
        by_name[name] = info
    if total > MAX_TOTAL_BYTES:
        raise BundleError(f"Isi bundel terlalu besar setelah dibuka ({_size(total)}; batas {_size(MAX_TOTAL_BYTES)}).")
    return zf, by_name


def _read_entry(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """Read one entry into memory, never past its declared size (checked against the limits)."""
    out = bytearray()
    with zf.open(info) as fh:
        while chunk := fh.read(1 << 20):
            out += chunk
            if len(out) > info.file_size:
                raise BundleError(f"Entri '{info.filename}' lebih besar dari yang dinyatakan; bundel ditolak.")
    if len(out) != info.file_size:
        raise BundleError(CORRUPT)
    return bytes(out)


def _size(n: int) -> str:
    return f"{n / 1024 ** 2:.1f} MiB" if n >= 1024 ** 2 else f"{n} bita"
