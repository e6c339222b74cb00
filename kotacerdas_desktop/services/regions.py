"""Regions: create, edit, archive, letterhead and logo, framework and officials."""
from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..domain import bimtek as bimtek_domain
from ..domain.frameworks import DEFAULT_TEMPLATE, TEMPLATES
from ..domain.people import ValidationError
from ..domain.text import clean_text
from ..domain.regions import OFFICIAL_ROLES, RegionInput, display_name, validate_region
from ..storage.database import utc_now_text
from ..storage.models import (Bimtek, Dimension, Element, Framework, OfficialRole, Opd, Person,
                              Region)
from ..storage.store import Store
from .errors import NotFound

LOGO_MAX_BYTES = 5 * 1024 * 1024
LOGO_TYPES = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}


@dataclass(frozen=True)
class BimtekCard:
    id: str
    stage: int
    status: str
    venue: str
    days: tuple[date, ...]
    done: int
    total: int
    missing: tuple[str, ...]


@dataclass(frozen=True)
class RegionSummary:
    id: str
    kind: str
    name: str
    display_name: str
    province: str
    status: str
    people: int
    opds: int


@dataclass(frozen=True)
class OfficialView:
    role: str
    person_id: str | None
    person_name: str


@dataclass(frozen=True)
class ElementView:
    id: str
    name: str


@dataclass(frozen=True)
class DimensionView:
    id: str
    code: str
    name: str
    elements: tuple[ElementView, ...]


@dataclass(frozen=True)
class RegionDetail:
    id: str
    data: RegionInput
    status: str
    display_name: str
    logo_sha256: str | None
    framework_name: str
    framework_kind: str
    dimensions: tuple[DimensionView, ...]
    officials: tuple[OfficialView, ...]
    bimtek: tuple[BimtekCard, ...] = field(default=())


def _uuid(value: str | uuid.UUID) -> uuid.UUID:
    if isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise NotFound(f"Data dengan id '{value}' tidak ditemukan.") from None


def _region(session: Session, region_id) -> Region:
    region = session.get(Region, _uuid(region_id))
    if region is None:
        raise NotFound("Wilayah tidak ditemukan.")
    return region


def _refuse_duplicate(s: Session, clean: RegionInput, own_id: uuid.UUID | None = None) -> None:
    """Two regions of the same kind may not share a name (compared case-insensitively, any script)."""
    key = clean.name.casefold()
    for other in s.scalars(select(Region).where(Region.kind == clean.kind)):
        if other.id != own_id and other.name.casefold() == key:
            raise ValidationError(
                f"{display_name(clean.kind, clean.name)} sudah ada"
                + (" (diarsipkan)." if other.status == "archived" else "."))


def reposition(siblings: list, obj, offset: int) -> None:
    """Move obj by offset among its ordered siblings and renumber `position` (only changed rows)."""
    i = siblings.index(obj)
    j = max(0, min(len(siblings) - 1, i + offset))
    siblings.insert(j, siblings.pop(i))
    for pos, item in enumerate(siblings):
        if item.position != pos:
            item.position = pos


def card_for(b: Bimtek, s: Session) -> BimtekCard:
    """A bimtek with its progress: the checks of every wizard step; missing names the steps not done."""
    from ..domain import wizard
    from .worksheets import WorksheetService

    snap = WorksheetService._snapshot(s, b)
    done, total = wizard.stage_progress(snap)
    missing = tuple(step.title for step in wizard.steps_for(b.stage) if wizard.step_state(step, snap) != "done")
    days = tuple(date.fromisoformat(d.day_date) for d in b.days)
    return BimtekCard(b.id.hex, b.stage, b.status, b.venue, days, done, total, missing)


class RegionService:
    def __init__(self, store: Store) -> None:
        self.store = store

    # --- listing ---------------------------------------------------------------
    def list(self, include_archived: bool = False) -> list[RegionSummary]:
        with self.store.session() as s:
            people = dict(s.execute(select(Person.region_id, func.count()).where(
                Person.archived.is_(False)).group_by(Person.region_id)).all())
            opds = dict(s.execute(select(Opd.region_id, func.count()).where(
                Opd.archived.is_(False)).group_by(Opd.region_id)).all())
            query = select(Region).order_by(Region.status, Region.kind.desc(), Region.name)
            if not include_archived:
                query = query.where(Region.status == "active")
            return [RegionSummary(r.id.hex, r.kind, r.name, display_name(r.kind, r.name), r.province,
                                  r.status, people.get(r.id, 0), opds.get(r.id, 0))
                    for r in s.scalars(query)]

    def find(self, name_or_id: str) -> RegionSummary:
        """A region by id (or its first 8+ characters) or by name, for the CLI."""
        text = (name_or_id or "").strip()
        regions = self.list(include_archived=True)
        low = text.lower().replace("-", "")
        matches = [r for r in regions if len(low) >= 8 and r.id.startswith(low)]
        if not matches:
            matches = [r for r in regions if text.lower() in (r.name.lower(), r.display_name.lower())]
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise NotFound(f"Wilayah '{text}' tidak ditemukan. Lihat daftarnya dengan 'region list'.")
        raise NotFound(f"Nama '{text}' cocok dengan beberapa wilayah; pakai id-nya.")

    def detail(self, region_id) -> RegionDetail:
        with self.store.session() as s:
            r = _region(s, region_id)
            fw = r.framework
            dims = tuple(DimensionView(d.id.hex, d.code, d.name,
                                       tuple(ElementView(e.id.hex, e.name) for e in d.elements))
                         for d in (fw.dimensions if fw else []))
            roles = {o.role: o for o in s.scalars(select(OfficialRole).where(OfficialRole.region_id == r.id))}
            officials = []
            for role in OFFICIAL_ROLES:
                o = roles.get(role)
                p = o.person if o else None
                officials.append(OfficialView(role, p.id.hex if p else None,
                                              " ".join(x for x in (p.prefix, p.name) if x) +
                                              (f", {p.suffix}" if p and p.suffix else "") if p else ""))
            cards = tuple(card_for(b, s) for b in s.scalars(
                select(Bimtek).where(Bimtek.region_id == r.id).order_by(Bimtek.stage)))
            data = RegionInput(r.kind, r.name, r.province, r.office_name, r.address, r.phone,
                               r.email, r.website, r.paper_size, r.signing_place)
            return RegionDetail(r.id.hex, data, r.status, display_name(r.kind, r.name), r.logo_sha256,
                                fw.name if fw else "", fw.kind if fw else "", dims,
                                tuple(officials), cards)

    # --- editing -----------------------------------------------------------------
    def create(self, data: RegionInput, framework: str = DEFAULT_TEMPLATE) -> str:
        clean = validate_region(data)
        if framework not in TEMPLATES:
            raise ValidationError(f"Kerangka '{framework}' tidak dikenal.")
        with self.store.session() as s:
            return self.create_in(s, clean, framework).id.hex

    @classmethod
    def create_in(cls, s: Session, clean: RegionInput, framework: str) -> Region:
        """Create a validated region with its framework, roles and four bimtek in session s."""
        _refuse_duplicate(s, clean)
        region = Region(**vars(clean))
        s.add(region)
        s.flush()
        cls._apply_template(s, region, framework)
        for role in OFFICIAL_ROLES:
            s.add(OfficialRole(region_id=region.id, role=role))
        for stage in sorted(bimtek_domain.STAGES):
            s.add(Bimtek(region_id=region.id, stage=stage))
        s.flush()
        return region

    def update(self, region_id, data: RegionInput) -> None:
        clean = validate_region(data)
        with self.store.session() as s:
            r = _region(s, region_id)
            _refuse_duplicate(s, clean, r.id)
            for key, value in vars(clean).items():
                if getattr(r, key) != value:
                    setattr(r, key, value)

    def set_archived(self, region_id, archived: bool) -> None:
        with self.store.session() as s:
            _region(s, region_id).status = "archived" if archived else "active"

    def set_logo(self, region_id, data: bytes | None) -> str | None:
        """Store a PNG/JPEG logo as a content-addressed attachment (None removes it)."""
        with self.store.session() as s:
            r = _region(s, region_id)
            if data is None:
                r.logo_sha256 = None
                return None
            if len(data) > LOGO_MAX_BYTES:
                raise ValidationError("Berkas logo terlalu besar (maksimal 5 MB).")
            media = next((m for sig, m in LOGO_TYPES.items() if data.startswith(sig)), None)
            if media is None:
                raise ValidationError("Logo harus berupa gambar PNG atau JPEG.")
            digest = hashlib.sha256(data).hexdigest()
            s.connection().exec_driver_sql(
                "INSERT OR IGNORE INTO attachment (sha256, media_type, size, data, created_at) "
                "VALUES (?, ?, ?, ?, ?)", (digest, media, len(data), data, utc_now_text()))
            r.logo_sha256 = digest
            return digest

    def logo(self, region_id) -> bytes | None:
        with self.store.session() as s:
            r = _region(s, region_id)
            if not r.logo_sha256:
                return None
            row = s.connection().exec_driver_sql(
                "SELECT data FROM attachment WHERE sha256 = ?", (r.logo_sha256,)).first()
            return bytes(row[0]) if row else None

    def set_official(self, region_id, role: str, person_id: str | None) -> None:
        if role not in OFFICIAL_ROLES:
            raise ValidationError(f"Peran '{role}' tidak dikenal.")
        with self.store.session() as s:
            r = _region(s, region_id)
            person = None
            if person_id:
                person = s.get(Person, _uuid(person_id))
                if person is None or person.region_id != r.id:
                    raise NotFound("Orang itu tidak terdaftar di wilayah ini.")
            o = s.scalar(select(OfficialRole).where(OfficialRole.region_id == r.id,
                                                    OfficialRole.role == role))
            if o is None:
                o = OfficialRole(region_id=r.id, role=role)
                s.add(o)
            new = person.id if person else None
            if o.person_id != new:
                o.person_id = new

    # --- framework -------------------------------------------------------------------
    @staticmethod
    def _apply_template(s: Session, region: Region, kind: str) -> None:
        template = TEMPLATES[kind]
        fw = Framework(region_id=region.id, name=template.name, kind=template.kind)
        s.add(fw)
        s.flush()
        for i, (code, name, elements) in enumerate(template.dimensions):
            dim = Dimension(framework_id=fw.id, code=code, name=name, position=i)
            s.add(dim)
            s.flush()
            for j, el in enumerate(elements):
                s.add(Element(dimension_id=dim.id, name=el, position=j))

    def replace_framework(self, region_id, kind: str) -> None:
        """Start the region's framework again from a template (old one is deleted, with history)."""
        if kind not in TEMPLATES:
            raise ValidationError(f"Kerangka '{kind}' tidak dikenal.")
        with self.store.session() as s:
            r = _region(s, region_id)
            if r.framework is not None:
                s.delete(r.framework)
                s.flush()
            self._apply_template(s, r, kind)

    def add_dimension(self, region_id, name: str) -> str:
        name = clean_text(name, 120, "Nama dimensi", required=True)
        with self.store.session() as s:
            r = _region(s, region_id)
            fw = r.framework
            if fw is None:
                fw = Framework(region_id=r.id, name="Kerangka sendiri", kind="custom")
                s.add(fw)
                s.flush()
            dim = Dimension(framework_id=fw.id, name=name, position=len(fw.dimensions))
            s.add(dim)
            s.flush()
            return dim.id.hex

    def add_element(self, dimension_id, name: str) -> str:
        name = clean_text(name, 160, "Nama elemen", required=True)
        with self.store.session() as s:
            dim = s.get(Dimension, _uuid(dimension_id))
            if dim is None:
                raise NotFound("Dimensi tidak ditemukan.")
            el = Element(dimension_id=dim.id, name=name, position=len(dim.elements))
            s.add(el)
            s.flush()
            return el.id.hex

    def rename(self, kind: str, item_id, name: str) -> None:
        """Rename a dimension or an element."""
        model = {"dimension": Dimension, "element": Element}[kind]
        name = clean_text(name, 120 if kind == "dimension" else 160, "Nama", required=True)
        with self.store.session() as s:
            obj = s.get(model, _uuid(item_id))
            if obj is None:
                raise NotFound("Data tidak ditemukan.")
            if obj.name != name:
                obj.name = name

    def move(self, kind: str, item_id, offset: int) -> None:
        """Move a dimension or an element up (-1) or down (+1) among its siblings."""
        with self.store.session() as s:
            model = {"dimension": Dimension, "element": Element}[kind]
            obj = s.get(model, _uuid(item_id))
            if obj is None:
                raise NotFound("Data tidak ditemukan.")
            reposition(list(obj.framework.dimensions if kind == "dimension" else obj.dimension.elements),
                       obj, offset)

    def remove(self, kind: str, item_id) -> None:
        """Delete a dimension (with its elements) or an element; history keeps a tombstone."""
        model = {"dimension": Dimension, "element": Element}[kind]
        with self.store.session() as s:
            obj = s.get(model, _uuid(item_id))
            if obj is None:
                raise NotFound("Data tidak ditemukan.")
            s.delete(obj)
