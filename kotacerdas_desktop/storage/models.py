"""SQLAlchemy 2 models of the current view. History is written by triggers (history.py).

The DDL lives in migrations.py; tests check that these models match it.
"""
from __future__ import annotations

import json
import uuid

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, Uuid, event
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship


def new_id() -> uuid.UUID:
    return uuid.uuid4()


class Base(DeclarativeBase):
    pass


class Region(Base):
    __tablename__ = "region"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    kind: Mapped[str] = mapped_column(String(10))
    name: Mapped[str] = mapped_column(String(120))
    province: Mapped[str] = mapped_column(String(120), default="")
    office_name: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    phone: Mapped[str] = mapped_column(String(60), default="")
    email: Mapped[str] = mapped_column(String(120), default="")
    website: Mapped[str] = mapped_column(String(120), default="")
    logo_sha256: Mapped[str | None] = mapped_column(String(64), default=None)
    paper_size: Mapped[str] = mapped_column(String(4), default="A4")
    status: Mapped[str] = mapped_column(String(12), default="active")
    signing_place: Mapped[str] = mapped_column(String(120), default="")

    framework: Mapped["Framework | None"] = relationship(back_populates="region", uselist=False)


class Framework(Base):
    __tablename__ = "framework"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    region_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("region.id", ondelete="CASCADE"), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(12), default="custom")

    region: Mapped[Region] = relationship(back_populates="framework")
    dimensions: Mapped[list["Dimension"]] = relationship(
        back_populates="framework", order_by="Dimension.position", cascade="all, delete-orphan")


class Dimension(Base):
    __tablename__ = "dimension"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    framework_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("framework.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(40), default="")
    name: Mapped[str] = mapped_column(String(120))
    position: Mapped[int] = mapped_column(Integer, default=0)

    framework: Mapped[Framework] = relationship(back_populates="dimensions")
    elements: Mapped[list["Element"]] = relationship(
        back_populates="dimension", order_by="Element.position", cascade="all, delete-orphan")


class Element(Base):
    __tablename__ = "element"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    dimension_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("dimension.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(160))
    position: Mapped[int] = mapped_column(Integer, default=0)

    dimension: Mapped[Dimension] = relationship(back_populates="elements")


class Opd(Base):
    __tablename__ = "opd"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    region_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("region.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    short_name: Mapped[str] = mapped_column(String(60), default="")
    aliases: Mapped[str] = mapped_column(Text, default="[]")
    head_person_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL", use_alter=True), default=None)
    position: Mapped[int] = mapped_column(Integer, default=0)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)

    @property
    def alias_list(self) -> list[str]:
        return list(json.loads(self.aliases or "[]"))

    @alias_list.setter
    def alias_list(self, values: list[str]) -> None:
        self.aliases = json.dumps([v for v in values if v], ensure_ascii=False)


class Person(Base):
    __tablename__ = "person"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    region_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("region.id", ondelete="CASCADE"), index=True)
    prefix: Mapped[str] = mapped_column(String(60), default="")
    name: Mapped[str] = mapped_column(String(200))
    suffix: Mapped[str] = mapped_column(String(120), default="")
    nip: Mapped[str] = mapped_column(String(18), default="", index=True)
    golongan: Mapped[str] = mapped_column(String(10), default="")
    jabatan: Mapped[str] = mapped_column(String(200), default="")
    opd_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("opd.id", ondelete="SET NULL"), default=None)
    phone: Mapped[str] = mapped_column(String(20), default="")
    email: Mapped[str] = mapped_column(String(120), default="")
    gender: Mapped[str] = mapped_column(String(1), default="")
    category: Mapped[str] = mapped_column(String(20), default="opd_staff")
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    search_key: Mapped[str] = mapped_column(Text, default="")
    review_note: Mapped[str] = mapped_column(Text, default="")

    opd: Mapped[Opd | None] = relationship(foreign_keys=[opd_id])


class OfficialRole(Base):
    __tablename__ = "official_role"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    region_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("region.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(24))
    person_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"), default=None)

    person: Mapped[Person | None] = relationship()


class Bimtek(Base):
    __tablename__ = "bimtek"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    region_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("region.id", ondelete="CASCADE"))
    stage: Mapped[int] = mapped_column(Integer)
    venue: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(12), default="planned")

    days: Mapped[list["BimtekDay"]] = relationship(
        back_populates="bimtek", order_by="BimtekDay.day_date", cascade="all, delete-orphan")


class BimtekDay(Base):
    __tablename__ = "bimtek_day"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    bimtek_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("bimtek.id", ondelete="CASCADE"), index=True)
    day_date: Mapped[str] = mapped_column(String(10))
    position: Mapped[int] = mapped_column(Integer, default=0)

    bimtek: Mapped[Bimtek] = relationship(back_populates="days")


@event.listens_for(Session, "before_flush")
def _derive_local_columns(session: Session, _ctx, _instances) -> None:
    """Keep derived, local-only columns (not history) in step with their sources."""
    from ..domain.people import search_key
    from .migrations import person_search_key

    for obj in list(session.new) + list(session.dirty):
        if isinstance(obj, Person):
            obj.search_key = person_search_key(obj.name or "", obj.prefix or "", obj.suffix or "",
                                               obj.nip or "", search_key)


class Attendance(Base):
    """One person present on one bimtek day: signed on the pad, or on paper."""
    __tablename__ = "attendance"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    bimtek_day_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("bimtek_day.id", ondelete="CASCADE"))
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    mode: Mapped[str] = mapped_column(String(10))
    strokes_sha256: Mapped[str | None] = mapped_column(String(64), default=None)
    signed_at: Mapped[str] = mapped_column(String(32))
    device_id: Mapped[str] = mapped_column(String(32), default="")


class DayScan(Base):
    """A photo or scan of a paper attendance sheet, attached to a day."""
    __tablename__ = "day_scan"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    bimtek_day_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("bimtek_day.id", ondelete="CASCADE"), index=True)
    attachment_sha256: Mapped[str] = mapped_column(String(64))
    file_name: Mapped[str] = mapped_column(String(255), default="")
    note: Mapped[str] = mapped_column(String(300), default="")
    added_at: Mapped[str] = mapped_column(String(32))


class Commitment(Base):
    __tablename__ = "commitment"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    region_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("region.id", ondelete="CASCADE"), unique=True)
    title: Mapped[str] = mapped_column(String(200), default="")


class CommitmentVersion(Base):
    """An exact text of the commitment; editing the text after a signature makes a new one."""
    __tablename__ = "commitment_version"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    commitment_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("commitment.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    text_sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[str] = mapped_column(String(32))


class CommitmentSignatory(Base):
    __tablename__ = "commitment_signatory"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    commitment_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("commitment.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"), default=None)
    role: Mapped[str] = mapped_column(String(24))
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class CommitmentSignature(Base):
    """A signature bound to the signer, the role, the exact text version and the time."""
    __tablename__ = "commitment_signature"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    version_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("commitment_version.id", ondelete="CASCADE"), index=True)
    signatory_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("commitment_signatory.id", ondelete="SET NULL"), default=None)
    person_id: Mapped[str | None] = mapped_column(String(32), default=None)
    signer_name: Mapped[str] = mapped_column(String(300))
    role: Mapped[str] = mapped_column(String(24))
    strokes_sha256: Mapped[str] = mapped_column(String(64))
    signed_at: Mapped[str] = mapped_column(String(32))
    claim_sha256: Mapped[str] = mapped_column(String(64))


class VerificationCode(Base):
    """A code printed on a commitment sheet, with the signatures it covered then."""
    __tablename__ = "verification_code"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    code: Mapped[str] = mapped_column(String(20), index=True)
    version_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("commitment_version.id", ondelete="CASCADE"))
    claim_hashes: Mapped[str] = mapped_column(Text)
    issued_at: Mapped[str] = mapped_column(String(32))


class AuditLog(Base):
    """Append-only record of attendance and signature events (triggers refuse edits)."""
    __tablename__ = "audit_log"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    region_id: Mapped[str | None] = mapped_column(String(32), default=None)
    at: Mapped[str] = mapped_column(String(32))
    device_id: Mapped[str] = mapped_column(String(32))
    device_name: Mapped[str] = mapped_column(String(120), default="")
    action: Mapped[str] = mapped_column(String(40))
    subject: Mapped[str] = mapped_column(String(300), default="")
    detail: Mapped[str] = mapped_column(Text, default="")


class WorkItem(Base):
    """One worksheet record of the wizard; its fields (domain/worksheets.py) live in `data` as JSON."""
    __tablename__ = "work_item"
    __table_args__ = (Index("ix_work_item_region", "region_id", "kind"),
                      Index("ix_work_item_bimtek", "bimtek_id", "kind"))
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    region_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("region.id", ondelete="CASCADE"))
    bimtek_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("bimtek.id", ondelete="CASCADE"), default=None)
    kind: Mapped[str] = mapped_column(String(40))
    position: Mapped[int] = mapped_column(Integer, default=0)
    data: Mapped[str] = mapped_column(Text, default="{}")
    archived: Mapped[bool] = mapped_column(Boolean, default=False)

    @property
    def values(self) -> dict:
        return json.loads(self.data or "{}")

    @values.setter
    def values(self, value: dict) -> None:
        self.data = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


class WizardState(Base):
    """Where the facilitator was in a bimtek and the agenda timer; local to this laptop, not synced."""
    __tablename__ = "wizard_state"
    bimtek_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("bimtek.id", ondelete="CASCADE"), primary_key=True)
    step: Mapped[str] = mapped_column(String(40), default="")
    timer: Mapped[str] = mapped_column(Text, default="{}")
    updated_at: Mapped[str] = mapped_column(String(32), default="")


class TrustedDevice(Base):
    """A facilitator laptop (or the office) whose bundles this laptop accepts; local only."""
    __tablename__ = "trusted_device"
    device_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    public_key: Mapped[str] = mapped_column(Text)
    encryption_key: Mapped[str] = mapped_column(Text, default="")
    fingerprint: Mapped[str] = mapped_column(String(40))
    role: Mapped[str] = mapped_column(String(12), default="facilitator")
    enrolled_at: Mapped[str] = mapped_column(String(32))
    revoked_at: Mapped[str] = mapped_column(String(32), default="")


class SyncLog(Base):
    """One bundle written or read by this laptop; local only."""
    __tablename__ = "sync_log"
    bundle_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    direction: Mapped[str] = mapped_column(String(8), primary_key=True)
    device_id: Mapped[str] = mapped_column(String(32))
    device_name: Mapped[str] = mapped_column(String(120), default="")
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    bundle_hash: Mapped[str] = mapped_column(String(64))
    region_id: Mapped[str] = mapped_column(String(32), default="")
    at: Mapped[str] = mapped_column(String(32))
    file_name: Mapped[str] = mapped_column(String(300), default="")
    summary: Mapped[str] = mapped_column(Text, default="{}")


class DeliveredVersion(Base):
    """A version a destination has confirmed with a receipt; local only."""
    __tablename__ = "delivered_version"
    version_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    destination: Mapped[str] = mapped_column(String(32), primary_key=True)
