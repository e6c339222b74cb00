"""Hostile bundles: each is refused with a clear Indonesian message, and reading touches no file.

Most forgeries below are re-signed with a valid key after the change, so that
only the check under test can catch them.
"""
from __future__ import annotations

import builtins
import hashlib
import io
import json
import os
import random
import re
import stat
import struct
import warnings
import zipfile
import zlib

import pytest

from kotacerdas_desktop.storage.history import canonical_json, version_id
from kotacerdas_desktop.sync import bundle, keys
from kotacerdas_desktop.sync.bundle import CORRUPT, BundleContents, BundleError, read_bundle, write_bundle

DEVICE = keys.DeviceKey.generate("Laptop Fasilitator 1")
ATTACKER = keys.DeviceKey.generate("Laptop Asing")
OFFICE = keys.DeviceKey.generate("Diskominfo")
TRUST = {DEVICE.device_id: DEVICE.trusted()}
BLOB = b'{"strokes":[[1,2],[3,4]]}'
BLOB_SHA = hashlib.sha256(BLOB).hexdigest()


def _version(record: str, payload: dict) -> dict:
    fields = dict(entity="person", record_id=record, parents=[], device_id=DEVICE.device_id,
                  hlc=f"{1_736_000_000_000:013d}.00000.{DEVICE.device_id}", deleted=False, payload=payload)
    return {"version_id": version_id(**fields), **fields}


CONTENTS = BundleContents([_version("a" * 32, {"name": "Budi", "score": 1.5}), _version("b" * 32, {"name": "Ani"})],
                          {BLOB_SHA: BLOB}, "r" * 32, "Kota Uji")
VALID = write_bundle(CONTENTS, DEVICE, 1).data
VALID_ENCRYPTED = write_bundle(CONTENTS, DEVICE, 2, encrypt_to=OFFICE.encryption_public_key).data


@pytest.fixture(autouse=True)
def empty_cwd(tmp_path, monkeypatch):
    """The reader works in memory: nothing may appear in the working folder."""
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    yield
    assert os.listdir(cwd) == []


def refused(data: bytes, pattern: str, **kwargs) -> str:
    """read_bundle refuses `data` with a message matching `pattern`, without opening any file."""
    def no_files(*args, **kw):
        raise AssertionError(f"the bundle reader opened a file: {args[:1]}")
    saved = builtins.open, os.open
    builtins.open = os.open = no_files
    try:
        with pytest.raises(BundleError) as info:
            read_bundle(data, kwargs.pop("trusted", TRUST), **kwargs)
    finally:
        builtins.open, os.open = saved
    message = str(info.value)
    assert re.search(pattern, message), message
    return message


def entries(data: bytes) -> dict[str, bytes]:
    zf = zipfile.ZipFile(io.BytesIO(data))
    return {info.filename: zf.read(info) for info in zf.infolist()}


def build(items, compression=zipfile.ZIP_DEFLATED) -> bytes:
    """A ZIP of (name or ZipInfo, bytes) pairs, duplicates and odd names allowed."""
    buf = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with zipfile.ZipFile(buf, "w", compression) as zf:
            for name, data in items:
                zf.writestr(name, data)
    return buf.getvalue()


def forge(edit_entries=None, edit_manifest=None, raw_manifest=None, signer=DEVICE, source=VALID) -> bytes:
    """Change a valid bundle, fix the manifest's hash list and sign it again with `signer`."""
    parts = entries(source)
    manifest_bytes, _ = parts.pop("manifest.json"), parts.pop("manifest.sig")
    if edit_entries:
        edit_entries(parts)
    manifest = json.loads(manifest_bytes)
    manifest["entries"] = {name: hashlib.sha256(d).hexdigest() for name, d in parts.items()}
    if edit_manifest:
        edit_manifest(manifest)
    manifest_bytes = canonical_json(manifest).encode()
    if raw_manifest:
        manifest_bytes = raw_manifest(manifest_bytes)
    return build([("manifest.json", manifest_bytes), ("manifest.sig", signer.sign(manifest_bytes)), *parts.items()])


def edit_line(index: int, change):
    def edit(parts):
        lines = parts["versions.jsonl"].split(b"\n")
        lines[index] = change(lines[index])
        parts["versions.jsonl"] = b"\n".join(lines)
    return edit


def patch_central(data: bytes, name: str, field_offset: int, fmt: str, value: int) -> bytes:
    """Overwrite a field of one entry in both its local header and its central directory record."""
    out = bytearray(data)
    zf = zipfile.ZipFile(io.BytesIO(data))
    local_offsets = {"flag": 6, "usize": 22}
    central_offsets = {"flag": 8, "usize": 24}
    pos = zf.start_dir
    while out[pos:pos + 4] == b"PK\x01\x02":
        n, m, k = struct.unpack("<HHH", out[pos + 28:pos + 34])
        if out[pos + 46:pos + 46 + n].decode() == name:
            header = struct.unpack("<I", out[pos + 42:pos + 46])[0]
            struct.pack_into(fmt, out, pos + central_offsets[field_offset], value)
            struct.pack_into(fmt, out, header + local_offsets[field_offset], value)
        pos += 46 + n + m + k
    return bytes(out)


# --- the container ---------------------------------------------------------------------------

def test_empty_and_random_bytes():
    refused(b"", "kosong")
    rng = random.Random(1)
    for size in (1, 4, 22, 100, 5000):
        refused(bytes(rng.randrange(256) for _ in range(size)), re.escape(CORRUPT))
    refused(b"PK\x05\x06" + b"\0" * 18, "manifest.json")  # an empty but valid ZIP


def test_truncated_at_every_point():
    for cut in range(1, len(VALID), max(1, len(VALID) // 150)):
        refused(VALID[:cut], "bukan bundel Kota Cerdas yang utuh|terpotong|tidak memiliki")
    refused(VALID[:-1], re.escape(CORRUPT))


@pytest.mark.parametrize("source", ["plain", "encrypted"])
def test_bit_flips_are_refused_or_harmless(source):
    original = VALID if source == "plain" else VALID_ENCRYPTED
    expected = read_bundle(original, TRUST, private_key_for_decryption=OFFICE)
    rng = random.Random(20250114)
    outcomes = {"refused": 0, "harmless": 0}
    for _ in range(400):
        data = bytearray(original)
        for _ in range(rng.choice((1, 1, 2, 8))):
            data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
        try:
            got = read_bundle(bytes(data), TRUST, private_key_for_decryption=OFFICE)
        except BundleError:
            outcomes["refused"] += 1
            continue
        outcomes["harmless"] += 1
        assert (got.manifest, got.versions, got.attachments, got.bundle_hash) == (
            expected.manifest, expected.versions, expected.attachments, expected.bundle_hash)
    assert outcomes["refused"] > 300


@pytest.mark.parametrize("name, why", [
    ("../evil.txt", r"berbahaya.*'\.\.'"),
    ("attachments/../../etc/cron.d/x", r"berbahaya.*'\.\.'"),
    ("/etc/passwd", "berbahaya.*jalur absolut"),
    ("C:/Windows/evil.dll", "berbahaya.*jalur absolut"),
    ("..\\evil.txt", "berbahaya.*garis miring terbalik"),
    ("notes.txt", "entri yang tidak dikenal 'notes.txt'"),
    ("attachments/", "bukan berkas biasa"),
])
def test_dangerous_and_unexpected_names(name, why):
    refused(build([*entries(VALID).items(), (name, b"x")]), why)


def test_symlink_entry():
    link = zipfile.ZipInfo(f"attachments/{'0' * 64}")
    link.create_system = 3
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    refused(build([*entries(VALID).items(), (link, b"/etc/passwd")]), "tautan \\(symlink\\)")


def test_duplicate_entry_names():
    parts = entries(VALID)
    refused(build([*parts.items(), ("versions.jsonl", parts["versions.jsonl"])]), "entri ganda 'versions.jsonl'")


def test_decompression_bombs():
    parts = entries(VALID)
    parts["versions.jsonl"] = b"\0" * (20 * 1024 ** 2)
    refused(build(parts.items()), "bom ZIP")
    # A size header that lies: 20 MiB of zeros declared as 1000 bytes.
    liar = patch_central(build(parts.items()), "versions.jsonl", "usize", "<I", 1000)
    refused(liar, re.escape(CORRUPT))


def test_size_and_count_limits(monkeypatch):
    monkeypatch.setattr(bundle, "MAX_ENTRIES", 3)
    refused(VALID, "terlalu banyak entri")
    monkeypatch.setattr(bundle, "MAX_ENTRIES", 100)
    monkeypatch.setattr(bundle, "MAX_ENTRY_BYTES", 100)
    refused(VALID, "terlalu besar setelah dibuka")
    monkeypatch.setattr(bundle, "MAX_ENTRY_BYTES", 10 ** 6)
    monkeypatch.setattr(bundle, "MAX_TOTAL_BYTES", 500)
    refused(VALID, "Isi bundel terlalu besar")
    monkeypatch.setattr(bundle, "MAX_BUNDLE_BYTES", 100)
    refused(VALID, "Berkas bundel terlalu besar")


def test_unsupported_compression_and_zip_encryption():
    parts = entries(VALID)
    refused(build(parts.items(), zipfile.ZIP_BZIP2), "tidak didukung")
    refused(patch_central(VALID, "versions.jsonl", "flag", "<H", 0x1), "tidak didukung")


# --- strict JSON --------------------------------------------------------------------------------------

@pytest.mark.parametrize("change, why", [
    (lambda line: line.replace(b'"score":1.5', b'"score":NaN'), "NaN tidak diizinkan"),
    (lambda line: line.replace(b'"score":1.5', b'"score":-Infinity'), "-Infinity tidak diizinkan"),
    (lambda line: line.replace(b'{"deleted"', b'{"deleted":true,"deleted"'), "kunci ganda 'deleted'"),
    (lambda line: line.replace(b"Budi", b"B\xffdi"), "bukan teks UTF-8"),
    (lambda line: line.replace(b"Budi", b"\\ud800"), "bukan JSON yang sah"),
    (lambda line: line.replace(b'"score":1.5', b'"score":' + b"[" * 5000 + b"]" * 5000), "bukan JSON"),
    (lambda line: line[:-5], "bukan JSON yang sah"),
    (lambda line: b"", "bukan JSON yang sah"),
])
def test_versions_must_be_strict_json(change, why):
    refused(forge(edit_line(0, change)), why)


def test_manifest_must_be_strict_json():
    refused(forge(raw_manifest=lambda m: m.replace(b'{"app_version"', b'{"format":"x","app_version"')),
            "manifest.json.*kunci ganda 'format'")
    refused(forge(raw_manifest=lambda m: m.replace(b'"sequence":1', b'"sequence":NaN')), "NaN tidak diizinkan")
    refused(forge(raw_manifest=lambda m: b"\xef\xbb\xbf" + m), "manifest.json bukan JSON yang sah")


# --- version, format and manifest ------------------------------------------------------------------------

def test_newer_and_wrong_format_versions():
    message = refused(forge(edit_manifest=lambda m: m.update(format_version=2)),
                      "dibuat oleh versi aplikasi yang lebih baru")
    assert "Perbarui Kota Cerdas Desktop" in message
    refused(forge(edit_manifest=lambda m: m.update(format_version="1")), "versi format atau skema salah")
    refused(forge(edit_manifest=lambda m: m.update(format_version=0)), "versi format atau skema salah")
    refused(forge(edit_manifest=lambda m: m.update(format="zip")), "bukan bundel Kota Cerdas")


@pytest.mark.parametrize("edit, why", [
    (lambda m: m.pop("region"), "kolomnya tidak lengkap"),
    (lambda m: m.update(extra=1), "kolomnya tidak lengkap atau berlebih"),
    (lambda m: m.update(sequence=0), "sequence"),
    (lambda m: m.update(previous_hash="abc"), "previous_hash"),
    (lambda m: m.update(bundle_id="../x"), "bundle_id"),
    (lambda m: m["device"].update(name=""), "data perangkat"),
    (lambda m: m["counts"]["versions"].update(person=5), "tidak sama dengan manifest"),
    (lambda m: m["counts"].update(attachments=0), "tidak sama dengan manifest"),
    (lambda m: m["entries"].update({f"attachments/{'1' * 64}": "0" * 64}), "tercantum di manifest tetapi tidak ada"),
    (lambda m: m["entries"].pop("attachments.json"), "tidak tercantum di manifest"),
])
def test_manifest_fields_are_checked(edit, why):
    refused(forge(edit_manifest=edit), why)


# --- integrity and trust --------------------------------------------------------------------------------------

def test_altered_payload_with_the_old_manifest():
    parts = entries(VALID)
    parts["versions.jsonl"] = parts["versions.jsonl"].replace(b"Budi", b"Badu")
    refused(build(parts.items()), "Isi entri 'versions.jsonl' tidak cocok dengan manifest")
    parts = entries(VALID)
    parts[f"attachments/{BLOB_SHA}"] = BLOB.replace(b"1", b"9")
    refused(build(parts.items()), "tidak cocok dengan manifest: bundel telah diubah")


def test_altered_manifest_with_the_old_signature():
    parts = entries(VALID)
    parts["manifest.json"] = parts["manifest.json"].replace(b"Kota Uji", b"Kota Lain")
    refused(build(parts.items()), "Tanda tangan bundel tidak sah")


def test_unsigned_bundles():
    parts = entries(VALID)
    del parts["manifest.sig"]
    refused(build(parts.items()), "tidak bertanda tangan")
    refused(build({**entries(VALID), "manifest.sig": b""}.items()), "Tanda tangan bundel tidak sah")


def test_unknown_signer_and_impersonation():
    def as_attacker(m, device_id=ATTACKER.device_id):
        m["device"].update(id=device_id, public_key=keys.b64encode(ATTACKER.public_key))
    message = refused(forge(edit_manifest=as_attacker, signer=ATTACKER), "Pengirim bundel belum terdaftar")
    assert ATTACKER.fingerprint in message
    refused(forge(edit_manifest=lambda m: as_attacker(m, DEVICE.device_id), signer=ATTACKER),
            "berbeda dari kunci yang terdaftar")
    refused(forge(signer=ATTACKER), "Tanda tangan bundel tidak sah")  # claims DEVICE's key, signed by another
    refused(VALID, "belum terdaftar", trusted=lambda device_id: None)


def test_version_whose_content_does_not_match_its_id():
    refused(forge(edit_line(0, lambda line: line.replace(b"Budi", b"Badu"))), "Peringatan pemalsuan.*tidak cocok dengan ID")


@pytest.mark.parametrize("change, why", [
    (lambda v: v.update(deleted="no"), "deleted atau payload salah jenis"),
    (lambda v: v.update(hlc="kemarin"), r"jam \(hlc\)"),
    (lambda v: v.update(parents=["x"]), "parents salah bentuk"),
    (lambda v: v.pop("payload"), "kolomnya tidak lengkap"),
    (lambda v: v.update(entity="../person"), "entity salah bentuk"),
])
def test_malformed_versions(change, why):
    def edit(line):
        v = json.loads(line)
        change(v)
        return canonical_json(v).encode()
    refused(forge(edit_line(1, edit)), f"Versi ke-2 di versions.jsonl tidak sah: .*{why}")


def test_versions_file_without_final_newline_and_duplicates():
    refused(forge(lambda p: p.update({"versions.jsonl": p["versions.jsonl"].rstrip(b"\n")})), "terpotong")
    refused(forge(lambda p: p.update({"versions.jsonl": p["versions.jsonl"] * 2}),
                  edit_manifest=lambda m: m["counts"]["versions"].update(person=4)), "tercantum dua kali")


def test_attachment_whose_name_is_not_its_hash():
    other = "e" * 64

    def rename(parts):
        parts[f"attachments/{other}"] = parts.pop(f"attachments/{BLOB_SHA}")
        parts["attachments.json"] = canonical_json({other: "application/octet-stream"}).encode()
    refused(forge(rename), "Peringatan pemalsuan: lampiran eeeeeeeeeeee")
    refused(forge(lambda p: p.update({"attachments.json": b"{}"})), "attachments.json tidak sesuai")


# --- encrypted bundles -----------------------------------------------------------------------------------------

def test_encrypted_payload_altered():
    parts = entries(VALID_ENCRYPTED)
    parts["payload.enc"] = parts["payload.enc"][:-1] + bytes([parts["payload.enc"][-1] ^ 1])
    refused(build(parts.items()), "Isi entri 'payload.enc' tidak cocok dengan manifest",
            private_key_for_decryption=OFFICE)
    flip = forge(lambda p: p.update({"payload.enc": parts["payload.enc"]}), source=VALID_ENCRYPTED)
    refused(flip, "Muatan terenkripsi tidak dapat dibuka", private_key_for_decryption=OFFICE)
    refused(forge(edit_manifest=lambda m: m.update(encryption=None), source=VALID_ENCRYPTED), "tidak sesuai")
    refused(forge(lambda p: p.update({"payload.enc": b"x"})), "tidak sesuai")


def test_hostile_payload_inside_a_valid_encryption():
    def reseal(parts, inner):
        manifest = json.loads(entries(VALID_ENCRYPTED)["manifest.json"])
        ephemeral, sealed = keys.seal(OFFICE.encryption_public_key, inner, bundle._aad(manifest["bundle_id"]))
        parts["payload.enc"] = sealed
        return ephemeral

    for inner, why in [(build([("../x", b"1")]), "berbahaya"),
                       (build([("versions.jsonl", b"\0" * (20 * 1024 ** 2))]), "bom ZIP"),
                       (zlib.compress(b"not a zip"), re.escape(CORRUPT)),
                       (build([("attachments.json", b"{}")]), "tidak memiliki versions.jsonl")]:
        state = {}
        data = forge(lambda p: state.update(eph=reseal(p, inner)),
                     edit_manifest=lambda m: m["encryption"].update(ephemeral_key=keys.b64encode(state["eph"])),
                     source=VALID_ENCRYPTED)
        refused(data, why, private_key_for_decryption=OFFICE)
