"""Device keys: fingerprints, signatures, the private key file, the public key file, sealing."""
from __future__ import annotations

import os
import re
import stat

import pytest

from kotacerdas_desktop.sync import keys
from kotacerdas_desktop.sync.keys import DeviceKey, KeyFileError, parse_public_key_file

KEY = DeviceKey.generate("Laptop Fasilitator 2")
OTHER = DeviceKey.generate("Laptop Fasilitator 9")


def test_fingerprint_is_short_stable_and_distinct():
    fp = KEY.fingerprint
    assert re.fullmatch(r"[0-9A-F]{4}(-[0-9A-F]{4}){4}", fp)
    assert fp == keys.fingerprint(KEY.public_key) == KEY.trusted().fingerprint
    assert fp != OTHER.fingerprint
    assert keys.fingerprint(bytes(32)) == "6668-7AAD-F862-BD77-6C8F"  # SHA-256 of 32 zero bytes


def test_generate_checks_its_input():
    assert re.fullmatch(r"[0-9a-f]{32}", KEY.device_id)
    assert DeviceKey.generate("  Laptop   Aula  ", "0" * 32).device_name == "Laptop Aula"
    with pytest.raises(ValueError):
        DeviceKey.generate("x", "not-a-uuid")
    for name in ("", "   ", "a" * 121, "nama\x00"):
        with pytest.raises(KeyFileError, match="Nama perangkat"):
            DeviceKey.generate(name)


def test_sign_and_verify():
    sig = KEY.sign(b"manifest")
    assert keys.verify_signature(KEY.public_key, sig, b"manifest")
    assert not keys.verify_signature(KEY.public_key, sig, b"manifesT")
    assert not keys.verify_signature(OTHER.public_key, sig, b"manifest")
    assert not keys.verify_signature(KEY.public_key, sig[:-1], b"manifest")
    assert not keys.verify_signature(KEY.public_key[:31], sig, b"manifest")


def _encodings(y: int) -> list[bytes]:
    return [(y | sign << 255).to_bytes(32, "little") for sign in (0, 1)]


SMALL_ORDER_Y = (0, 1, keys._P - 1, keys._Y_ORDER_8, keys._P - keys._Y_ORDER_8, keys._P, keys._P + 1)


@pytest.mark.parametrize("y", SMALL_ORDER_Y)
def test_small_order_keys_are_refused(y):
    """Such a key accepts the forged signature (R = the key itself, S = 0) for many messages;
    the raw library shows it, our check refuses the key whatever the message."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    for weak in _encodings(y):
        assert keys.is_weak_public_key(weak)
        forged = weak + bytes(32)
        accepted_by_library = 0
        for i in range(32):
            message = f"manifest palsu {i}".encode()
            assert not keys.verify_signature(weak, forged, message)
            try:
                Ed25519PublicKey.from_public_bytes(weak).verify(forged, message)
                accepted_by_library += 1
            except (InvalidSignature, ValueError):
                pass
        if y in (0, keys._Y_ORDER_8, keys._P - keys._Y_ORDER_8):  # the library alone is fooled here
            assert accepted_by_library > 0
    assert not keys.is_weak_public_key(KEY.public_key)


def test_private_key_file_round_trip_and_mode(tmp_path):
    path = tmp_path / "keys" / "device-key.pem"
    KEY.save(path)
    loaded = DeviceKey.load(path)
    assert (loaded.device_id, loaded.device_name, loaded.fingerprint) == (KEY.device_id, KEY.device_name,
                                                                          KEY.fingerprint)
    assert loaded.encryption_public_key == KEY.encryption_public_key
    assert keys.verify_signature(KEY.public_key, loaded.sign(b"x"), b"x")
    text = path.read_text()
    assert text.startswith(keys.PRIVATE_FILE_TITLE) and text.count("BEGIN PRIVATE KEY") == 2
    assert [p.name for p in path.parent.iterdir()] == ["device-key.pem"]
    if os.name != "nt":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        os.chmod(path, 0o644)  # e.g. a data folder copied by hand
        DeviceKey.load(path)
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_an_existing_key_is_never_replaced(tmp_path):
    path = tmp_path / "device-key.pem"
    KEY.save(path)
    with pytest.raises(KeyFileError, match="sudah ada"):
        OTHER.save(path)
    assert DeviceKey.load(path).fingerprint == KEY.fingerprint


def test_broken_private_key_files(tmp_path):
    with pytest.raises(KeyFileError, match="tidak dapat dibaca"):
        DeviceKey.load(tmp_path / "missing.pem")
    good = KEY.private_file_bytes()
    first_block_end = good.index(b"-----END PRIVATE KEY-----") + 25
    for bad in (b"", b"garbage", good[:first_block_end], good.replace(b"device_id", b"device"),
                good.replace(KEY.device_id.encode(), b"xyz"), good[:-40], b"\xff" + good, good * 2,
                b"x" * (keys.MAX_KEY_FILE_BYTES + 1)):
        with pytest.raises(KeyFileError, match="bukan berkas kunci perangkat"):
            DeviceKey.from_private_file_bytes(bad)


def test_public_key_file_round_trip():
    data = KEY.public_key_file_bytes()
    text = data.decode()
    assert KEY.fingerprint in text and KEY.device_name in text and "PRIVATE" not in text
    trusted = parse_public_key_file(data)
    assert trusted == KEY.trusted()
    assert parse_public_key_file(data.replace(b"\n", b"\r\n")) == trusted


def test_public_key_file_tampering_is_detected():
    data = KEY.public_key_file_bytes()
    lines = data.decode().splitlines()
    swapped_enc = "\n".join(f"encryption_key: {keys.b64encode(OTHER.encryption_public_key)}"
                            if line.startswith("encryption_key") else line for line in lines).encode()
    other_lines = OTHER.public_key_file_bytes().decode().splitlines()
    mixed = "\n".join(lines[:4] + other_lines[4:]).encode()  # another device's keys under this name
    for bad in (data.replace(KEY.device_name.encode(), b"Laptop Kepala Dinas"), swapped_enc, mixed,
                data.replace(KEY.fingerprint.encode(), OTHER.fingerprint.encode())):
        with pytest.raises(KeyFileError, match="telah diubah"):
            parse_public_key_file(bad)
    for bad in (b"", data[:-30], b"\xff" + data, data + b"extra: 1\n", data.replace(b"format: 1\n", b""),
                b"x" * (keys.MAX_KEY_FILE_BYTES + 1), data.replace(b"signing_key: ", b"signing_key: AAAA")):
        with pytest.raises(KeyFileError, match="rusak atau bukan buatan"):
            parse_public_key_file(bad)
    with pytest.raises(KeyFileError, match="versi aplikasi yang lebih baru"):
        parse_public_key_file(data.replace(b"format: 1", b"format: 2"))


def test_seal_and_open():
    ephemeral, sealed = keys.seal(KEY.encryption_public_key, b"data pribadi", b"context")
    assert b"data pribadi" not in sealed
    assert keys.open_sealed(KEY, ephemeral, sealed, b"context") == b"data pribadi"
    for args in ((OTHER, ephemeral, sealed, b"context"), (KEY, ephemeral, sealed, b"other context"),
                 (KEY, ephemeral, sealed[:-1] + bytes([sealed[-1] ^ 1]), b"context"),
                 (KEY, bytes(32), sealed, b"context"), (KEY, ephemeral, sealed[:5], b"context")):
        with pytest.raises(KeyFileError, match="tidak dapat dibuka"):
            keys.open_sealed(*args)
    # A fresh ephemeral key every time: the same plaintext never seals the same way.
    assert keys.seal(KEY.encryption_public_key, b"x", b"c") != keys.seal(KEY.encryption_public_key, b"x", b"c")
