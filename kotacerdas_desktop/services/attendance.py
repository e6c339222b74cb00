"""Check-in per bimtek day: who is present, their signature strokes, paper fallback,
scans of paper sheets, and the audit log."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from ..domain.errors import ValidationError
from ..domain.signature import Signature, decode, encode, has_enough_ink, strokes_sha256
from ..storage.database import utc_now_text
from ..storage.models import Attendance, AuditLog, Bimtek, BimtekDay, DayScan, Person
from ..storage.store import Store
from .errors import NotFound
from .regions import _uuid

SCAN_TYPES = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg", b"%PDF-": "application/pdf"}
SCAN_MAX_BYTES = 25 * 1024 * 1024


@dataclass(frozen=True)
class DayInfo:
    id: str
    bimtek_id: str
    stage: int
    day: date
    region_id: str


@dataclass(frozen=True)
class PresenceView:
    person_id: str
    mode: str            # signed | paper
    strokes_sha256: str | None
    signed_at: str
    attendance_id: str


@dataclass(frozen=True)
class Counters:
    present: int
    invited: int
    per_opd: list[tuple[str, int, int]]  # (OPD short name, present, invited)


@dataclass(frozen=True)
class AuditEntry:
    at: str
    device_name: str
    action: str
    subject: str
    detail: str


ACTIONS = {
    "checkin": "hadir, tanda tangan", "checkin_paper": "hadir, tanda tangan di kertas",
    "resign": "tanda tangan diganti", "checkin_removed": "kehadiran dibatalkan",
    "scan_added": "pindaian kertas dilampirkan", "commitment_signed": "komitmen ditandatangani",
    "commitment_text": "teks komitmen diubah", "walkin": "peserta datang langsung didaftarkan",
}


def store_attachment(s, data: bytes, media_type: str) -> str:
    digest = hashlib.sha256(data).hexdigest()
    s.connection().exec_driver_sql(
        "INSERT OR IGNORE INTO attachment (sha256, media_type, size, data, created_at) VALUES (?, ?, ?, ?, ?)",
        (digest, media_type, len(data), data, utc_now_text()))
    return digest


def audit(s, store: Store, region_id: str | None, action: str, subject: str, detail: str = "") -> None:
    s.add(AuditLog(region_id=region_id, at=utc_now_text(), device_id=store.info.device_id,
                   device_name=store.info.device_name, action=action, subject=subject[:300],
                   detail=detail))


class AttendanceService:
    def __init__(self, store: Store) -> None:
        self.store = store

    # --- days -------------------------------------------------------------------------
    def days(self, region_id) -> list[DayInfo]:
        with self.store.session() as s:
            rows = s.execute(select(BimtekDay, Bimtek).join(Bimtek, BimtekDay.bimtek_id == Bimtek.id)
                             .where(Bimtek.region_id == _uuid(region_id))
                             .order_by(Bimtek.stage, BimtekDay.day_date)).all()
            return [DayInfo(d.id.hex, b.id.hex, b.stage, date.fromisoformat(d.day_date), b.region_id.hex)
                    for d, b in rows]

    def day(self, day_id) -> DayInfo:
        with self.store.session() as s:
            row = s.execute(select(BimtekDay, Bimtek).join(Bimtek, BimtekDay.bimtek_id == Bimtek.id)
                            .where(BimtekDay.id == _uuid(day_id))).first()
            if row is None:
                raise NotFound("Hari bimtek tidak ditemukan.")
            d, b = row
            return DayInfo(d.id.hex, b.id.hex, b.stage, date.fromisoformat(d.day_date), b.region_id.hex)

    # --- presence ---------------------------------------------------------------------
    def presence(self, day_id) -> dict[str, PresenceView]:
        """The latest check-in of each person on a day (several devices may have checked in)."""
        with self.store.session() as s:
            rows = s.scalars(select(Attendance).where(Attendance.bimtek_day_id == _uuid(day_id))
                             .order_by(Attendance.signed_at)).all()
            return {a.person_id.hex: PresenceView(a.person_id.hex, a.mode, a.strokes_sha256, a.signed_at,
                                                  a.id.hex) for a in rows}

    def check_in(self, day_id, person_id, signature: Signature | None, *, paper: bool = False,
                 replace: bool = False) -> PresenceView:
        """Record a person as present: with signature strokes, or as signed on paper.

        Signing again needs `replace=True` (the UI asks first); the earlier strokes stay
        in the history and the audit log says who replaced them."""
        if not paper:
            if signature is None or not has_enough_ink(signature):
                raise ValidationError("Tanda tangan terlalu sedikit; mohon tanda tangan sekali lagi.")
        day = self.day(day_id)
        with self.store.session() as s:
            person = s.get(Person, _uuid(person_id))
            if person is None or person.region_id.hex != day.region_id:
                raise NotFound("Orang itu tidak terdaftar di wilayah ini.")
            if person.archived:
                raise ValidationError(f"{person.name} sudah diarsipkan; pulihkan dulu di daftar Peserta.")
            current = s.scalars(select(Attendance).where(
                Attendance.bimtek_day_id == _uuid(day_id), Attendance.person_id == person.id)
                .order_by(Attendance.signed_at.desc())).first()
            if current is not None and not replace:
                raise ValidationError(f"{person.name} sudah tercatat hadir hari ini; "
                                      "konfirmasi dulu untuk mengganti tanda tangannya.")
            digest = None
            if signature is not None and not paper:
                data = encode(signature)
                digest = store_attachment(s, data, "application/x-kotacerdas-strokes")
                assert digest == strokes_sha256(signature)
            now = utc_now_text()
            if current is None:
                current = Attendance(bimtek_day_id=_uuid(day_id), person_id=person.id,
                                     mode="paper" if paper else "signed", strokes_sha256=digest,
                                     signed_at=now, device_id=self.store.info.device_id)
                s.add(current)
                action = "checkin_paper" if paper else "checkin"
            else:
                action = "resign"
                current.mode, current.strokes_sha256 = ("paper" if paper else "signed"), digest
                current.signed_at, current.device_id = now, self.store.info.device_id
            audit(s, self.store, day.region_id, action, person.name,
                  f"Tahap {day.stage}, {day.day.isoformat()}" + (f", goresan {digest[:12]}" if digest else ""))
            s.flush()
            return PresenceView(person.id.hex, current.mode, digest, now, current.id.hex)

    def strokes(self, digest: str) -> Signature | None:
        with self.store.session() as s:
            row = s.connection().exec_driver_sql("SELECT data FROM attachment WHERE sha256 = ?",
                                                 (digest,)).first()
        return decode(bytes(row[0])) if row else None

    def counters(self, day_id) -> Counters:
        """Present / invited overall and per OPD (invited = active people of the region),
        counted in one SQL statement so it stays fast at the registration desk."""
        with self.store.session() as s:
            conn = s.connection()
            region = conn.exec_driver_sql(
                "SELECT b.region_id FROM bimtek_day d JOIN bimtek b ON b.id = d.bimtek_id WHERE d.id = ?",
                (_uuid(day_id).hex,)).scalar()
            if region is None:
                raise NotFound("Hari bimtek tidak ditemukan.")
            rows = conn.exec_driver_sql(
                "SELECT o.short_name, o.name, coalesce(o.position, 100000), count(*), "
                "sum(EXISTS (SELECT 1 FROM attendance a WHERE a.bimtek_day_id = ? AND a.person_id = p.id)) "
                "FROM person p LEFT JOIN opd o ON o.id = p.opd_id "
                "WHERE p.region_id = ? AND p.archived = 0 "
                "GROUP BY p.opd_id ORDER BY 3, 2", (_uuid(day_id).hex, region)).all()
        per = [((short or name) if name else "(tanpa OPD)", present, invited)
               for short, name, _pos, invited, present in rows]
        return Counters(sum(x[1] for x in per), sum(x[2] for x in per), per)

    # --- paper sheets -----------------------------------------------------------------
    def add_scan(self, day_id, data: bytes, file_name: str, note: str = "") -> str:
        if len(data) > SCAN_MAX_BYTES:
            raise ValidationError("Berkas pindaian terlalu besar (maksimal 25 MB).")
        media = next((m for sig, m in SCAN_TYPES.items() if data.startswith(sig)), None)
        if media is None:
            raise ValidationError("Pindaian harus berupa foto JPEG/PNG atau PDF.")
        day = self.day(day_id)
        with self.store.session() as s:
            digest = store_attachment(s, data, media)
            scan = DayScan(bimtek_day_id=_uuid(day_id), attachment_sha256=digest,
                           file_name=file_name[-255:], note=note[:300], added_at=utc_now_text())
            s.add(scan)
            audit(s, self.store, day.region_id, "scan_added", file_name[-200:],
                  f"Tahap {day.stage}, {day.day.isoformat()}")
            s.flush()
            return scan.id.hex

    def scans(self, day_id) -> list[tuple[str, str, str, str]]:
        """(scan id, file name, added at, attachment sha256) of a day's paper sheets."""
        with self.store.session() as s:
            return [(x.id.hex, x.file_name, x.added_at, x.attachment_sha256) for x in
                    s.scalars(select(DayScan).where(DayScan.bimtek_day_id == _uuid(day_id))
                              .order_by(DayScan.added_at))]

    # --- audit ------------------------------------------------------------------------------
    def audit_log(self, region_id, limit: int = 500) -> list[AuditEntry]:
        with self.store.session() as s:
            rows = s.scalars(select(AuditLog).where(AuditLog.region_id == _uuid(region_id).hex)
                             .order_by(AuditLog.at.desc()).limit(limit))
            return [AuditEntry(a.at, a.device_name, a.action, a.subject, a.detail) for a in rows]


