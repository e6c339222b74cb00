"""The .kcbundle format: what a bundle holds, and that it reads back exactly as written."""
from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from kotacerdas_desktop import __version__
from kotacerdas_desktop.storage.history import version_id
from kotacerdas_desktop.storage.migrations import SCHEMA_VERSION
from kotacerdas_desktop.sync import keys
from kotacerdas_desktop.sync.bundle import (FORMAT_VERSION, BundleContents, BundleError, read_bundle,
                                            write_bundle)

DEVICE = keys.DeviceKey.generate("Laptop Fasilitator 3")
OFFICE = keys.DeviceKey.generate("Diskominfo Kota")
TRUST = {DEVICE.device_id: DEVICE.trusted()}
STROKES = json.dumps({"strokes": [[[0, 0], [5, 7], [9, 3]]]}).encode()
LOGO = bytes(range(256)) * 8
PEOPLE = ("Budi Santoso", "Siti Aminah")


def version(record: str, payload: dict, parents=(), deleted=False, entity="person", wall=1_736_000_000_000):
    fields = dict(entity=entity, record_id=record, parents=sorted(parents), device_id=DEVICE.device_id,
                  hlc=f"{wall:013d}.00000.{DEVICE.device_id}", deleted=deleted, payload=payload)
    return {"version_id": version_id(**fields), **fields}


def sample() -> BundleContents:
    v1 = version("a" * 32, {"name": PEOPLE[0], "nip": "198001012005011001", "score": 1.5})
    v2 = version("a" * 32, {"name": PEOPLE[0] + ", S.T.", "nip": "198001012005011001", "score": 1.5},
                 parents=[v1["version_id"]], wall=1_736_000_000_500)
    v3 = version("b" * 32, {"name": PEOPLE[1], "catatan": "Ñandú ✓ 日本"})
    v4 = version("c" * 32, {"person_id": "a" * 32, "strokes_sha256": hashlib.sha256(STROKES).hexdigest()},
                 entity="attendance")
    v5 = version("b" * 32, {}, parents=[v3["version_id"]], deleted=True, wall=1_736_000_001_000)
    attachments = {hashlib.sha256(d).hexdigest(): d for d in (STROKES, LOGO)}
    return BundleContents([v1, v2, v3, v4, v5], attachments, "f" * 32, "Kota Contoh",
                          media_types={hashlib.sha256(STROKES).hexdigest(): "application/json"})


def test_plain_round_trip_and_layout():
    contents = sample()
    written = write_bundle(contents, DEVICE, sequence=7, previous_hash="0" * 64)
    got = read_bundle(written.data, TRUST)
    assert got.versions == contents.versions
    assert got.attachments == contents.attachments
    assert got.media_types[hashlib.sha256(LOGO).hexdigest()] == "application/octet-stream"
    assert got.media_types[hashlib.sha256(STROKES).hexdigest()] == "application/json"
    assert (got.sequence, got.previous_hash, got.region_id, got.region_name) == (7, "0" * 64, "f" * 32, "Kota Contoh")
    assert (got.device_id, got.device_name, got.signer_fingerprint) == (DEVICE.device_id, DEVICE.device_name,
                                                                        DEVICE.fingerprint)
    assert got.signer_trusted and not got.encrypted and got.recipient_fingerprint is None
    assert got.counts == {"person": 4, "attendance": 1}
    assert (got.format_version, got.schema_version, got.app_version) == (FORMAT_VERSION, SCHEMA_VERSION, __version__)
    assert got.bundle_id == written.bundle_id and re.fullmatch(r"[0-9a-f]{32}", got.bundle_id)

    zf = zipfile.ZipFile(io.BytesIO(written.data))
    names = zf.namelist()
    assert names[:2] == ["manifest.json", "manifest.sig"]
    assert set(names[2:]) == {"versions.jsonl", "attachments.json"} | {f"attachments/{s}" for s in contents.attachments}
    manifest_bytes = zf.read("manifest.json")
    assert hashlib.sha256(manifest_bytes).hexdigest() == got.bundle_hash == written.bundle_hash
    assert keys.verify_signature(DEVICE.public_key, zf.read("manifest.sig"), manifest_bytes)
    manifest = json.loads(manifest_bytes)
    assert manifest["entries"] == {n: hashlib.sha256(zf.read(n)).hexdigest() for n in names[2:]}
    assert manifest["counts"] == {"versions": {"attendance": 1, "person": 4}, "attachments": 2}
    lines = zf.read("versions.jsonl").decode().splitlines()
    assert [json.loads(line)["version_id"] for line in lines] == [v["version_id"] for v in contents.versions]
    assert all(line == json.dumps(json.loads(line), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
               for line in lines)


def test_sequence_chain_uses_the_manifest_hash():
    first = write_bundle(sample(), DEVICE, 1)
    second = write_bundle(sample(), DEVICE, 2, previous_hash=first.bundle_hash)
    assert read_bundle(second.data, TRUST).previous_hash == read_bundle(first.data, TRUST).bundle_hash
    assert first.bundle_id != second.bundle_id


def test_empty_bundle_round_trips():
    got = read_bundle(write_bundle(BundleContents([], {}, "r1", "Kab. Kosong"), DEVICE, 1).data, TRUST)
    assert (got.versions, got.attachments, got.counts) == ([], {}, {})


def test_encrypted_round_trip_hides_the_payload():
    contents = sample()
    written = write_bundle(contents, DEVICE, 3, encrypt_to=OFFICE.encryption_public_key)
    got = read_bundle(written.data, TRUST, private_key_for_decryption=OFFICE)
    assert got.versions == contents.versions and got.attachments == contents.attachments
    assert got.encrypted and got.recipient_fingerprint == keys.fingerprint(OFFICE.encryption_public_key)

    zf = zipfile.ZipFile(io.BytesIO(written.data))
    assert zf.namelist() == ["manifest.json", "manifest.sig", "payload.enc"]
    manifest = json.loads(zf.read("manifest.json"))
    assert manifest["encryption"]["recipient_fingerprint"] == got.recipient_fingerprint
    assert manifest["entries"] == {"payload.enc": hashlib.sha256(zf.read("payload.enc")).hexdigest()}
    for secret in (*PEOPLE, "198001012005011001", "strokes"):
        assert secret.encode() not in written.data
    assert LOGO[:64] not in written.data


def test_encrypted_bundle_needs_the_right_key():
    data = write_bundle(sample(), DEVICE, 1, encrypt_to=OFFICE.encryption_public_key).data
    with pytest.raises(BundleError, match="hanya dapat dibuka dengan kunci penerima"):
        read_bundle(data, TRUST)
    stranger = keys.DeviceKey.generate("Laptop lain")
    with pytest.raises(BundleError, match="terenkripsi untuk penerima lain") as info:
        read_bundle(data, TRUST, private_key_for_decryption=stranger)
    assert keys.fingerprint(OFFICE.encryption_public_key) in str(info.value)


def test_trust_lookup_and_unknown_signers():
    data = write_bundle(sample(), DEVICE, 1).data
    assert read_bundle(data, lambda device_id: TRUST.get(device_id)).signer_trusted
    with pytest.raises(BundleError, match="belum terdaftar"):
        read_bundle(data, lambda device_id: None)
    accepted = read_bundle(data, {}, accept_unknown=True)
    assert not accepted.signer_trusted and accepted.signer_fingerprint == DEVICE.fingerprint


def test_newer_schema_is_refused_with_a_clear_message():
    contents = sample()
    contents.schema_version = SCHEMA_VERSION + 1
    data = write_bundle(contents, DEVICE, 1).data
    with pytest.raises(BundleError, match="dibuat oleh versi aplikasi yang lebih baru"):
        read_bundle(data, TRUST)
    assert read_bundle(data, TRUST, max_schema_version=SCHEMA_VERSION + 1).schema_version == SCHEMA_VERSION + 1


def test_writer_refuses_inconsistent_input():
    contents = sample()
    contents.versions[2] = {**contents.versions[2], "payload": {"name": "diubah"}}
    with pytest.raises(BundleError, match="tidak cocok dengan ID-nya.*ekspor dibatalkan"):
        write_bundle(contents, DEVICE, 1)
    contents = sample()
    contents.attachments["0" * 64] = b"x"
    with pytest.raises(BundleError, match="Lampiran"):
        write_bundle(contents, DEVICE, 1)
    contents = sample()
    contents.versions.append(contents.versions[0])
    with pytest.raises(BundleError, match="dua kali"):
        write_bundle(contents, DEVICE, 1)
    contents = sample()
    contents.region_name = ""
    with pytest.raises(BundleError, match="data wilayah"):
        write_bundle(contents, DEVICE, 1)
    contents = sample()
    contents.media_types = {sha: "x" * 81 for sha in contents.attachments}
    with pytest.raises(BundleError, match="Jenis berkas lampiran"):
        write_bundle(contents, DEVICE, 1)
    with pytest.raises(ValueError):
        write_bundle(sample(), DEVICE, 0)
    with pytest.raises(ValueError):
        write_bundle(sample(), DEVICE, 1, previous_hash="abc")


_json_leaf = st.none() | st.booleans() | st.integers(-2 ** 63, 2 ** 63) | st.floats(allow_nan=False,
                                                                                   allow_infinity=False) | st.text()


def _containers(inner):
    return st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)


_json = st.recursive(_json_leaf, _containers, max_leaves=12)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(payloads=st.lists(st.dictionaries(st.text(max_size=10), _json, max_size=5), max_size=4),
       blobs=st.lists(st.binary(max_size=300), max_size=3), encrypt=st.booleans())
def test_any_content_round_trips_exactly(payloads, blobs, encrypt):
    versions = [version(f"{i:032x}", p, wall=1_736_000_000_000 + i) for i, p in enumerate(payloads)]
    attachments = {hashlib.sha256(b).hexdigest(): b for b in blobs}
    contents = BundleContents(versions, attachments, "r", "Wilayah ✓")
    data = write_bundle(contents, DEVICE, 1, encrypt_to=OFFICE.encryption_public_key if encrypt else None).data
    got = read_bundle(data, TRUST, private_key_for_decryption=OFFICE)
    assert got.versions == versions and got.attachments == attachments
