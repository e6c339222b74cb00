"""USB sync use cases: this laptop's key, trusted devices, exporting and importing bundles.

The bundle format and its checks are in `sync/bundle.py`, merging in `sync/merge.py`,
applying to the database in `storage/sync_apply.py`; this service ties them to the
data folder and keeps the local log (which bundles went where, which came from whom).
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import select

from ..domain.errors import UserError
from ..storage.database import connect
from ..storage.models import DeliveredVersion, SyncLog, TrustedDevice
from ..storage.store import Store


RECEIPT_FORMAT = "kotacerdas-receipt"
RECEIPT_MAX_BYTES = 64 * 1024 * 1024


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class DeviceView:
    device_id: str
    name: str
    fingerprint: str
    key_file: str


@dataclass(frozen=True)
class TrustedView:
    device_id: str
    name: str
    fingerprint: str
    role: str
    enrolled_at: str
    revoked: bool


@dataclass(frozen=True)
class ExportResult:
    path: Path
    bundle_id: str
    versions: int
    attachments: int
    encrypted: bool
    sequence: int


@dataclass(frozen=True)
class ImportReport:
    file_name: str
    bundle_id: str
    device_name: str
    signer_fingerprint: str
    region_name: str
    already_imported_at: str  # "" when new
    applied: bool
    summary: dict  # entity -> {new, updated, deleted, unchanged, conflicts}
    conflicts: int
    inserted: int
    warnings: tuple[str, ...] = ()


class SyncService:
    def __init__(self, store: Store) -> None:
        self.store = store

    # --- this laptop ---------------------------------------------------------
    def device_key(self):
        """This installation's key pair, made on first use with the database's device id."""
        from ..sync.keys import DeviceKey

        path = self.store.paths.device_key
        if path.exists():
            return DeviceKey.load(path)
        key = DeviceKey.generate(self.store.info.device_name or "Perangkat", device_id=self.store.info.device_id)
        key.save(path)
        return key

    def device(self) -> DeviceView:
        key = self.device_key()
        return DeviceView(key.device_id, key.device_name, key.fingerprint, str(self.store.paths.device_key))

    def export_public_key(self, path: Path) -> Path:
        from ..sync.usb import write_atomically

        return write_atomically(Path(path), self.device_key().public_key_file_bytes())

    # --- trust ---------------------------------------------------------------
    def trust(self, key_file: bytes, role: str = "facilitator") -> TrustedView:
        """Enrol a device from its public key file (after comparing the fingerprint aloud)."""
        from ..sync.keys import b64encode, parse_public_key_file

        key = parse_public_key_file(key_file)
        if key.device_id == self.store.info.device_id:
            raise UserError("Itu kunci perangkat ini sendiri; tidak perlu dipercaya.")
        if role not in ("facilitator", "office"):
            raise UserError("Peran perangkat harus 'facilitator' atau 'office'.")
        with self.store.session() as s:
            row = s.get(TrustedDevice, key.device_id)
            public = b64encode(key.public_key)
            if row is not None and row.public_key != public and not row.revoked_at:
                raise UserError(f"Perangkat {row.name} sudah terdaftar dengan kunci lain (sidik jari {row.fingerprint}). "
                                "Cabut dulu yang lama bila kuncinya memang diganti.")
            if row is None:
                row = TrustedDevice(device_id=key.device_id, enrolled_at=_now())
                s.add(row)
            row.name, row.public_key, row.fingerprint, row.role = key.device_name, public, key.fingerprint, role
            row.encryption_key = b64encode(key.encryption_key) if key.encryption_key else ""
            row.revoked_at = ""
            return _trusted_view(row)

    def revoke(self, device_id: str) -> None:
        with self.store.session() as s:
            row = s.get(TrustedDevice, device_id)
            if row is None:
                raise UserError("Perangkat itu tidak ada di daftar tepercaya.")
            row.revoked_at = _now()

    def trusted(self) -> list[TrustedView]:
        with self.store.session() as s:
            return [_trusted_view(r) for r in s.scalars(select(TrustedDevice).order_by(TrustedDevice.name))]

    def _trusted_keys(self) -> dict:
        from ..sync.keys import TrustedKey, b64decode

        with self.store.session() as s:
            return {r.device_id: TrustedKey(r.device_id, r.name, b64decode(r.public_key),
                                            b64decode(r.encryption_key) if r.encryption_key else None)
                    for r in s.scalars(select(TrustedDevice).where(TrustedDevice.revoked_at == ""))}

    def office_key(self) -> bytes | None:
        """The encryption key of the enrolled office, when there is exactly one."""
        from ..sync.keys import b64decode

        with self.store.session() as s:
            rows = [r for r in s.scalars(select(TrustedDevice).where(TrustedDevice.role == "office",
                                                                     TrustedDevice.revoked_at == ""))
                    if r.encryption_key]
            return b64decode(rows[0].encryption_key) if len(rows) == 1 else None

    # --- export --------------------------------------------------------------
    def export_bundle(self, region_id: str, out: Path, full: bool = False,
                      encrypt_to: bytes | None = None) -> ExportResult:
        """Write the region's versions (all with `full`, else those no destination confirmed)
        as a signed bundle to `out` (a file, or a folder: a FAT32-safe name is chosen)."""
        from ..sync.bundle import BundleContents, write_bundle
        from ..sync.usb import safe_bundle_name, write_atomically
        from ..storage.sync_apply import export_attachments, export_versions

        region = self._region(region_id)
        key = self.device_key()
        conn = connect(self.store.paths.database)
        try:
            delivered = set() if full else {r[0] for r in conn.execute("SELECT version_id FROM delivered_version")}
            versions = export_versions(conn, region.id, since=delivered or None)
            attachments = export_attachments(conn, versions)
        finally:
            conn.close()
        with self.store.session() as s:
            last = s.scalars(select(SyncLog).where(SyncLog.direction == "export", SyncLog.device_id == key.device_id)
                             .order_by(SyncLog.sequence.desc())).first()
            sequence = (last.sequence + 1) if last else 1
            previous = last.bundle_hash if last else ""
        contents = BundleContents([v.to_dict() for v in versions], {a.sha256: a.data for a in attachments},
                                  region.id, region.display_name,
                                  media_types={a.sha256: a.media_type for a in attachments})
        written = write_bundle(contents, key, sequence, previous, encrypt_to=encrypt_to)
        out = Path(out)
        if out.is_dir():
            out = out / safe_bundle_name(region.display_name, key.device_name, datetime.now(), sequence)
        path = write_atomically(out, written.data)
        with self.store.session() as s:
            s.add(SyncLog(bundle_id=written.bundle_id, direction="export", device_id=key.device_id,
                          device_name=key.device_name, sequence=sequence, bundle_hash=written.bundle_hash,
                          region_id=region.id, at=_now(), file_name=path.name,
                          summary=json.dumps({"versions": len(versions), "attachments": len(attachments)})))
        return ExportResult(path, written.bundle_id, len(versions), len(attachments), encrypt_to is not None, sequence)

    def _region(self, region_id: str):
        from .regions import RegionService

        return RegionService(self.store).find(region_id)

    # --- import --------------------------------------------------------------
    def read(self, data: bytes, accept_unknown: bool = False):
        from ..sync.bundle import read_bundle

        own = self.device_key()
        trusted = {**self._trusted_keys(), own.device_id: own.trusted()}  # our own bundles, read back
        return read_bundle(data, trusted, private_key_for_decryption=own, accept_unknown=accept_unknown)

    def import_bundle(self, path: Path, dry_run: bool = False, accept_unknown: bool = False) -> ImportReport:
        """Check everything first, preview, then apply in one transaction after a backup.
        The same bundle again changes nothing and says when it was imported."""
        from ..sync.merge import Attachment
        from ..sync.usb import read_from_stick
        from ..storage.sync_apply import ImportRefused, import_versions, plan_for

        path = Path(path)
        try:
            data = read_from_stick(path)
        except OSError as exc:
            raise UserError(f"{path.name}: tidak dapat dibaca ({exc.strerror or exc}).") from exc
        bundle = self.read(data, accept_unknown)
        with self.store.session() as s:
            seen = s.get(SyncLog, (bundle.bundle_id, "import"))
            seen_at = seen.at if seen else ""
            earlier = {r.sequence: r.bundle_hash for r in s.scalars(select(SyncLog).where(
                SyncLog.direction == "import", SyncLog.device_id == bundle.device_id))}
        warnings = []
        if not seen_at and bundle.sequence > 1 and bundle.sequence - 1 not in earlier:
            warnings.append(f"Bundel sebelumnya dari {bundle.device_name} (urutan {bundle.sequence - 1}) belum "
                            "diimpor; isinya menyusul tanpa masalah, tetapi periksa stik yang lain.")
        elif earlier.get(bundle.sequence - 1) not in (None, bundle.previous_hash):
            warnings.append(f"Urutan bundel dari {bundle.device_name} tidak bersambung (urutan "
                            f"{bundle.sequence}); mungkin perangkat itu dipulihkan dari cadangan.")
        conn = connect(self.store.paths.database)
        try:
            plan = plan_for(conn, bundle.versions)
            if plan.refused:
                raise ImportRefused(f"{path.name}: {plan.refusal_reason()}")
            summary = {entity: asdict(row) for entity, row in plan.summary.items()}
            inserted = 0
            if not dry_run and plan.new_versions:
                attachments = [Attachment(sha, bundle.media_types.get(sha, "application/octet-stream"), blob)
                               for sha, blob in bundle.attachments.items()]
                result = import_versions(conn, bundle.versions, attachments, self.store.paths.backups)
                inserted = result.inserted
        finally:
            conn.close()
        applied = not dry_run
        if applied and not seen_at:
            with self.store.session() as s:
                s.add(SyncLog(bundle_id=bundle.bundle_id, direction="import", device_id=bundle.device_id,
                              device_name=bundle.device_name, sequence=bundle.sequence,
                              bundle_hash=bundle.bundle_hash, region_id=bundle.region_id, at=_now(),
                              file_name=path.name, summary=json.dumps({"inserted": inserted})))
        warnings += [f"Jam perangkat {bundle.device_name} jauh di depan; versinya tetap dipakai, periksa "
                     "tanggal laptop itu." for _ in plan.clock_warnings[:1]]
        return ImportReport(path.name, bundle.bundle_id, bundle.device_name, bundle.signer_fingerprint,
                            bundle.region_name, seen_at, applied, summary, len(plan.conflicts), inserted,
                            tuple(warnings))

    # --- receipts -------------------------------------------------------------
    def write_receipt(self, bundle_file: Path, out: Path) -> Path:
        """After importing a bundle, write a receipt signed by this laptop (the office):
        the facilitator's app reads it and stops re-sending those versions."""
        from ..storage.history import canonical_json
        from ..sync.keys import b64encode
        from ..sync.usb import read_from_stick, write_atomically

        bundle = self.read(read_from_stick(Path(bundle_file)), accept_unknown=True)
        with self.store.session() as s:
            if s.get(SyncLog, (bundle.bundle_id, "import")) is None:
                raise UserError("Bundel ini belum diimpor di perangkat ini; impor dulu, baru tulis tanda terima.")
        key = self.device_key()
        body = {"format": RECEIPT_FORMAT, "format_version": 1, "bundle_id": bundle.bundle_id,
                "bundle_hash": bundle.bundle_hash, "for_device": bundle.device_id,
                "device": {"id": key.device_id, "name": key.device_name, "public_key": b64encode(key.public_key)},
                "created_at": _now(), "version_ids": sorted(v["version_id"] for v in bundle.versions)}
        signed = {"receipt": body, "signature": b64encode(key.sign(canonical_json(body).encode("utf-8")))}
        return write_atomically(Path(out), canonical_json(signed).encode("utf-8"))

    def accept_receipt(self, data: bytes) -> int:
        """Read a receipt from a trusted office; mark its versions delivered. Returns how many."""
        from ..storage.history import canonical_json
        from ..sync.bundle import strict_json
        from ..sync.keys import b64decode, verify_signature

        if len(data) > RECEIPT_MAX_BYTES:
            raise UserError("Berkas tanda terima terlalu besar; ini bukan tanda terima Kota Cerdas.")
        try:
            doc = strict_json(data, "tanda terima")
            body, signature = doc["receipt"], b64decode(doc["signature"])
            office = body["device"]["id"]
            ids = body["version_ids"]
            ok_shape = body.get("format") == RECEIPT_FORMAT and isinstance(ids, list) and \
                all(isinstance(i, str) and len(i) == 64 for i in ids)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise UserError("Berkas ini bukan tanda terima Kota Cerdas yang utuh.") from exc
        if not ok_shape:
            raise UserError("Berkas ini bukan tanda terima Kota Cerdas yang utuh.")
        trusted = self._trusted_keys().get(office)
        if trusted is None:
            raise UserError(f"Tanda terima dari perangkat yang belum dipercaya ({body['device'].get('name', '?')}).")
        if not verify_signature(trusted.public_key, signature, canonical_json(body).encode("utf-8")):
            raise UserError("Tanda tangan digital tanda terima tidak sah; berkas diubah atau bukan dari kantor itu.")
        with self.store.session() as s:
            known = {r[0] for r in s.execute(select(DeliveredVersion.version_id).where(
                DeliveredVersion.destination == office))}
            fresh = [i for i in dict.fromkeys(ids) if i not in known]
            s.add_all(DeliveredVersion(version_id=i, destination=office) for i in fresh)
        return len(fresh)

    def conflicts(self):
        from ..storage.sync_apply import current_conflicts

        conn = connect(self.store.paths.database)
        try:
            return current_conflicts(conn)
        finally:
            conn.close()

    def duplicates(self, region_id: str | None = None) -> list[tuple[str, list[str]]]:
        """People with the same NIP under different records (after imports): flagged, never merged.
        Returns (NIP, [names])."""
        from ..storage.sync_apply import duplicate_people_in

        conn = connect(self.store.paths.database)
        try:
            groups = duplicate_people_in(conn, region_id)
            names = {}
            for _nip, ids in groups:
                for pid in ids:
                    row = conn.execute("SELECT prefix, name, suffix FROM person WHERE id = ?", (pid,)).fetchone()
                    names[pid] = " ".join(x for x in (row[0], row[1]) if x) + (f", {row[2]}" if row[2] else "") \
                        if row else pid
            return [(nip, [names[i] for i in ids]) for nip, ids in groups]
        finally:
            conn.close()

    def log(self) -> list[SyncLog]:
        with self.store.session() as s:
            return list(s.scalars(select(SyncLog).order_by(SyncLog.at.desc())))


def _trusted_view(r: TrustedDevice) -> TrustedView:
    return TrustedView(r.device_id, r.name, r.fingerprint, r.role, r.enrolled_at, bool(r.revoked_at))
