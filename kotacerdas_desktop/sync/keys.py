"""Device keys: who signed a bundle, and the key a bundle can be encrypted to.

Each installation has one key file holding two private keys: an Ed25519 key
that signs every bundle it writes, and an X25519 key that bundles can be
encrypted to (only the Diskominfo office's is used as a recipient, but every
installation has one so that any of them can become the office). The public
halves travel as a small text file (`public_key_file_bytes`) that is
self-signed, so comparing the short fingerprint of the signing key aloud
authenticates the whole file, encryption key included.

Plain Python over bytes: no Qt, no database.
"""
from __future__ import annotations

import base64
import binascii
import hashlib
import os
import re
import uuid
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature, InvalidTag, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from ..domain.errors import UserError

KEY_BYTES = 32
SIGNATURE_BYTES = 64
ENCRYPTION_SCHEME = "X25519-HKDF-SHA256-AES256GCM"
FINGERPRINT_GROUPS = 5  # 5 x 4 hex digits = 80 bits: short to read aloud, infeasible to forge
PUBLIC_FILE_TITLE = "Kota Cerdas Desktop: kunci publik perangkat"
PRIVATE_FILE_TITLE = "Kota Cerdas Desktop: kunci perangkat. RAHASIA: jangan disalin atau dibagikan."
MAX_KEY_FILE_BYTES = 16 * 1024
_DEVICE_ID = re.compile(r"[0-9a-f]{32}")
_PEM_BLOCK = re.compile(rb"-----BEGIN PRIVATE KEY-----\r?\n[A-Za-z0-9+/=\r\n]+-----END PRIVATE KEY-----")
_HKDF_INFO = b"kotacerdas-bundle-v1"
_PUBLIC_FIELDS = ("format", "device_id", "device_name", "signing_key", "encryption_key", "fingerprint",
                  "signature")


class KeyFileError(UserError):
    """A key file cannot be used; the message says why in plain Indonesian."""


def fingerprint(public_key: bytes) -> str:
    """A short text to compare aloud, e.g. 'AB12-CD34-EF56-7890-1A2B' (SHA-256 of the raw key)."""
    digest = hashlib.sha256(bytes(public_key)).hexdigest().upper()
    return "-".join(digest[i:i + 4] for i in range(0, 4 * FINGERPRINT_GROUPS, 4))


# Ed25519 points of small order (y coordinates): a public key there "verifies" forged
# signatures for any message, so such keys are refused outright.
_P = 2 ** 255 - 19
_Y_ORDER_8 = 2707385501144840649318225287225658788936804267575313519463743609750303402022
_SMALL_ORDER_Y = frozenset({0, 1, _P - 1, _Y_ORDER_8, _P - _Y_ORDER_8})


def is_weak_public_key(public_key: bytes) -> bool:
    """True for an Ed25519 key of small order (also in its non-canonical encodings)."""
    y = int.from_bytes(bytes(public_key), "little") & (2 ** 255 - 1)
    return len(public_key) != KEY_BYTES or y % _P in _SMALL_ORDER_Y


def verify_signature(public_key: bytes, signature: bytes, data: bytes) -> bool:
    """True when `signature` is a valid Ed25519 signature of `data` by the raw `public_key`."""
    if len(signature) != SIGNATURE_BYTES or is_weak_public_key(public_key):
        return False
    try:
        Ed25519PublicKey.from_public_bytes(bytes(public_key)).verify(bytes(signature), bytes(data))
    except (InvalidSignature, ValueError):
        return False
    return True


def check_device_name(name: str) -> str:
    name = " ".join(str(name).split())
    if not name or len(name) > 120 or not name.isprintable():
        raise KeyFileError("Nama perangkat harus diisi (satu baris, paling banyak 120 huruf).")
    return name


@dataclass(frozen=True)
class TrustedKey:
    """The public half of a device: what the office enrols and looks signers up by."""
    device_id: str
    device_name: str
    public_key: bytes                    # raw Ed25519, 32 bytes
    encryption_key: bytes | None = None  # raw X25519, 32 bytes

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)

    @property
    def encryption_fingerprint(self) -> str | None:
        return fingerprint(self.encryption_key) if self.encryption_key else None


@dataclass(frozen=True)
class DeviceKey:
    device_id: str
    device_name: str
    signing_key: Ed25519PrivateKey
    encryption_key: X25519PrivateKey

    @classmethod
    def generate(cls, device_name: str, device_id: str | None = None) -> "DeviceKey":
        device_id = device_id or uuid.uuid4().hex
        if not _DEVICE_ID.fullmatch(device_id):
            raise ValueError(f"device id must be 32 lowercase hex digits, got {device_id!r}")
        return cls(device_id, check_device_name(device_name), Ed25519PrivateKey.generate(),
                   X25519PrivateKey.generate())

    @property
    def public_key(self) -> bytes:
        return self.signing_key.public_key().public_bytes_raw()

    @property
    def encryption_public_key(self) -> bytes:
        return self.encryption_key.public_key().public_bytes_raw()

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)

    def trusted(self) -> TrustedKey:
        return TrustedKey(self.device_id, self.device_name, self.public_key, self.encryption_public_key)

    def sign(self, data: bytes) -> bytes:
        return self.signing_key.sign(bytes(data))

    # --- the private key file --------------------------------------------------

    def private_file_bytes(self) -> bytes:
        pems = [k.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
                for k in (self.signing_key, self.encryption_key)]
        head = f"{PRIVATE_FILE_TITLE}\ndevice_id: {self.device_id}\ndevice_name: {self.device_name}\n"
        return head.encode("utf-8") + b"".join(pems)

    def save(self, path: Path) -> None:
        """Write the key file readable by this user only; never replaces an existing key.

        POSIX: created with mode 0600 (and chmod'ed again in case of a umask or
        an odd filesystem). Windows has no such mode bits: the file lives in the
        per-user data folder (%LOCALAPPDATA%), whose ACL already limits it to the
        user, so the plain write below is the protection there.
        """
        path = Path(path)
        if path.exists():
            raise KeyFileError(f"Berkas kunci '{path}' sudah ada; kunci lama tidak ditimpa.")
        tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
            try:
                if os.name != "nt":
                    os.fchmod(fd, 0o600)
                os.write(fd, self.private_file_bytes())
                os.fsync(fd)
            finally:
                os.close(fd)
            os.replace(tmp, path)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise KeyFileError(f"Berkas kunci '{path}' tidak dapat ditulis: {exc.strerror or exc}.") from exc

    @classmethod
    def load(cls, path: Path) -> "DeviceKey":
        path = Path(path)
        try:
            if os.name != "nt" and path.stat().st_mode & 0o077:
                os.chmod(path, 0o600)  # a copied data folder may have widened it: tighten again
            with open(path, "rb") as fh:
                data = fh.read(MAX_KEY_FILE_BYTES + 1)
        except OSError as exc:
            raise KeyFileError(f"Berkas kunci '{path}' tidak dapat dibaca: {exc.strerror or exc}.") from exc
        return cls.from_private_file_bytes(data, str(path))

    @classmethod
    def from_private_file_bytes(cls, data: bytes, where: str = "berkas kunci") -> "DeviceKey":
        bad = KeyFileError(f"{where} bukan berkas kunci perangkat Kota Cerdas yang utuh.")
        if len(data) > MAX_KEY_FILE_BYTES:
            raise bad
        try:
            head = data[: data.index(b"-----BEGIN")].decode("utf-8")
            fields = _parse_fields(head.splitlines()[1:], ("device_id", "device_name"))
            keys = [serialization.load_pem_private_key(m.group(0), password=None)
                    for m in _PEM_BLOCK.finditer(data)]
        except (ValueError, TypeError, UnsupportedAlgorithm) as exc:
            raise bad from exc
        signing = [k for k in keys if isinstance(k, Ed25519PrivateKey)]
        encryption = [k for k in keys if isinstance(k, X25519PrivateKey)]
        if len(keys) != 2 or len(signing) != 1 or len(encryption) != 1 \
                or not _DEVICE_ID.fullmatch(fields["device_id"]):
            raise bad
        return cls(fields["device_id"], check_device_name(fields["device_name"]), signing[0], encryption[0])

    # --- the public key file (carried on the stick for enrolment) ---------------------

    def public_key_file_bytes(self) -> bytes:
        values = {"format": "1", "device_id": self.device_id, "device_name": self.device_name,
                  "signing_key": b64encode(self.public_key), "encryption_key": b64encode(self.encryption_public_key),
                  "fingerprint": self.fingerprint}
        values["signature"] = b64encode(self.sign(_public_body(values)))
        lines = [PUBLIC_FILE_TITLE] + [f"{k}: {values[k]}" for k in _PUBLIC_FIELDS]
        return ("\n".join(lines) + "\n").encode("utf-8")


def parse_public_key_file(data: bytes) -> TrustedKey:
    """Read a file made by `public_key_file_bytes`; refuse anything altered or malformed."""
    bad = "Berkas kunci publik ini rusak atau bukan buatan Kota Cerdas Desktop"
    if len(data) > MAX_KEY_FILE_BYTES:
        raise KeyFileError(f"{bad} (terlalu besar).")
    try:
        lines = data.decode("utf-8").splitlines()
        if not lines or lines[0].strip() != PUBLIC_FILE_TITLE:
            raise ValueError("title")
        values = _parse_fields(lines[1:], _PUBLIC_FIELDS)
        if values["format"] != "1":
            raise KeyFileError("Berkas kunci publik ini dibuat oleh versi aplikasi yang lebih baru; "
                               "perbarui Kota Cerdas Desktop.")
        public, enc, sig = (b64decode(values[k]) for k in ("signing_key", "encryption_key", "signature"))
    except (ValueError, binascii.Error) as exc:
        raise KeyFileError(f"{bad}.") from exc
    if len(public) != KEY_BYTES or len(enc) != KEY_BYTES or not _DEVICE_ID.fullmatch(values["device_id"]):
        raise KeyFileError(f"{bad} (kunci tidak lengkap).")
    if values["fingerprint"] != fingerprint(public) or not verify_signature(public, sig, _public_body(values)):
        raise KeyFileError(f"{bad}: isinya telah diubah (tanda tangan atau sidik jari tidak cocok).")
    return TrustedKey(values["device_id"], check_device_name(values["device_name"]), public, enc)


# --- encryption of a bundle payload to a recipient's X25519 key ------------------------

def _aead_key(shared: bytes, ephemeral: bytes, recipient: bytes) -> AESGCM:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=ephemeral + recipient,
               info=_HKDF_INFO).derive(shared)
    return AESGCM(key)


def seal(recipient_public_key: bytes, plaintext: bytes, context: bytes) -> tuple[bytes, bytes]:
    """Encrypt with a fresh ephemeral X25519 key; returns (ephemeral public key, nonce + ciphertext).

    `context` is bound as associated data (the bundle id and entry name), so a
    sealed payload cannot be moved into another bundle.
    """
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = ephemeral.public_key().public_bytes_raw()
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(bytes(recipient_public_key)))
    nonce = os.urandom(12)
    sealed = _aead_key(shared, ephemeral_public, bytes(recipient_public_key)).encrypt(nonce, plaintext, context)
    return ephemeral_public, nonce + sealed


def open_sealed(key: DeviceKey, ephemeral_public_key: bytes, sealed: bytes, context: bytes) -> bytes:
    """Decrypt what `seal` made for `key`; raises KeyFileError when it cannot be opened."""
    try:
        shared = key.encryption_key.exchange(X25519PublicKey.from_public_bytes(bytes(ephemeral_public_key)))
        aead = _aead_key(shared, bytes(ephemeral_public_key), key.encryption_public_key)
        return aead.decrypt(sealed[:12], sealed[12:], context)
    except (InvalidTag, ValueError, OverflowError) as exc:
        raise KeyFileError("Muatan terenkripsi tidak dapat dibuka: kunci penerima salah atau data rusak.") from exc


# --- helpers -------------------------------------------------------------------------

def b64encode(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def b64decode(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def _public_body(values: dict) -> bytes:
    """What the public key file's signature covers: every field but the signature, in order."""
    return "\n".join(f"{k}={values[k]}" for k in _PUBLIC_FIELDS if k != "signature").encode("utf-8")


def _parse_fields(lines: list[str], expected: tuple[str, ...]) -> dict[str, str]:
    """'key: value' lines; exactly the expected keys, once each, no others."""
    values: dict[str, str] = {}
    for line in lines:
        if not line.strip():
            continue
        key, sep, value = line.partition(":")
        key = key.strip()
        if not sep or key not in expected or key in values:
            raise ValueError(f"unexpected line {line!r}")
        values[key] = value.strip()
    if set(values) != set(expected):
        raise ValueError("missing fields")
    return values
