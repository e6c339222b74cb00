"""OPDs and people of a region (the minimum the region settings need; the full
directory with import and export builds on this)."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from ..domain.errors import ValidationError
from ..domain.people import PersonInput, validate_person
from ..domain.text import clean_text
from ..storage.models import Opd, Person
from ..storage.store import Store
from .errors import NotFound
from .regions import _region, _uuid, reposition


@dataclass(frozen=True)
class OpdView:
    id: str
    name: str
    short_name: str
    aliases: tuple[str, ...]
    head_person_id: str | None
    head_name: str
    position: int
    archived: bool
    people: int


@dataclass(frozen=True)
class PersonView:
    id: str
    prefix: str
    name: str
    suffix: str
    nip: str
    golongan: str
    jabatan: str
    opd_id: str | None
    opd_name: str
    phone: str
    email: str
    gender: str
    category: str
    archived: bool
    review_note: str = ""

    @property
    def full_name(self) -> str:
        text = f"{self.prefix} {self.name}".strip()
        return f"{text}, {self.suffix}" if self.suffix else text


def person_view(p: Person, opd: Opd | None = None) -> PersonView:
    opd = opd if opd is not None else p.opd
    return PersonView(p.id.hex, p.prefix, p.name, p.suffix, p.nip, p.golongan, p.jabatan,
                      p.opd_id.hex if p.opd_id else None,
                      (opd.short_name or opd.name) if opd else "", p.phone, p.email,
                      p.gender, p.category, p.archived, p.review_note)


def national_phone(e164: str) -> str:
    """'+6281234567890' -> '0812-3456-7890' (other countries keep their + form)."""
    from ..domain.people import format_phone

    text = format_phone(e164) if e164 else ""
    return "0" + text[4:] if text.startswith("+62 ") else text


def _clean_aliases(aliases) -> list[str]:
    seen, out = set(), []
    for a in aliases or []:
        a = " ".join(str(a).split())
        if a and a.casefold() not in seen:
            seen.add(a.casefold())
            out.append(a)
    return out


def _opd_clash(opds, words) -> tuple[str, Opd] | None:
    """The first of `words` that is already a name, short name or alias of one of `opds`."""
    for o in opds:
        names = {o.name.casefold(), o.short_name.casefold(), *(a.casefold() for a in o.alias_list)}
        names.discard("")
        for word in words:
            if word and word.casefold() in names:
                return word, o
    return None


class DirectoryService:
    def __init__(self, store: Store) -> None:
        self.store = store

    # --- OPD -------------------------------------------------------------------------
    def opds(self, region_id, include_archived: bool = False) -> list[OpdView]:
        with self.store.session() as s:
            r = _region(s, region_id)
            counts = dict(s.execute(select(Person.opd_id, func.count()).where(
                Person.region_id == r.id, Person.archived.is_(False)).group_by(Person.opd_id)).all())
            q = select(Opd).where(Opd.region_id == r.id).order_by(Opd.position, Opd.name)
            if not include_archived:
                q = q.where(Opd.archived.is_(False))
            out = []
            for o in s.scalars(q):
                head = s.get(Person, o.head_person_id) if o.head_person_id else None
                out.append(OpdView(o.id.hex, o.name, o.short_name, tuple(o.alias_list),
                                   o.head_person_id.hex if o.head_person_id else None,
                                   person_view(head).full_name if head else "", o.position,
                                   o.archived, counts.get(o.id, 0)))
            return out

    def save_opd(self, region_id, name: str, short_name: str = "", aliases=(),
                 opd_id: str | None = None) -> str:
        name = clean_text(name, 200, "Nama OPD", required=True)
        short_name = clean_text(short_name, 60, "Singkatan OPD")
        aliases = [clean_text(a, 200, "Nama lain OPD") for a in aliases or ()]
        with self.store.session() as s:
            r = _region(s, region_id)
            others = s.scalars(select(Opd).where(Opd.region_id == r.id, Opd.archived.is_(False))).all()
            own = _uuid(opd_id) if opd_id else None
            clash = _opd_clash([o for o in others if o.id != own], [name, short_name, *aliases])
            if clash is not None:
                raise ValidationError(f"OPD '{clash[0]}' sudah ada sebagai '{clash[1].name}'.")
            if opd_id:
                opd = s.get(Opd, _uuid(opd_id))
                if opd is None or opd.region_id != r.id:
                    raise NotFound("OPD tidak ditemukan.")
            else:
                opd = Opd(region_id=r.id, name=name, position=len(others))
                s.add(opd)
            new_aliases = json.dumps(_clean_aliases(aliases), ensure_ascii=False)
            for key, value in (("name", name), ("short_name", short_name), ("aliases", new_aliases)):
                if getattr(opd, key) != value:
                    setattr(opd, key, value)
            s.flush()
            return opd.id.hex

    def add_common_opds(self, region_id, names: list[str] | None = None) -> int:
        """Add OPDs from the built-in list (all of it, or the chosen names) that are missing."""
        from ..domain.demo_data import COMMON_OPDS

        with self.store.session() as s:  # all or nothing
            r = _region(s, region_id)
            present = list(s.scalars(select(Opd).where(Opd.region_id == r.id, Opd.archived.is_(False))))
            added = 0
            for item in COMMON_OPDS:
                if names is not None and item["name"] not in names:
                    continue
                if _opd_clash(present, [item["name"], item["short_name"]]) is not None:
                    continue  # the region already has this OPD, perhaps under another name
                aliases = [a for a in item.get("aliases", ()) if _opd_clash(present, [a]) is None]
                opd = Opd(region_id=r.id, name=item["name"], short_name=item["short_name"],
                          position=len(present))
                opd.alias_list = _clean_aliases(aliases)
                s.add(opd)
                present.append(opd)
                added += 1
            return added

    def set_opd_head(self, opd_id, person_id: str | None) -> None:
        with self.store.session() as s:
            opd = s.get(Opd, _uuid(opd_id))
            if opd is None:
                raise NotFound("OPD tidak ditemukan.")
            new = _uuid(person_id) if person_id else None
            if new is not None:
                p = s.get(Person, new)
                if p is None or p.region_id != opd.region_id:
                    raise NotFound("Orang itu tidak terdaftar di wilayah ini.")
            if opd.head_person_id != new:
                opd.head_person_id = new

    def set_opd_archived(self, opd_id, archived: bool) -> None:
        with self.store.session() as s:
            opd = s.get(Opd, _uuid(opd_id))
            if opd is None:
                raise NotFound("OPD tidak ditemukan.")
            if opd.archived != archived:
                opd.archived = archived

    def move_opd(self, opd_id, offset: int) -> None:
        with self.store.session() as s:
            opd = s.get(Opd, _uuid(opd_id))
            if opd is None:
                raise NotFound("OPD tidak ditemukan.")
            siblings = list(s.scalars(select(Opd).where(Opd.region_id == opd.region_id,
                                                        Opd.archived.is_(False))
                                      .order_by(Opd.position, Opd.name)))
            reposition(siblings, opd, offset)

    # --- people ----------------------------------------------------------------------
    def people(self, region_id, include_archived: bool = False) -> list[PersonView]:
        """Everyone of a region in name order, with two queries whatever the count."""
        with self.store.session() as s:
            r = _region(s, region_id)
            opds = {o.id: o for o in s.scalars(select(Opd).where(Opd.region_id == r.id))}
            q = select(Person).where(Person.region_id == r.id).order_by(Person.search_key)
            if not include_archived:
                q = q.where(Person.archived.is_(False))
            return [person_view(p, opds.get(p.opd_id)) for p in s.scalars(q)]

    def export(self, region_id, path) -> tuple[Path, int]:
        """Write the region's directory to .xlsx or .csv (chosen by the file name)."""
        from ..domain.people import CATEGORIES, format_nip
        from ..domain.regions import display_name
        from ..reports.people_export import write_people_csv, write_people_xlsx

        path = Path(path)
        suffix = path.suffix.lower()
        if suffix not in (".xlsx", ".csv"):
            raise ValidationError("Nama berkas ekspor harus berakhiran .xlsx atau .csv.")
        with self.store.session() as s:
            r = _region(s, region_id)
            title = f"Daftar Peserta {display_name(r.kind, r.name)}"
        people = self.people(region_id)
        rows = [{"no": str(i), "prefix": p.prefix, "name": p.name, "suffix": p.suffix,
                 "full_name": p.full_name, "nip": p.nip, "golongan": p.golongan, "jabatan": p.jabatan,
                 "opd": p.opd_name, "phone": p.phone, "email": p.email, "gender": p.gender,
                 "category": CATEGORIES.get(p.category, p.category), "review_note": p.review_note,
                 "id": p.id} for i, p in enumerate(people, 1)]
        if suffix == ".xlsx":
            written = write_people_xlsx(path, rows, title=title, subtitle=f"{len(rows)} orang")
        else:
            # Spreadsheet programs open CSV by guessing types: a spaced NIP and a national
            # phone number stay text there (and the importer reads both back exactly).
            for row in rows:
                row["nip"] = format_nip(row["nip"]) if row["nip"] else ""
                row["phone"] = national_phone(row["phone"])
            written = write_people_csv(path, rows)
        return Path(written), len(rows)

    def person(self, person_id) -> PersonView:
        with self.store.session() as s:
            p = s.get(Person, _uuid(person_id))
            if p is None:
                raise NotFound("Orang tidak ditemukan.")
            return person_view(p)

    def update_people(self, person_ids: list[str], *, opd_id: str | None | object = ...,
                      category: str | None = None, archived: bool | None = None) -> int:
        """Bulk change (one transaction): OPD (None clears it), category, archived. Returns rows changed."""
        from ..domain.people import CATEGORIES

        if category is not None and category not in CATEGORIES:
            raise ValidationError(f"Kategori '{category}' tidak dikenal.")
        changed = 0
        with self.store.session() as s:
            people = [s.get(Person, _uuid(pid)) for pid in person_ids]
            if any(p is None for p in people):
                raise NotFound("Sebagian orang yang dipilih tidak ditemukan lagi.")
            new_opd = None
            if opd_id is not ... and opd_id is not None:
                opd = s.get(Opd, _uuid(opd_id))
                if opd is None or any(p.region_id != opd.region_id for p in people):
                    raise NotFound("OPD tidak ditemukan di wilayah ini.")
                new_opd = opd.id
            for p in people:
                before = (p.opd_id, p.category, p.archived)
                if opd_id is not ...:
                    p.opd_id = new_opd
                if category is not None:
                    p.category = category
                if archived is not None:
                    p.archived = archived
                changed += (p.opd_id, p.category, p.archived) != before
        return changed

    def save_person(self, region_id, data: PersonInput, person_id: str | None = None,
                    review_note: str | None = None) -> str:
        clean, _warnings = validate_person(data)
        if review_note is not None:
            review_note = clean_text(review_note, 2000, "Catatan pemeriksaan")
        with self.store.session() as s:
            r = _region(s, region_id)
            if clean.opd_id:
                opd = s.get(Opd, _uuid(clean.opd_id))
                if opd is None or opd.region_id != r.id:
                    raise NotFound("OPD tidak ditemukan di wilayah ini.")
            if person_id:
                p = s.get(Person, _uuid(person_id))
                if p is None or p.region_id != r.id:
                    raise NotFound("Orang tidak ditemukan.")
            else:
                p = Person(region_id=r.id, name=clean.name)
                s.add(p)
            values = dict(prefix=clean.prefix, name=clean.name, suffix=clean.suffix, nip=clean.nip,
                          golongan=clean.golongan, jabatan=clean.jabatan,
                          opd_id=_uuid(clean.opd_id) if clean.opd_id else None, phone=clean.phone,
                          email=clean.email, gender=clean.gender, category=clean.category)
            if review_note is not None:
                values["review_note"] = review_note
            for key, value in values.items():
                if getattr(p, key) != value:
                    setattr(p, key, value)
            s.flush()
            return p.id.hex
